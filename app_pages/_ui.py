"""The app's edge: cached data loading, the view state shared by all pages, and its URL sync.

Pages import from here; the core logic lives in :mod:`geo` (pure Python).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import datetime as dt
import hashlib
import logging
import os
import re

import geopandas as gpd
import streamlit as st
import streamlit_folium as sf

from geo import urlstate
from geo.contacts import Row
from geo.gpkg import load_counties, load_metadata, load_municipalities
from geo.card import note_html
from geo.i18n import t
from geo.mapview import (Fit, MapState, bounds_of, build_map, counties_geojson, feature_bounds, municipality_features,
                         state_script, sweden_bounds)
from geo.paths import GPKG
from geo.urlstate import ViewState
from geo.views import rows_of

log = logging.getLogger("rsp")
VIEW_KEY = "rsp_view"
NOTICE_KEY = "rsp_dropped"
PATH_KEY = "rsp_path"


@dataclass(frozen=True)
class MapParts:
    """The base map rendered once: what st_folium's component needs, minus the per-run state."""

    script: str
    header: str
    html: str
    css_links: list[str]
    js_links: list[str]
    key: str


def _render_map_parts(geojson: dict, bounds: list[list[float]]) -> MapParts:
    m = build_map(geojson, bounds)
    m.get_root().render()
    html, header = sf._get_html(m), sf._get_header(m)
    script = sf._get_map_string(m)
    digest = hashlib.sha256(script.encode()).hexdigest()[:16]
    return MapParts(script, header, html, [h for _, h in m.default_css], [s for _, s in m.default_js], f"rsp-map-{digest}")


@dataclass(frozen=True)
class AppData:
    counties: gpd.GeoDataFrame
    rows: list[Row]
    by_code: dict[str, Row]
    meta: dict[str, str]
    kommun_lan: dict[str, str]  # kommun_kod -> lan_kod
    kommun_name: dict[str, str]  # kommun_kod -> name
    kommun_features: dict[str, dict]  # kommun_kod -> GeoJSON feature (outlines)
    county_bounds: dict[str, list[list[float]]]  # lan_kod -> Leaflet bounds
    kommun_bounds: dict[str, list[list[float]]]  # kommun_kod -> Leaflet bounds
    sweden: list[list[float]]
    map_parts: MapParts


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(path: str, mtime: float) -> AppData:
    counties = load_counties(Path(path))
    kom = load_municipalities(Path(path))
    rows = rows_of(counties)
    features = municipality_features(kom)
    sweden = sweden_bounds(counties)
    return AppData(
        counties=counties,
        rows=rows,
        by_code={r["lan_kod"]: r for r in rows},
        meta=load_metadata(Path(path)),
        kommun_lan=dict(zip(kom["kommun_kod"], kom["lan_kod"])),
        kommun_name=dict(zip(kom["kommun_kod"], kom["kommun"])),
        kommun_features=features,
        county_bounds={code: bounds_of(geom) for code, geom in zip(counties["lan_kod"], counties.geometry)},
        kommun_bounds=feature_bounds(features),
        sweden=sweden,
        map_parts=_render_map_parts(counties_geojson(counties), sweden),
    )


def gpkg_path() -> Path:
    """data/rsp.gpkg, or the file named by RSP_GPKG (tests and deployments with their own data)."""
    return Path(os.environ.get("RSP_GPKG") or GPKG)


def app_data(path: Path | None = None) -> AppData:
    """Raises geo.DataUnavailable when the GeoPackage is missing or unreadable."""
    path = path or gpkg_path()
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _load(str(path), mtime)


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
# tests/test_component_contract.py checks the front end still has that rule; the proxy's failover test
# shows the result.
RECONNECT_RERUN_EVERY = dt.timedelta(hours=12)
RECONNECT_RULE = "autoRerunIntervals.size>0"


@st.fragment(run_every=RECONNECT_RERUN_EVERY)
def rerun_on_reconnect() -> None:
    """Call once per run (app.py): the page then reruns its script whenever it reconnects to the server."""


# --- downloads --------------------------------------------------------------------------------

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


