"""RSP-kartan: the frame. Page config, shared sidebar, navigation over pages/."""

from __future__ import annotations

import logging

import streamlit as st

from geo import DataUnavailable
from geo.assets import ensure_leaflet
from geo.card import provenance_html, publisher_html
from geo.formatting import period_text, type_label
from geo.contacts import ORG_TYPES
from geo.i18n import LANGS, LANGUAGE_NAMES, t
from geo import urlstate
from app_pages._ui import app_data, is_embedded, requested_path, rerun_on_reconnect, set_view, sync_from_url, view
from geo.frame import frame_html
from geo.firstview import page_key, title
from app_pages._map_component import handover_html

log = logging.getLogger("rsp")
st.set_page_config(page_title="RSP-kartan", layout="wide")


@st.cache_resource(show_spinner=False)
def _assets() -> None:
    ensure_leaflet()


_assets()

try:
    data = app_data()
except DataUnavailable as exc:
    # Visitors get one friendly message; the details (paths, GDAL/SQL text) go to the server log only.
    log.error("map data unavailable: %s", exc)
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


map_page = st.Page("app_pages/map.py", title=t("page_map", lang), default=True)
pages = [
    map_page,
    st.Page("app_pages/contacts.py", title=t("page_contacts", lang), url_path="kontakter"),
    st.Page("app_pages/changes.py", title=t("page_changes", lang), url_path="andringar"),
    st.Page("app_pages/about.py", title=t("page_about", lang), url_path="om"),
]
# Hidden pages: /karta, the map's alias, and the app's own "not found" for any other single-segment
# path (instead of Streamlit's English dialog over the map).
pages.append(st.Page(lambda: st.switch_page(map_page, query_params=urlstate.to_params(view())),
                     title=t("page_map", lang), url_path="karta", visibility="hidden"))
missing = urlstate.unknown_page(requested_path(), st.get_option("server.baseUrlPath") or "")
if missing:
    pages.append(st.Page("app_pages/not_found.py", title=t("not_found_title", lang), url_path=missing, visibility="hidden"))
page = st.navigation(pages, position="hidden" if embedded else "sidebar")
# The same title the first response carried (geo/firstview.py), per page and county. No page_icon: the
# first response's RSP favicon stays, and an icon passed on every run cost ~24 ms per click (bench, A/B).
st.set_page_config(page_title=title(page_key(page.url_path), view(), data.by_code))
page.run()
if page_key(page.url_path) != "map":  # the map hands over once it has painted; other pages once drawn
    st.html(handover_html(), unsafe_allow_javascript=True)
if embedded:  # ?embed=true: the map, the legend and the card only (app_pages/map.py leaves out the rest)
    st.stop()

st.divider()
st.html(provenance_html(data.meta, lang) + publisher_html(lang))

# The sidebar is drawn after the page (its place on screen does not depend on it): the browser
# then gets the page's content, the map first of all, before the sidebar's widgets.
st.session_state["w_lang"] = lang
st.session_state["w_typ"] = list(state.typ)
with st.sidebar:
    st.segmented_control(
        t("language", lang), LANGS, key="w_lang", on_change=_on_lang, required=True,
        format_func=LANGUAGE_NAMES.__getitem__,
    )
    st.multiselect(
        t("filter_label", lang, period=period_text(data.meta.get("period", ""))), ORG_TYPES, key="w_typ", on_change=_on_typ,
        format_func=lambda code: type_label(code, view().lang), placeholder=t("filter_placeholder", lang),
    )

