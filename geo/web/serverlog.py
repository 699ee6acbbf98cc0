"""The app server's log (installed by serve.py): our own lines at INFO, and Streamlit's WebSocket handler's
warnings about a client's broken frame on one line each.

Streamlit logs every frame that is not a valid BackMsg with its whole traceback (68 lines for 80 frames
from one client, say), which lets any visitor fill the log. Its logger's name is a seam: tests/test_serverlog.py
fails when a Streamlit upgrade renames it or the message.
"""

from __future__ import annotations

import logging

STREAMLIT_WS_LOGGER = "streamlit.web.server.starlette.starlette_websocket"
OWN_LOGGERS = ("rsp", "geo")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class OneLine(logging.Filter):
    """A record with an exception becomes one line: the message, the exception's type and its first 200
    characters; the traceback is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            detail = " ".join(str(exc).split())[:200]
            record.msg = f"{record.getMessage()} ({type(exc).__name__}{': ' + detail if detail else ''})"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def install() -> None:
    """Once per process (a second call adds nothing)."""
    ws = logging.getLogger(STREAMLIT_WS_LOGGER)
    if not any(isinstance(f, OneLine) for f in ws.filters):
        ws.addFilter(OneLine())
    for name in OWN_LOGGERS:
        log = logging.getLogger(name)
        if not log.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter(_FORMAT))
            log.addHandler(handler)
            log.setLevel(logging.INFO)
            log.propagate = False
