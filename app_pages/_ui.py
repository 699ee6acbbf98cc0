"""The app's edge: cached data loading, the view state shared by all pages, and its URL sync.

Pages import from here; the core logic lives in :mod:`geo` (pure Python).
"""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import urlencode, urlsplit

import streamlit as st

from app_pages import _map_component as map_component
from app_pages._map_component import Mounted
from geo.data.model import Model
from geo.i18n import t
from geo.render.card import note_html
from geo.render.mapview import Fit, MapState, map_state, model_map
from geo.view import urlstate
from geo.view.pages import BY_KEY, MAP, Page, params_for
from geo.view.search import SEARCH_PARAM, find_in
from geo.view.urlstate import ViewState
from geo.web.assets import leaflet_urls
from geo.web.store import store_for

log = logging.getLogger("rsp")
VIEW_KEY = "rsp_view"
NOTICE_KEY = "rsp_dropped"
PATH_KEY = "rsp_path"
PAGE_KEY = "rsp_page"
FOUND_KEY = "rsp_found"  # the last search's answer (geo.view.search.Found), until a view is chosen otherwise
SEARCH_BOX_KEY = "w_kq"


def app_data() -> Model:
    """The process's data model (geo/web/store.py: read once per GeoPackage version, shared with the guard);
    raises DataUnavailable when there is no good data."""
    return store_for().model()


def mounted_map(model: Model) -> Mounted:
    """The county map of a model, built and rendered for the component once per model."""
    return model.derived("app-mounted-map", lambda: map_component.mount(model_map(model, leaflet_urls())))


# --- view state -------------------------------------------------------------------------------


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def current_page() -> Page:
    """The registry's page this session shows (set by app.py once st.navigation has chosen it; a widget's
    callback runs on the page of the run before)."""
    return BY_KEY.get(st.session_state.get(PAGE_KEY, ""), MAP)


def show_page(page: Page) -> None:
    """app.py, once the page is known: the session shows it, and the address carries its view."""
    st.session_state[PAGE_KEY] = page.key
    write_url(view())


def write_url(state: ViewState) -> None:
    """The address bar: the view's parameters, as far as this page keeps them (geo/view/pages.py)."""
    wanted = params_for(current_page(), state)
    if _url_params() != {k: [v] for k, v in wanted.items()}:
        st.query_params.from_dict(wanted)


def set_view(state: ViewState) -> None:
    st.session_state[VIEW_KEY] = state
    write_url(state)


def view() -> ViewState:
    return st.session_state.get(VIEW_KEY, ViewState())


def sync_from_url(data: Model) -> ViewState:
    """Read the state from the URL (or, after a page switch cleared it, from the session).

    A page switch from the sidebar drops the parameters, so an address without any on a *new* page
    restores the session's view. On the *same* page (Back to the first, bare address) it means what it
    says: the default view.
    """
    params = _url_params()
    typed = [v for v in params.pop(SEARCH_PARAM, []) if v.strip()]  # the first view's form (?sok=Malungs kommun)
    path, last = requested_path(), st.session_state.get(PATH_KEY)
    st.session_state[PATH_KEY] = path
    same_page = bool(path) and path == last
    if not params and not typed and VIEW_KEY in st.session_state and not same_page:
        state, dropped = st.session_state[VIEW_KEY], []
    else:
        state, dropped = urlstate.parse(params, data.by_code.keys(), data.kommun_lan)
    if typed:  # answered as the box would; the box keeps the typed text, the address then names the view
        state = answer_search(data, typed[-1], state)
        st.session_state[SEARCH_BOX_KEY] = st.session_state[FOUND_KEY].query
    st.session_state[NOTICE_KEY] = dropped
    st.session_state[VIEW_KEY] = state  # the address is written once the page is known (show_page)
    return state


def answer_search(data: Model, query: str, state: ViewState) -> ViewState:
    """The view a search reaches (the county it found, or ``state`` unchanged); its answer kept for the page."""
    found = find_in(data, query)
    st.session_state[FOUND_KEY] = found
    return state.select(found.lan, found.kommun) if found.lan else state


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
    """The view's address, whole: ``https://host/?lan=25`` (the page's path, a "/" at the least, before "?")."""
    try:
        url = st.context.url or ""
    except Exception:  # outside a browser session (AppTest) there is no URL
        url = ""
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}{parts.path or '/'}" if parts.scheme and parts.netloc else ""
    query = urlencode(params_for(current_page(), state))
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


def download_button(where, key: str, label: str, make, file_name: str, mime: str, lang: str) -> None:
    """A download button in ``where`` (st or a column) whose file is made when it is clicked, with no rerun."""
    where.download_button(label, download(make, lang), file_name, mime, on_click="ignore", key=key)


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
    mounted = mounted_map(app_data())
    click = map_component.clicked(value if value is not None else st.session_state.get(mounted.key))
    if click is None or st.session_state.get(LAST_CLICK_KEY) == click:
        return None
    st.session_state[LAST_CLICK_KEY] = click
    return click[0]


def county_map(state: MapState, overlays=None, on_click=None, fit: Fit | None = None, height: int = 560):
    """The county map for this run (mounted once per data file, then updated in place)."""
    return map_component.show(
        mounted_map(app_data()), map_state(state, overlays, fit), height=height, on_click=on_click
    )
