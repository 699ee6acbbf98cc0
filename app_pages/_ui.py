"""The app's edge: cached data loading, the view state shared by all pages, and its URL sync.

Pages import from here; the core logic lives in :mod:`geo` (pure Python).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode, urlsplit

import datetime as dt
import logging
import os
import threading
import time

import streamlit as st

from app_pages import _map_component as map_component
from app_pages._map_component import Mounted
from geo import gpkg, urlstate
from geo.card import note_html
from geo.gpkg import AppData
from geo.i18n import t
from geo.mapview import Fit, MapState, map_state
from geo.paths import GPKG
from geo.urlstate import ViewState

log = logging.getLogger("rsp")
VIEW_KEY = "rsp_view"
NOTICE_KEY = "rsp_dropped"
PATH_KEY = "rsp_path"
TABLE_ROW_PX = 35  # a table row as Streamlit's dataframe draws it


def full_height(rows: int) -> int:
    """A dataframe's height that shows every row and the header, without an inner scroll area."""
    return TABLE_ROW_PX * (rows + 1) + 3


# A table's link column shows the address's host (Streamlit's LinkColumn display_text takes a regex group)
HOST_RE = r"https?://(?:www\.)?([^/]+)"


# The data and the mounted map, read once per process and GeoPackage version (at most two kept). Not in
# st.cache_resource: any client can send Streamlit's clear_cache message, which empties those caches for
# everyone, and every visitor after it would wait for the GeoPackage to be read again.
_LOADED: dict[tuple[str, float], tuple[AppData, Mounted]] = {}
_LOAD_LOCK = threading.Lock()


def _load(path: str, mtime: float) -> tuple[AppData, Mounted]:
    with _LOAD_LOCK:  # sessions arriving together wait for one read
        hit = _LOADED.get((path, mtime))
        if hit is None:
            started = time.perf_counter()
            data = gpkg.load(Path(path))
            hit = (data, map_component.mount(data.base_map))
            while len(_LOADED) >= 2:
                _LOADED.pop(next(iter(_LOADED)))
            _LOADED[(path, mtime)] = hit
            log.info("RSP data loaded from %s in %.0f ms", path, (time.perf_counter() - started) * 1000)
        return hit


def gpkg_path() -> Path:
    """data/rsp.gpkg, or the file named by RSP_GPKG (tests and deployments with their own data)."""
    return Path(os.environ.get("RSP_GPKG") or GPKG)


def _loaded(path: Path | None = None) -> tuple[AppData, Mounted]:
    path = path or gpkg_path()
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _load(str(path), mtime)


def app_data(path: Path | None = None) -> AppData:
    """The app's data (geo.gpkg.load, cached); raises geo.DataUnavailable when the GeoPackage is missing or
    unreadable."""
    return _loaded(path)[0]


# --- view state -------------------------------------------------------------------------------

def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def write_url(state: ViewState) -> None:
    wanted = urlstate.to_params(state)
    if _url_params() != {k: [v] for k, v in wanted.items()}:
        st.query_params.from_dict(wanted)


def set_view(state: ViewState) -> None:
    st.session_state[VIEW_KEY] = state
    write_url(state)


def view() -> ViewState:
    return st.session_state.get(VIEW_KEY, ViewState())


def sync_from_url(data: AppData) -> ViewState:
    """Read the state from the URL (or, after a page switch cleared it, from the session).

    A page switch from the sidebar drops the parameters, so an address without any on a *new* page
    restores the session's view. On the *same* page (Back to the first, bare address) it means what it
    says: the default view.
    """
    params = _url_params()
    path, last = requested_path(), st.session_state.get(PATH_KEY)
    st.session_state[PATH_KEY] = path
    same_page = bool(path) and path == last
    if not params and VIEW_KEY in st.session_state and not same_page:
        state, dropped = st.session_state[VIEW_KEY], []
    else:
        state, dropped = urlstate.parse(params, data.by_code.keys(), data.kommun_lan)
    st.session_state[NOTICE_KEY] = dropped
    set_view(state)
    return state


