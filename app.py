"""RSP-kartan: the frame. Page config, shared sidebar, navigation over the registry's pages (app_pages/)."""

from __future__ import annotations

import logging

import streamlit as st

from app_pages._map_component import handover_html
from app_pages._ui import (
    app_data,
    is_embedded,
    requested_path,
    rerun_on_reconnect,
    set_view,
    show_page,
    sync_from_url,
    view,
)
from geo.data.contacts import ORG_TYPES
from geo.data.gpkg import DataUnavailable
from geo.i18n import LANGS, LANGUAGE_NAMES, t
from geo.render.content import footer_html
from geo.render.styles import frame_html
from geo.view.formatting import period_text, type_label
from geo.view.pages import MAP, NOT_FOUND, PAGES, page_at, params_for, title, unknown_page
from geo.web.assets import ensure_leaflet

log = logging.getLogger("rsp")
st.set_page_config(page_title="RSP-kartan", layout="wide")


@st.cache_resource(show_spinner=False)
def _assets() -> None:
    ensure_leaflet()


_assets()

try:
    data = app_data()
except DataUnavailable:
    # Visitors get one friendly message; the details (paths, GDAL/SQL text) go to the server log only
    # (geo/web/store.py logs them once per file version).
    lang = "en" if st.query_params.get("lang") == "en" else "sv"
    st.title(t("data_missing_title", lang), anchor=False)
    st.error(t("data_missing_body", lang))
    st.code("make data", language="bash")
    st.stop()

state = sync_from_url(data)
lang = state.lang
embedded = is_embedded()
st.html(frame_html(lang, embedded), unsafe_allow_javascript=True)
rerun_on_reconnect()


def _on_lang() -> None:
    set_view(view().with_(lang=st.session_state["w_lang"]))


def _on_typ() -> None:
    set_view(view().with_(typ=tuple(x for x in ORG_TYPES if x in st.session_state["w_typ"])))


# The registry's pages (geo/view/pages.py); the map is the default, at the site's root.
pages = {p.key: st.Page(p.script, title=t(p.title, lang), url_path=p.path or None, default=p is MAP) for p in PAGES}
# Hidden pages: the map's aliases (/karta), and the app's own "not found" for any other single-segment path
# (instead of Streamlit's English dialog over the map; behind the guard such an address never gets here).
extra = [
    st.Page(
        lambda: st.switch_page(pages["map"], query_params=params_for(MAP, view())),
        title=t(MAP.title, lang),
        url_path=alias,
        visibility="hidden",
    )
    for alias in MAP.aliases
]
missing = unknown_page(requested_path(), st.get_option("server.baseUrlPath") or "")
if missing:
    extra.append(st.Page(NOT_FOUND.script, title=t(NOT_FOUND.title, lang), url_path=missing, visibility="hidden"))
page = st.navigation([*pages.values(), *extra], position="hidden" if embedded else "sidebar")
shown = page_at(page.url_path)  # the registry's page (an unknown path: NOT_FOUND)
show_page(shown)
# The same title the first response carried (geo/render/firstview.py), per page and county. No page_icon: the
# first response's RSP favicon stays, and an icon passed on every run cost ~24 ms per click (bench, A/B).
st.set_page_config(page_title=title(shown, view(), data.by_code))
page.run()
if shown is not MAP:  # the map hands over once it has painted; other pages once drawn
    st.html(handover_html(), unsafe_allow_javascript=True)
if embedded:  # ?embed=true: the map, the legend and the card only (app_pages/map.py leaves out the rest)
    st.stop()

st.divider()
st.html(footer_html(data, lang))

# The sidebar is drawn after the page (its place on screen does not depend on it): the browser
# then gets the page's content, the map first of all, before the sidebar's widgets.
st.session_state["w_lang"] = lang
st.session_state["w_typ"] = list(state.typ)
with st.sidebar:
    st.segmented_control(
        t("language", lang),
        LANGS,
        key="w_lang",
        on_change=_on_lang,
        required=True,
        format_func=LANGUAGE_NAMES.__getitem__,
    )
    st.multiselect(
        t("filter_label", lang, period=period_text(data.meta.get("period", ""))),
        ORG_TYPES,
        key="w_typ",
        on_change=_on_typ,
        format_func=lambda code: type_label(code, view().lang),
        placeholder=t("filter_placeholder", lang),
    )
