"""The app's HTTP guard: an ASGI middleware in front of Streamlit (pure Python, no streamlit import).

Without a reverse proxy, Streamlit alone would
- serve any file put under ``static/`` from the app's origin (an ``.html`` or ``.svg`` with a script),
- publish ``/_stcore/metrics`` to anyone,
- answer a page address of several segments (``/om/x``) with its index page, whose relative asset links
  then resolve under that path and fail: a blank page.
The guard answers those itself: ``/app/static`` serves only the allow-listed Leaflet files, the metrics
endpoint is not found, and an unknown multi-segment page address gets a small bilingual "not found" page
with a link to the map.

It also puts the answer into the first response (geo/render/firstview.py, geo/web/index.py): Streamlit's HTML page for every page
address gets the view's head (title, description, link previews) and its first view, which works before
and without any script. The preview images, the favicon and a CSV of all contacts are served under
``/_rsp/``. Everything else passes through untouched.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import hashlib
import logging
import os
import re
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from ..data.gpkg import DataUnavailable
from ..data.model import Model
from ..i18n import DEFAULT_LANG, LANGS
from ..render import export
from ..render.changelog import FEED_MIME, atom_feed
from ..render.mapview import fa_layer
from ..render.ogimage import favicon_png, preview
from ..render.plain import not_found_page_html, unavailable_page_html
from ..rules import LOAD_WAIT_S, MAX_PEER_BODY, PEER_TIMEOUT_S
from ..view.pages import BY_KEY, MAP, NOT_FOUND, page_at, query, request_of
from ..view.rows import contacts_rows
from ..view.search import find_in
from ..view.urlstate import ViewState
from .assets import FILES as LEAFLET_FILES
from .index import index_problems, inject
from .store import Store, store_for

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable, Callable], Awaitable[None]]

STATIC_ALLOWED = frozenset(f"/app/static/leaflet/{name}" for name in LEAFLET_FILES)
BLOCKED = frozenset({"/_stcore/metrics"})
# First path segments that belong to Streamlit's server, not to pages.
SERVER_PREFIXES = ("_stcore", "static", "media", "component", "app", "auth", "oauth2callback", "_rsp")
# The files at the root that Streamlit serves (its static folder's top level but index.html, which the guard
# serves as the pages; tests/unit/test_guard.py checks the installed Streamlit has no other). Any other file
# name at the root got Streamlit's index page with 200: a soft 404.
ROOT_FILES = ("favicon.png", "manifest.json")
log = logging.getLogger(__name__)


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _is_server(path: str) -> bool:
    """Streamlit's own addresses (its files, its API, downloads, the component) and files at the root."""
    segments = _segments(path)
    return bool(segments) and (segments[0] in SERVER_PREFIXES or (len(segments) == 1 and segments[0] in ROOT_FILES))


def _is_unknown_page(path: str) -> bool:
    """A page address that no page of the registry has: any other segment, several segments, or characters
    no page path has (a NUL, say). Streamlit would answer those with its page and 200 (its own "page not
    found" dialog, or a blank page where its files cannot load under the path)."""
    if _is_server(path):
        return False
    return page_at(path) is NOT_FOUND or any(ord(c) < 32 or c in "<>\"'`\\" for c in path)


def _other(lang: str) -> str:
    return next(code for code in LANGS if code != lang)


def _lang_of(scope: Scope) -> str:
    lang = (parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang") or [""])[-1].strip().lower()
    return lang if lang in LANGS else DEFAULT_LANG


async def _send(
    send: Callable, status: int, body: bytes, content_type: str, cache: bytes = b"no-store", extra: tuple = ()
) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"x-content-type-options", b"nosniff"),
                (b"cache-control", cache),
                *extra,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# --- the first view and the files it names -------------------------------------------------------------


@dataclass(frozen=True)
class Served:
    """What the guard answers from the data, made once per data model (in a thread, off the event loop)."""

    favicon: bytes
    kommun_csv: bytes
    fa_file: str  # fa-<hash>.json: the region-type view's FA layer, the name the app's map asks for
    fa_json: bytes
    fa_json_gz: bytes


def served_of(model: Model) -> Served:
    """The guard's files for a model (made once per model: Model.derived)."""

    def make() -> Served:
        fa_file, fa_json = fa_layer(model)
        return Served(
            favicon_png(),
            export.kommun_csv(export.kommun_records(model)),
            fa_file,
            fa_json,
            gzip.compress(fa_json, compresslevel=9),
        )

    return model.derived("guard-served", make)