def _click(value) -> tuple[str, object] | None:
    feature = (value or {}).get("last_active_drawing") or {}
    props = feature.get("properties") or {}
    event = props.get("lan_kod") if props.get("lan_kod") is not None else props.get("action")
    return (str(event), props.get("click")) if event is not None else None


def take_click(parts: MapParts, value=None) -> str | None:
    """The map event not handled yet — a county's code, or ``"sverige"`` for the "all of Sweden" button —
    or None; marks it handled.

    The map reports each click with a counter, so a click is taken once whichever way it arrives: through
    the component's on_change callback, or, when that did not fire, from the value the component returned.
    The callback does not fire after a server restart: the page reconnects to a new session that has no
    callbacks registered until its first run, so that run sees the click only as the component's value.
    """
    click = _click(value if value is not None else st.session_state.get(parts.key))
    if click is None or st.session_state.get(LAST_CLICK_KEY) == click:
        return None
    st.session_state[LAST_CLICK_KEY] = click
    return click[0]


# streamlit-folium's private seam. The map is driven through the component function and three helpers that
# the package does not publish, with the frontend's own argument names, globals and map variable. Every one
# is listed here, and tests/test_component_contract.py fails, naming what changed, when an upgrade moves one.
PRIVATE_FUNCTIONS = ("_get_html", "_get_header", "_get_map_string", "_component_func")
FRONTEND_ARGS = ("script", "header", "html", "height", "width", "returned_objects", "zoom", "center",
                 "feature_group", "return_on_hover", "layer_control", "pixelated", "css_links", "js_links",
                 "wrap_longitude")
STREAMLIT_ARGS = ("key", "default", "on_change")  # consumed by Streamlit's component API, not the frontend
FRONTEND_NAMES = ("window.__GLOBAL_DATA__", "window.feature_group", '"map_div"', "last_active_drawing")


def _frontend_bundle(module) -> str | None:
    folder = Path(module.__file__).parent / "frontend" / "build" / "static" / "js"
    bundles = sorted(folder.glob("main*.js")) if folder.is_dir() else []
    return "".join(b.read_text(encoding="utf-8", errors="replace") for b in bundles) or None


def component_problems(module=sf) -> list[str]:
    """What the installed streamlit-folium no longer offers of what this app uses; [] when all is there."""
    name = getattr(module, "__name__", "streamlit_folium")
    problems = [f"{name}.{fn} is gone or not callable (app_pages/_ui.py renders the map with it)"
                for fn in PRIVATE_FUNCTIONS if not callable(getattr(module, fn, None))]
    bundle = _frontend_bundle(module)
    if bundle is None:
        return problems + [f"{name} has no frontend bundle (frontend/build/static/js/main*.js) to check"]
    problems += [f"the {name} frontend no longer reads the argument {arg!r} (data.args.{arg})"
                 for arg in FRONTEND_ARGS if not re.search(rf"data\.args\.{arg}\b", bundle)]
    problems += [f"the {name} frontend no longer uses {used} (geo/mapview.py relies on it)"
                 for used in FRONTEND_NAMES if used not in bundle]
    return problems


def component_kwargs(parts: MapParts, state_js: str, height: int, on_click=None) -> dict:
    """The component's arguments: exactly FRONTEND_ARGS and STREAMLIT_ARGS. (st_folium also passes an ``id``,
    which its frontend never reads; the contract test found that, so it is left out.)"""
    return dict(
        script=parts.script, header=parts.header, html=parts.html, key=parts.key,
        height=height, width=None, returned_objects=["last_active_drawing"],
        default={"last_active_drawing": None}, zoom=None, center=None, feature_group=state_js,
        return_on_hover=False, layer_control=None, pixelated=False, css_links=parts.css_links,
        js_links=parts.js_links, on_change=on_click, wrap_longitude=False,
    )


def county_map(parts: MapParts, state: MapState, overlays=None, on_click=None, height: int = 560, fit: Fit | None = None):
    """streamlit-folium's component with a pre-rendered base map.

    st_folium would re-render the folium map (≈50 ms of template compiling) on every rerun; the
    base script never changes here, so it is rendered once and only the state script varies.
    The component then updates the mounted map instead of remounting it.
    """
    return sf._component_func(**component_kwargs(parts, state_script(state, overlays, fit=fit), height, on_click))
