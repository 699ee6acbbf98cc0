"""geo/serverlog.py: Streamlit's WebSocket warnings on one line, and the seam it depends on."""

from __future__ import annotations

import inspect
import logging

import pytest

from geo.web import serverlog
from geo.web.guard import PEERS_ENV, peers_from_env


def test_the_streamlit_logger_and_message_it_filters_still_exist():
    """A seam: Streamlit's module, its logger's name and the warning it logs for a frame that is no BackMsg."""
    from streamlit.web.server.starlette import starlette_websocket

    assert starlette_websocket._LOGGER.name == serverlog.STREAMLIT_WS_LOGGER
    assert "Error deserializing back message" in inspect.getsource(starlette_websocket)


def test_a_record_with_a_traceback_becomes_one_line():
    try:
        raise ValueError("Error parsing message\nwith two lines")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "x", logging.WARNING, __file__, 1, "Error deserializing back message %s", ("!",), sys.exc_info()
        )
    assert serverlog.OneLine().filter(record)
    text = logging.Formatter().format(record)
    assert text == "Error deserializing back message ! (ValueError: Error parsing message with two lines)"


def test_install_twice_adds_one_filter_and_one_handler():
    serverlog.install()
    serverlog.install()
    ws = logging.getLogger(serverlog.STREAMLIT_WS_LOGGER)
    assert sum(isinstance(f, serverlog.OneLine) for f in ws.filters) == 1
    assert len(logging.getLogger("rsp").handlers) == 1


@pytest.mark.parametrize(
    "value, expected",
    [
        ("127.0.0.1:8601 127.0.0.1:8602", (("127.0.0.1", 8601), ("127.0.0.1", 8602))),
        ("localhost:1 [::1]:2", (("localhost", 1), ("::1", 2))),
        ("10.0.0.5:8501 evil.example:80 127.0.0.1:x 127.0.0.1", ()),  # never another host, never garbage
        ("", ()),
    ],
)
def test_download_peers_are_loopback_only(monkeypatch, value, expected):
    monkeypatch.setenv(PEERS_ENV, value)
    assert peers_from_env() == expected