_FILE = re.compile(
    r"/_rsp/(?:og/(?P<og>[0-9a-z-]{1,24})\.png|(?P<name>favicon\.png|rsp-kommuner\.csv)"
    r"|rsp-kontakter\.(?P<contacts>csv|xlsx|vcf)|(?P<fa>fa-[0-9a-f]{16}\.json)|(?P<feed>andringar\.atom))"
)
_IMMUTABLE_DAY = b"public, max-age=86400"
_IMMUTABLE = b"public, max-age=31536000, immutable"  # a content-hashed address


def _header(scope: Scope, name: bytes) -> str:
    return next((v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == name), "")


def _origin(scope: Scope) -> str:
    """The address visitors use: RSP_PUBLIC_URL, else the request's own (a proxy's X-Forwarded-Proto)."""
    public = os.environ.get("RSP_PUBLIC_URL", "").rstrip("/")
    if public:
        return public
    scheme = _header(scope, b"x-forwarded-proto").split(",")[0].strip() or scope.get("scheme", "http")
    host = _header(scope, b"host") or "localhost"
    if scheme not in ("http", "https") or not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]{1,255}", host):
        scheme, host = "http", "localhost"
    return f"{scheme}://{host}"


# --- download files from the other app processes ------------------------------------------------------

PEERS_ENV = "RSP_MEDIA_PEERS"  # "127.0.0.1:8601 127.0.0.1:8602": the other app processes of this host
PEER_HEADER = b"x-rsp-media-peer"  # on a request from a peer: answer from this process only (no loops)
_PEER_KEEP = (
    b"content-type",
    b"content-disposition",
    b"cache-control",
    b"last-modified",
    b"etag",
)  # and a length of its own


def peers_from_env() -> tuple[tuple[str, int], ...]:
    """The peers named in RSP_MEDIA_PEERS, loopback addresses only (a file is never asked of another host)."""
    found = []
    for item in os.environ.get(PEERS_ENV, "").split():
        host, _, port = item.rpartition(":")
        if host in ("127.0.0.1", "localhost", "::1", "[::1]") and port.isdigit():
            found.append((host.strip("[]"), int(port)))
    return tuple(found)


async def _from_peer(peer: tuple[str, int], method: str, target: bytes) -> tuple[int, list, bytes] | None:
    """``(200, headers, body)`` when the peer has the file, else None (any failure: not found there)."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(*peer), PEER_TIMEOUT_S)
    except (TimeoutError, OSError):
        return None
    try:
        writer.write(
            method.encode()
            + b" "
            + target
            + b" HTTP/1.0\r\nHost: "
            + f"{peer[0]}:{peer[1]}".encode()
            + b"\r\n"
            + PEER_HEADER
            + b": 1\r\nConnection: close\r\n\r\n"
        )
        await writer.drain()
        buf = bytearray()
        while len(buf) <= MAX_PEER_BODY + 65536 and (
            more := await asyncio.wait_for(reader.read(65536), PEER_TIMEOUT_S)
        ):
            buf += more
        raw = bytes(buf)
    except (TimeoutError, OSError):
        return None
    finally:
        writer.close()
    head, sep, body = raw.partition(b"\r\n\r\n")
    status, *fields = head.split(b"\r\n")
    if not sep or status.split()[1:2] != [b"200"] or len(body) > MAX_PEER_BODY:
        return None
    headers = []
    for field in fields:
        name, _, value = field.partition(b":")
        if (name := name.strip().lower()) in _PEER_KEEP:
            headers.append((name, value.strip()))
    headers.append((b"content-length", str(len(body)).encode()))
    return 200, headers, body if method != "HEAD" else b""


async def _whole(app: ASGIApp, scope: Scope, receive: Callable) -> tuple[dict, bytes]:
    """The inner app's answer, kept instead of sent: its start message and its whole body."""
    start: dict = {}
    chunks: list[bytes] = []

    async def capture(message: dict) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, capture)
    return start, b"".join(chunks)


