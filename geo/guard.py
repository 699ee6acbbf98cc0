"""The app's HTTP guard: an ASGI middleware in front of Streamlit (pure Python, no streamlit import).

Without a reverse proxy, Streamlit alone would
- serve any file put under ``static/`` from the app's origin (an ``.html`` or ``.svg`` with a script),
- publish ``/_stcore/metrics`` to anyone,
- answer a page address of several segments (``/om/x``) with its index page, whose relative asset links
  then resolve under that path and fail: a blank page.
The guard answers those itself: ``/app/static`` serves only the allow-listed Leaflet files, the metrics
endpoint is not found, and an unknown multi-segment page address gets a small bilingual "not found" page
with a link to the map. Everything else passes through untouched.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from html import escape
from typing import Any

from .assets import FILES as LEAFLET_FILES
from .i18n import LANGS, t

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable, Callable], Awaitable[None]]

STATIC_ALLOWED = frozenset(f"/app/static/leaflet/{name}" for name in LEAFLET_FILES)
BLOCKED = frozenset({"/_stcore/metrics"})
# First path segments that belong to Streamlit's server, not to pages.
SERVER_PREFIXES = ("_stcore", "static", "media", "component", "app", "auth", "oauth2callback", "favicon.png")

NOT_FOUND_HTML = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title_sv} – RSP-kartan</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f1f1f;line-height:1.5}}
a{{color:#0b5394}}</style></head>
<body><main>
<h1>{title_sv}</h1>
<p><code>{path}</code></p>
<p>{body_sv} <a href="{home}">{link_sv}</a>.</p>
<h2 lang="en">{title_en}</h2>
<p lang="en">{body_en} <a href="{home_en}">{link_en}</a>.</p>
</main></body></html>
"""


def not_found_html(path: str, home: str) -> str:
    """The guard's "not found" page, in Swedish and English (texts from geo/i18n.py), every value escaped."""
    texts = {f"{key}_{lang}": escape(t(f"not_found_{key}", lang)) for key in ("title", "body", "link") for lang in LANGS}
    return NOT_FOUND_HTML.format(path=escape(path[:200]), home=escape(home), home_en=escape(home + "?lang=en"), **texts)


def _is_unknown_page(path: str) -> bool:
    """A page address of more than one segment, or with characters no page path has (a NUL, say)."""
    segments = [s for s in path.split("/") if s]
    if not segments or segments[0] in SERVER_PREFIXES:
        return False
    return len(segments) > 1 or any(ord(c) < 32 or c in "<>\"'`\\" for c in path)


async def _send(send: Callable, status: int, body: bytes, content_type: str) -> None:
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode()),
        (b"x-content-type-options", b"nosniff"), (b"cache-control", b"no-store"),
    ]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: ``Guard(app, base_path="")``."""

    def __init__(self, app: ASGIApp, base_path: str = "") -> None:
        self.app = app
        self.base = "/" + base_path.strip("/") if base_path.strip("/") else ""

    def _local(self, path: str) -> str | None:
        if not self.base:
            return path
        if path == self.base or path.startswith(self.base + "/"):
            return path[len(self.base):] or "/"
        return None

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = self._local(scope.get("path", "/"))
        if path is None:
            await self.app(scope, receive, send)
            return
        if path in BLOCKED or (path.startswith("/app/static/") and path not in STATIC_ALLOWED):
            await _send(send, 404, b"Not found\n", "text/plain; charset=utf-8")
            return
        if scope.get("method") in ("GET", "HEAD") and _is_unknown_page(path):
            home = (self.base or "") + "/"
            body = not_found_html(path, home)
            await _send(send, 404, body.encode("utf-8"), "text/html; charset=utf-8")
            return
        await self.app(scope, receive, send)
