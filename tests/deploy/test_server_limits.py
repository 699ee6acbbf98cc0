"""What an anonymous client can make one app process do, with a raw WebSocket client speaking Streamlit's
protocol to a real `streamlit run serve.py` on loopback: frames over the limit are refused unread, a broken
frame costs one log line, and clear_cache does not make the next visitor wait for the data to be read."""

from __future__ import annotations

import re

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from support.browser import Server, _healthy, wait_until
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

FRAME_LIMIT = 1_000_000  # .streamlit/config.toml: maxWidgetStateSize = 1 (MB); maxMessageSize = 2
LOADED = "RSP data loaded from"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("limits") / "server.log"
    srv = Server()
    srv.log = open(log, "w")
    try:
        srv.start()
        srv.log_path = log
        yield srv
    finally:
        srv.close()


def _ws(server):
    return connect(
        server.url.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=30,
    )


def _run(ws, query: str = "lan=25") -> list[ForwardMsg]:
    """One run of the map page for ``query``, read to its end (bounded: 200 messages, 60 s)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    ws.send(msg.SerializeToString())
    got = []
    for _ in range(200):
        raw = ws.recv(timeout=60)
        fwd = ForwardMsg.FromString(raw)
        got.append((len(raw), fwd))
        if fwd.WhichOneof("type") == "script_finished":
            return got
    raise AssertionError("the run did not finish within 200 messages")


def _log(server) -> str:
    server.log.flush()
    return server.log_path.read_text(encoding="utf-8", errors="replace")


def test_a_run_works_and_its_largest_message_is_well_under_the_send_limit(server):
    with _ws(server) as ws:
        got = _run(ws)
    assert any(f.WhichOneof("type") == "delta" and 'class="rsp-card"' in f.delta.new_element.html.body for _, f in got)
    largest = max(n for n, _ in got)
    assert largest < 2_000_000 / 4, f"the largest message is {largest:,} bytes; maxMessageSize is 2 MB"


def test_a_frame_over_the_limit_closes_the_connection_and_the_process_carries_on(server):
    with _ws(server) as ws, pytest.raises(ConnectionClosed) as closed:  # noqa: PT012 (the send, then its answer)
        ws.send(b"\x00" * (FRAME_LIMIT * 3))
        ws.recv(timeout=30)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009  # Message Too Big
    assert _healthy(server.url)
    with _ws(server) as ws:  # the next visitor is served
        assert _run(ws)[-1][1].WhichOneof("type") == "script_finished"


def test_a_broken_frame_costs_one_log_line_not_a_traceback(server):
    before = _log(server)
    for n in range(5):
        with _ws(server) as ws:
            ws.send(b"\xff\xff\xff not a BackMsg %d" % n)
            with pytest.raises(ConnectionClosed):
                ws.recv(timeout=30)
    new = wait_until(
        lambda: (t := _log(server)[len(before) :]).count("Error deserializing back message") >= 5 and t,
        timeout=30,
        what="five log lines",
    )
    lines = [ln for ln in new.splitlines() if "Error deserializing back message" in ln]
    assert len(lines) == 5 and all("DecodeError" in ln for ln in lines), new
    assert "Traceback" not in new and len(new.splitlines()) <= 10, new


def test_clear_cache_from_any_client_does_not_make_the_data_be_read_again(server):
    with _ws(server) as ws:
        _run(ws)
    loads = _log(server).count(LOADED)
    assert loads == 1, "the process read its data once"
    with _ws(server) as ws:
        msg = BackMsg()
        msg.clear_cache = True
        ws.send(msg.SerializeToString())
        _run(ws, "lan=01")  # the same session, after its clear_cache
    with _ws(server) as other:  # and the next visitor
        got = _run(other, "lan=20")
    assert any('data-lan="20"' in f.delta.new_element.html.body for _, f in got if f.WhichOneof("type") == "delta")
    assert _log(server).count(LOADED) == 1, re.findall(f"{LOADED}.*", _log(server))