class Guard:
    """ASGI middleware: ``Guard(app, base_path="")``."""

    def __init__(
        self,
        app: ASGIApp,
        base_path: str = "",
        gpkg: Path | None = None,
        peers: tuple[tuple[str, int], ...] | None = None,
    ) -> None:
        self.app = app
        self.peers = peers_from_env() if peers is None else peers
        self.base = "/" + base_path.strip("/") if base_path.strip("/") else ""
        self.store: Store = store_for(gpkg)
        # start reading the data and making the files now, before the first visitor
        threading.Thread(target=self._warm, daemon=True, name="rsp-guard-warm").start()

    def _warm(self) -> None:
        try:
            served_of(self.store.model())
        except DataUnavailable:
            pass  # logged by the store; every page says so

    async def _data(self) -> tuple[Model, Served] | None:
        """The model to serve and its files, or None when there is no good data (the app says so)."""
        try:
            model = await asyncio.wait_for(asyncio.wrap_future(self.store.future()), LOAD_WAIT_S)
        except (TimeoutError, DataUnavailable):
            return None
        return model, await asyncio.to_thread(served_of, model)

    def _local(self, path: str) -> str | None:
        if not self.base:
            return path
        if path == self.base or path.startswith(self.base + "/"):
            return path[len(self.base) :] or "/"
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
            await self._not_found(scope, send, path)
            return
        if scope.get("method") in ("GET", "HEAD") and path.startswith("/_rsp/"):
            await self._file(path, send, scope)
            return
        if scope.get("method") == "GET" and not _is_server(path):
            await self._page(scope, receive, send, path)
            return
        if (
            scope.get("method") in ("GET", "HEAD")
            and path.startswith("/media/")
            and self.peers
            and not _header(scope, PEER_HEADER)
        ):
            await self._media(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _not_found(self, scope: Scope, send: Callable, path: str) -> None:
        """404: the address names no page; in the chosen language, a link to the map keeping the view."""
        lang = _lang_of(scope)
        data = await self._data()
        params = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        state = request_of("/", params, data[0].by_code, data[0].kommun_lan).state if data else ViewState(lang)
        home = (self.base or "") + "/"
        view = query(MAP, state)
        body = not_found_page_html(
            lang, path, home + ("" if view == "?" else view), query(MAP, state.with_(lang=_other(lang)))
        )
        await _send(send, 404, body.encode("utf-8"), "text/html; charset=utf-8")

    async def _unavailable(self, scope: Scope, send: Callable) -> None:
        """503: no good data to show (missing, refused, or still being read after LOAD_WAIT_S)."""
        lang = _lang_of(scope)
        body = unavailable_page_html(lang, query(MAP, ViewState(_other(lang))))
        await _send(send, 503, body.encode("utf-8"), "text/html; charset=utf-8", extra=((b"retry-after", b"60"),))

    async def _media(self, scope: Scope, receive: Callable, send: Callable) -> None:
        """A download file (``/media/…``) lives in the process whose session made it. A browser with two
        tabs may have been placed on another process by its newer tab (deploy/Caddyfile places each page
        load afresh): a file this process does not have is asked of the other app processes on loopback
        (RSP_MEDIA_PEERS, set by deploy/cluster.py) before the 404 is sent."""
        start, body = await _whole(self.app, scope, receive)
        if start.get("status") == 404:
            target = scope.get("raw_path") or scope.get("path", "").encode()
            target += (b"?" + scope["query_string"]) if scope.get("query_string") else b""
            for peer in self.peers:
                found = await _from_peer(peer, scope.get("method", "GET"), target)
                if found is not None:
                    status, headers, body = found
                    await send({"type": "http.response.start", "status": status, "headers": headers})
                    await send({"type": "http.response.body", "body": body})
                    return
        await send(
            {"type": "http.response.start", "status": start.get("status", 500), "headers": start.get("headers", [])}
        )
        await send({"type": "http.response.body", "body": body})

    async def _file(self, path: str, send: Callable, scope: Scope) -> None:
        data = await self._data()
        served = data[1] if data else None
        m = _FILE.fullmatch(path)
        body = None
        if served and m and m.group("fa"):
            if m.group("fa") != served.fa_file:  # another data set's layer: gone
                await _send(send, 404, b"Not found\n", "text/plain; charset=utf-8")
                return
            gz = "gzip" in _header(scope, b"accept-encoding")
            extra = ((b"vary", b"Accept-Encoding"),) + (((b"content-encoding", b"gzip"),) if gz else ())
            await _send(
                send,
                200,
                served.fa_json_gz if gz else served.fa_json,
                "application/geo+json",
                cache=_IMMUTABLE,
                extra=extra,
            )
            return
        if data and m and m.group("feed"):
            await self._feed(scope, send, data[0])
            return
        if data and m and m.group("contacts"):
            await self._contacts_file(scope, send, data[0], m.group("contacts"))
            return
        if served and m and m.group("og"):  # drawn when first asked for (then kept with the model)
            body, kind = await asyncio.to_thread(preview, data[0], m.group("og")), "image/png"
        elif served and m and m.group("name") == "favicon.png":
            body, kind = served.favicon, "image/png"
        elif served and m and m.group("name"):
            body, kind = served.kommun_csv, "text/csv; charset=utf-8"
        if body is None:
            await _send(send, 404, b"Not found\n", "text/plain; charset=utf-8")
            return
        name = (m.group("name") or "").encode()
        extra = (
            ((b"content-disposition", b'attachment; filename="' + name + b'"'),) if kind.startswith("text/csv") else ()
        )
        await _send(send, 200, body, kind, cache=_IMMUTABLE_DAY, extra=extra)

    async def _feed(self, scope: Scope, send: Callable, model: Model) -> None:
        """The change log's Atom feed (geo/render/changelog.py), in the address's language; its ETag is the
        body's hash, so a reader that has it gets a 304 until the data's log changes."""
        lang = _lang_of(scope)
        site = _origin(scope) + self.base
        body = atom_feed(model.changelog, lang, site, model.meta.get("built_at", ""))
        etag = b'"' + hashlib.sha256(body).hexdigest()[:32].encode() + b'"'
        extra = ((b"etag", etag), (b"vary", b"Accept-Encoding"))
        cache = b"public, max-age=3600"
        seen = {v.strip().removeprefix("W/") for v in _header(scope, b"if-none-match").split(",")}
        if etag.decode() in seen or "*" in seen:
            await send(
                {"type": "http.response.start", "status": 304, "headers": [(b"etag", etag), (b"cache-control", cache)]}
            )
            await send({"type": "http.response.body", "body": b""})
            return
        if "gzip" in _header(scope, b"accept-encoding"):
            body, extra = gzip.compress(body, compresslevel=6), (*extra, (b"content-encoding", b"gzip"))
        await _send(send, 200, body, f"{FEED_MIME}; charset=utf-8", cache=cache, extra=extra)

    async def _contacts_file(self, scope: Scope, send: Callable, model: Model, ending: str) -> None:
        """The contacts page's downloads for a page without script: the view's selection (its search and type
        filter, ``?q=…&typ=…``) as CSV (Excel's, ";"), Excel or vCard, named as the live page names them."""
        params = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        state = request_of("/" + BY_KEY["contacts"].path, params, model.by_code, model.kommun_lan).state
        rows = contacts_rows(model.rows, state)
        make, kind = {
            "csv": (lambda: export.to_csv(rows, lang=state.lang), "text/csv; charset=utf-8"),
            "xlsx": (lambda: export.to_xlsx(rows, lang=state.lang), export.XLSX_MIME),
            "vcf": (lambda: export.vcards(rows, state.lang).encode("utf-8"), export.VCARD_MIME),
        }[ending]
        body = await asyncio.to_thread(make)
        name = f"{export.selection_stem(state, dt.date.today().isoformat())}.{ending}".encode()
        extra = ((b"content-disposition", b'attachment; filename="' + name + b'"'),)
        await _send(send, 200, body, kind, extra=extra)

    async def _page(self, scope: Scope, receive: Callable, send: Callable, path: str) -> None:
        """Streamlit's HTML page with the view's head and first view put in (geo/web/index.py)."""
        # Streamlit's page whole and plain: the guard compresses it, and a cached copy (from before the first
        # view, say) is never confirmed with a 304
        dropped = (b"accept-encoding", b"if-none-match", b"if-modified-since")
        inner = dict(scope, headers=[(k, v) for k, v in scope.get("headers", []) if k.lower() not in dropped])
        start, body = await _whole(self.app, inner, receive)
        headers = [
            (k, v)
            for k, v in start.get("headers", [])
            if k.lower() not in (b"content-length", b"etag", b"last-modified")
        ]
        is_html = any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)
        page = None
        data = await self._data() if start.get("status") == 200 and is_html else None
        if start.get("status") == 200 and is_html and data is None:
            await self._unavailable(scope, send)
            return
        if data:
            model = data[0]
            params = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
            req = request_of(path, params, model.by_code, model.kommun_lan, lambda q: find_in(model, q))
            index = body.decode("utf-8", "replace")
            page = inject(index, req, model, _origin(scope), self.base)
            if page is None:
                log.warning("Streamlit's index page lacks a first-view marker: %s", index_problems(index))
        if page is not None:
            body = page.encode("utf-8")
            headers.append((b"content-language", req.state.lang.encode()))
            headers.append((b"vary", b"Accept-Encoding"))
            if "gzip" in _header(scope, b"accept-encoding"):
                body = gzip.compress(body, compresslevel=6)
                headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": start.get("status", 500), "headers": headers})
        await send({"type": "http.response.body", "body": body})
