"""Helpers for the first-view tests: a view rendered in-process, the guard called as an ASGI app, and an HTML
reader for the tags and text of a fragment."""

from __future__ import annotations

import asyncio
import threading
from html.parser import HTMLParser
from importlib.util import find_spec
from pathlib import Path

from geo.paths import GPKG
from geo.render.firstview import body_html, head_html
from geo.view.pages import Request, request_of
from geo.view.search import find_in

from .data import app_model

INDEX = (Path(find_spec("streamlit").origin).parent / "static" / "index.html").read_text(encoding="utf-8")


def request(path: str = "/", model=None, **params: str) -> Request:
    model = model or app_model()
    params = {k: [v] for k, v in params.items()}
    return request_of(path, params, model.by_code, model.kommun_lan, lambda q: find_in(model, q))  # as the guard


def view(path: str = "/", **params: str) -> tuple[Request, str, str]:
    """``(request, head, body)`` of an address on the committed data."""
    model = app_model()
    req = request(path, model, **params)
    return req, head_html(req, model, "https://rsp.example", ""), body_html(req, model)


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of a fragment."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def meta(self, key: str) -> str:
        found = [a["content"] for t, a in self.tags if t == "meta" and key in (a.get("property"), a.get("name"))]
        assert len(found) == 1, (key, found)
        return found[0]


def run_in_a_thread(work) -> None:
    """``work()`` in a thread of its own: asyncio.run needs a thread without a running event loop, and
    Playwright's sync API keeps one in the main thread while the session's browser is open."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # re-raised in the test's thread
            failed.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive(), "the ASGI call did not end within 120 s"
    if failed:
        raise failed[0]


def asgi(
    path: str,
    query: bytes = b"",
    headers=(),
    inner_status: int = 200,
    inner_type: bytes = b"text/html",
    method: str = "GET",
    gpkg: Path = GPKG,
) -> tuple[int, dict, bytes]:
    """One request through the guard in front of a stand-in for Streamlit that answers with its index page:
    ``(status, headers, body)``. The guard reads the process's one data model for ``gpkg``."""
    from geo.web.guard import Guard

    async def inner(scope, receive, send):
        # the guard compresses, not Streamlit, and never lets Streamlit answer 304 for an old copy
        assert not any(k in (b"accept-encoding", b"if-none-match", b"if-modified-since") for k, _ in scope["headers"])
        await send(
            {
                "type": "http.response.start",
                "status": inner_status,
                "headers": [(b"content-type", inner_type), (b"content-length", b"1"), (b"etag", b"x")],
            }
        )
        await send({"type": "http.response.body", "body": INDEX.encode("utf-8")})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query,
        "scheme": "http",
        "headers": [(b"host", b"127.0.0.1:8501"), *headers],
    }
    run_in_a_thread(lambda: asyncio.run(Guard(inner, gpkg=gpkg)(scope, receive, send)))
    return sent[0]["status"], dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])
