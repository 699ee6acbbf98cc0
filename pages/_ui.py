"""The app's edge: cached data loading, the view state shared by all pages, and its URL sync.

Pages import from here; the core logic lives in :mod:`geo` (pure Python).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from geo import urlstate
from geo.contacts import Row
from geo.gpkg import load_counties, load_metadata, load_municipalities
from geo.i18n import t
from geo.mapview import counties_geojson, sweden_bounds
from geo.paths import GPKG
from geo.urlstate import ViewState
from geo.views import rows_of

VIEW_KEY = "rsp_view"
NOTICE_KEY = "rsp_dropped"


@dataclass(frozen=True)
class AppData:
    rows: list[Row]
    by_code: dict[str, Row]
    geojson: dict
    bounds: list[list[float]]
    meta: dict[str, str]
    kommun_lan: dict[str, str]  # kommun_kod -> lan_kod
    kommun_name: dict[str, str]  # kommun_kod -> name


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(path: str, mtime: float) -> AppData:
    counties = load_counties(Path(path))
    kom = load_municipalities(Path(path))
    rows = rows_of(counties)
    return AppData(
        rows=rows,
        by_code={r["lan_kod"]: r for r in rows},
        geojson=counties_geojson(counties),
        bounds=sweden_bounds(counties),
        meta=load_metadata(Path(path)),
        kommun_lan=dict(zip(kom["kommun_kod"], kom["lan_kod"])),
        kommun_name=dict(zip(kom["kommun_kod"], kom["kommun"])),
    )


def app_data(path: Path = GPKG) -> AppData:
    """Raises geo.DataUnavailable when the GeoPackage is missing or unreadable."""
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
    """Read the state from the URL (or, after a page switch cleared it, from the session)."""
    params = _url_params()
    if not params and VIEW_KEY in st.session_state:
        state, dropped = st.session_state[VIEW_KEY], []
    else:
        state, dropped = urlstate.parse(params, data.by_code.keys(), data.kommun_lan)
    st.session_state[NOTICE_KEY] = dropped
    set_view(state)
    return state


def dropped_notice(lang: str) -> None:
    dropped = st.session_state.get(NOTICE_KEY) or []
    if dropped:
        st.caption("ℹ️ " + t("notice_dropped", lang, params=", ".join(dropped)))


def share_link(state: ViewState) -> str:
    base = ""
    try:
        base = (st.context.url or "").split("?", 1)[0]
    except Exception:  # outside a browser session (AppTest) there is no URL
        base = ""
    query = urlencode(urlstate.to_params(state))
    return f"{base}?{query}" if query else (base or "?")