def dropped_notice(lang: str) -> None:
    dropped = st.session_state.get(NOTICE_KEY) or []
    if dropped:
        st.html(note_html("ℹ️ " + t("notice_dropped", lang, params=", ".join(dropped)), "rsp-notice"))


def is_embedded() -> bool:
    """Whether the page was opened with Streamlit's ``?embed=true`` (a coordinator's embedded map)."""
    try:
        return bool(st.context.is_embedded)
    except Exception:  # no browser context (AppTest)
        return False


def requested_path() -> str:
    """The path of the address the browser asked for ("/kontakter"); "" outside a browser (AppTest)."""
    try:
        url = st.context.url or ""
    except Exception:  # no browser context
        return ""
    return (urlsplit(url).path or "/") if url else ""


def share_link(state: ViewState) -> str:
    base = ""
    try:
        base = (st.context.url or "").split("?", 1)[0]
    except Exception:  # outside a browser session (AppTest) there is no URL
        base = ""
    query = urlencode(urlstate.to_params(state))
    return f"{base}?{query}" if query else (base or "?")


# --- reconnecting -----------------------------------------------------------------------------

# Streamlit's front end asks for a script run when it reconnects only if the script was running, or while
# an auto-rerunning fragment exists (App.handleConnectionStateChanged: ``autoRerunIntervals.size > 0``).
# After a failover or a restart the page reconnects to a new process whose new session has never run the
# script: without a run, its downloads and callbacks do not exist there. This fragment, which draws nothing
# and reruns twice a day, makes the front end rerun the script (with the URL's view) on every reconnect.
# tests/test_ui.py checks the front end still has that rule; tests/test_browser_proxy.py shows the result.
RECONNECT_RERUN_EVERY = dt.timedelta(hours=12)
RECONNECT_RULE = "autoRerunIntervals.size>0"


@st.fragment(run_every=RECONNECT_RERUN_EVERY)
def rerun_on_reconnect() -> None:
    """Call once per run (app.py): the page then reruns its script whenever it reconnects to the server."""


# --- downloads --------------------------------------------------------------------------------

def kommun_rows(data: AppData) -> list[dict[str, str]]:
    """The municipalities with their FA region and type (geo.export.kommun_records over the app's data)."""
    from geo import export

    return export.kommun_records(data.kommun_name, data.kommun_lan, data.kommun_fa, data.fa_by_code, data.by_code)


def download(make, lang: str):
    """A download's data, made when the button is clicked. A failure is logged with its details and
    reaches the person as one plain sentence (the button shows it) instead of a silent nothing."""
    def run():
        try:
            return make()
        except Exception:
            log.exception("a download failed")
            raise RuntimeError(t("download_failed", lang)) from None
    return run


# --- the map ----------------------------------------------------------------------------------

LAST_CLICK_KEY = "rsp_last_click"


def take_click(value=None) -> str | None:
    """The map event not handled yet — a county's code, or ``"sverige"`` for the "all of Sweden" button —
    or None; marks it handled.

    The map reports each click with a counter, so a click is taken once whichever way it arrives: through
    the component's on_change callback, or, when that did not fire, from the value the component returned.
    The callback does not fire after a server restart: the page reconnects to a new session that has no
    callbacks registered until its first run, so that run sees the click only as the component's value.
    """
    mounted = _loaded()[1]
    click = map_component.clicked(value if value is not None else st.session_state.get(mounted.key))
    if click is None or st.session_state.get(LAST_CLICK_KEY) == click:
        return None
    st.session_state[LAST_CLICK_KEY] = click
    return click[0]


def county_map(state: MapState, overlays=None, on_click=None, fit: Fit | None = None, height: int = 560):
    """The county map for this run (mounted once per data file, then updated in place)."""
    return map_component.show(_loaded()[1], map_state(state, overlays, fit), height=height, on_click=on_click)
