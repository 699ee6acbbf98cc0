"""Shared helpers for the browser tier: a real `streamlit run` on a free port and Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("RSP_CHROMIUM", "/usr/bin/chromium")
# Chromium resolves no host but loopback (nothing can leave the machine); the tests record any request that
# is not to the app's own origin (record_outside) and fail on it. A Playwright route on every request instead
# cost 0.3 s of a 2.2 s page load.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
FULL = "0.85"  # fill-opacity of a county at full colour (geo.mapview.FULL_OPACITY)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float = 60.0, interval: float = 0.1, what: str = "condition"):
    """Poll ``predicate`` until it returns a truthy value; raise TimeoutError naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as resp:
            return resp.status == 200
    except OSError:
        return False


class Server:
    """One `streamlit run` process on a fixed loopback port; ``restart()`` kills it (SIGKILL) and starts
    another on the same port, as a crashed and restarted server would be."""

    def __init__(self, env: dict[str, str] | None = None, app: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **(env or {})}
        self.app = str(ROOT / "serve.py") if app is None else str(app)
        self.proc: subprocess.Popen | None = None
        self.log_path = ARTIFACTS.joinpath(f"streamlit-{self.port}.log")
        self.log = open(self.log_path, "a") if ARTIFACTS.exists() else subprocess.DEVNULL

    def start(self) -> None:
        from deploy.cluster import streamlit_argv

        self.proc = subprocess.Popen(
            streamlit_argv(self.app, self.port),
            cwd=str(ROOT),
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        proc = self.proc
        wait_until(lambda: proc.poll() is not None or _healthy(self.url), timeout=90, what="streamlit /_stcore/health")
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")

    def stop(self, hard: bool = False) -> None:
        if self.proc is None:
            return
        from deploy.cluster import end

        end(self.proc, hard)
        self.proc = None

    def restart(self) -> None:
        self.stop(hard=True)
        wait_until(lambda: not _healthy(self.url), timeout=15, what="the old server to be gone")
        self.start()

    def close(self) -> None:
        self.stop()
        if self.log is not subprocess.DEVNULL:
            self.log.close()


@contextlib.contextmanager
def running_server(env: dict[str, str] | None = None, app: Path | None = None) -> Iterator[Server]:
    server = Server(env, app)
    try:
        server.start()
        yield server
    finally:
        server.close()


@contextlib.contextmanager
def streamlit_server(env: dict[str, str] | None = None, app: Path | None = None) -> Iterator[str]:
    """Serve the app the way `make run` does (serve.py), or ``app`` with plain `streamlit run`."""
    with running_server(env, app) as server:
        yield server.url


def record_outside(target, allowed_origin: str, outside: list[str]):
    """Record every request of a context (its pages', popups' and frames' too) that does not go to the app's
    own origin (Chromium, started with LOOPBACK_ONLY, cannot reach any other host; a request elsewhere fails
    the test). Returns the listener (``target.remove_listener("request", it)`` stops the recording)."""
    allowed = urlsplit(allowed_origin)

    def seen(request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and (parts.hostname, parts.port) != (allowed.hostname, allowed.port):
            outside.append(request.url)

    target.on("request", seen)
    return seen


def block_outside(context, allowed_origin: str, outside: list[str]) -> None:
    """Abort every request that does not go to the app's own loopback origin; record them."""
    allowed = urlsplit(allowed_origin)

    def handle(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or (parts.hostname == allowed.hostname and parts.port == allowed.port):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", handle)


# Browser contexts shared by the tests of a session, one per kind (viewport, touch, script), so that each
# test's page finds Streamlit's scripts in the context's cache (a page load: 1.9 s instead of 2.2 s).
_SHARED: dict[tuple, object] = {}


def _shared_context(browser, options: dict):
    key = (id(browser), tuple(sorted((k, str(v)) for k, v in options.items())))
    context = _SHARED.get(key)
    if context is None or context.browser is None or not context.browser.is_connected():
        context = _SHARED[key] = browser.new_context(**options)
    return context


class Session:
    """A page on the app, recording outside requests, dialogs and page errors. Its own page in a context
    shared with the session's other tests of the same kind, or, with ``fresh=True``, a fresh context of its
    own (a new visitor: an empty cache, no cookies; and for tests that route or watch the whole context)."""

    def __init__(self, browser, server, viewport=(1400, 1000), fresh: bool = False, **context_options):
        self.server = server
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        # the proxy tests pass ignore_https_errors: Chromium does not know Caddy's local CA
        self.context_options = context_options
        options = {"viewport": {"width": viewport[0], "height": viewport[1]}, **context_options}
        self.fresh = fresh
        self.context = browser.new_context(**options) if fresh else _shared_context(browser, options)
        # the tests of a session run one after another: while this one runs, the context's requests are its own
        self._recorder = record_outside(self.context, server, self.outside)
        self.page = self.context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str = "/", wait_map: bool = True):
        self.page.goto(self.server + path)
        if wait_map:
            self.wait_for_map()
        else:
            self.page.locator("h1").first.wait_for()
            self.wait_live()
        return self

    def wait_live(self):
        """The live app has taken over from the server's first view (geo/firstview.py: #rsp-first is gone)."""
        self.page.wait_for_function("() => !document.getElementById('rsp-first')", timeout=60_000)

    @property
    def map(self):
        return self.page.frame_locator(MAP_FRAME)

    def paths(self):
        return self.map.locator("path.leaflet-interactive")

    def county(self, code: str):
        """A county's polygon, with the map scrolled fully into view first: Playwright's own scrolling of
        an element inside a partly visible iframe moves the page after it has picked the click point."""
        self.page.locator(MAP_FRAME).scroll_into_view_if_needed()
        return self.map.locator(f'path[data-lan="{code}"]')

    def click_visible(self, code: str) -> None:
        """Click a county where it shows in the map (it may be only partly in view after a fit): the first
        point of a grid over its visible part where the county itself is the top element."""
        self.page.locator(MAP_FRAME).scroll_into_view_if_needed()
        frame = next(f for f in self.page.frames if "st_folium" in f.url)
        point = frame.evaluate(
            """code => {
            const el = document.querySelector(`path[data-lan="${code}"]`), r = el.getBoundingClientRect();
            const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, innerWidth), y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, innerHeight);
            for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
                const x = x0 + (x1 - x0) * i / 12, y = y0 + (y1 - y0) * j / 12, hit = document.elementFromPoint(x, y);
                if (hit && hit.getAttribute("data-lan") === code) return [x, y];
            }
            return null; }""",
            code,
        )
        assert point, f"county {code} is not in view"
        box = self.page.locator(MAP_FRAME).bounding_box()
        self.page.mouse.click(box["x"] + point[0], box["y"] + point[1])

    def first_screen_point(self, code: str) -> tuple[float, float] | None:
        """Where a person sees county ``code`` on the screen as it is, without scrolling: the first point of a
        grid over the part of the county inside both the map and the window where the county itself is the
        top element, in page coordinates (None when none of it shows)."""
        box = self.page.locator(MAP_FRAME).bounding_box()
        width, height = self.page.evaluate("[innerWidth, innerHeight]")
        frame = next(f for f in self.page.frames if "st_folium" in f.url)
        point = frame.evaluate(
            """([code, vx0, vy0, vx1, vy1]) => {
            const el = document.querySelector(`path[data-lan="${code}"]`), r = el.getBoundingClientRect();
            const x0 = Math.max(r.left, 0, vx0), x1 = Math.min(r.right, innerWidth, vx1);
            const y0 = Math.max(r.top, 0, vy0), y1 = Math.min(r.bottom, innerHeight, vy1);
            if (x1 <= x0 || y1 <= y0) return null;
            for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
                const x = x0 + (x1 - x0) * i / 12, y = y0 + (y1 - y0) * j / 12, hit = document.elementFromPoint(x, y);
                if (hit && hit.getAttribute("data-lan") === code) return [x, y];
            }
            return null; }""",
            [code, -box["x"], -box["y"], width - box["x"], height - box["y"]],
        )
        return (box["x"] + point[0], box["y"] + point[1]) if point else None

    def click_first_screen(self, code: str) -> None:
        """Click (or tap) county ``code`` where it shows on the first screen, as a person does: no scrolling
        before, the press and the release at the same point of the screen."""
        point = self.first_screen_point(code)
        assert point, f"county {code} does not show on the first screen"
        if self.context_options.get("has_touch"):
            self.page.touchscreen.tap(*point)
        else:
            self.page.mouse.click(*point)

    def map_view(self) -> dict:
        """The map's zoom and fit target, read from the mounted Leaflet map."""
        frame = next(f for f in self.page.frames if "st_folium" in f.url)
        return frame.evaluate("() => window.rspMap ? window.rspMap.view() : null")

    def all_of_sweden(self):
        """Press the map's "Hela Sverige" / "All of Sweden" button and wait until the map shows it."""
        self.page.locator(MAP_FRAME).scroll_into_view_if_needed()
        self.map.locator("button.rsp-home").click()
        wait_until(lambda: (self.map_view() or {}).get("fitKey") == "sverige", what="the map to show all of Sweden")

    def wait_for_map(self):
        wait_until(lambda: self.paths().count() == 21, timeout=60, what="21 county polygons")
        wait_until(lambda: self.map.locator("path[data-active]").count() == 21, what="map state applied")
        self.wait_live()

    def full_colour(self) -> list[str]:
        return sorted(
            p.get_attribute("data-lan") for p in self.paths().all() if p.get_attribute("fill-opacity") == FULL
        )

    def url(self) -> str:
        # location.href, not page.url: Playwright's copy can miss a pushState (seen after Escape)
        return self.page.evaluate("location.href")

    def params(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.url()).query)

    def wait_params(self, expected: dict[str, list[str]]):
        wait_until(lambda: self.params() == expected, what=f"URL params {expected}, have {self.params()}")

    def exceptions(self) -> int:
        return self.page.locator('[data-testid="stException"]').count()

    def share_link(self) -> str:
        return self.page.locator("a.rsp-share-link").first.inner_text()

    def settled(self):
        """Wait until the share box shows this URL's view (the last rerun has finished drawing)."""
        wait_until(
            lambda: (
                self.share_link().split("?")[-1] == self.url().split("?")[-1]
                or ("?" not in self.share_link() and "?" not in self.url())
            ),
            what="the page to settle",
        )
        wait_until(lambda: self.page.locator('[data-stale="true"]').count() == 0, what="no stale elements")

    def screenshot(self, name: str):
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        if self.fresh:
            self.context.close()
            return
        self.context.remove_listener("request", self._recorder)
        for page in self.context.pages:  # this test's page and any it opened (a link's new tab)
            page.close()


@contextlib.contextmanager
def session(browser, server, **kw):
    s = Session(browser, server, **kw)
    try:
        yield s
        assert s.outside == [], f"requests left the app's origin: {s.outside}"
        assert s.dialogs == [], f"a dialog opened: {s.dialogs}"
    finally:
        s.close()


def card(s: Session):
    return s.page.locator("section.rsp-card")


def serious(results) -> list[str]:
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
