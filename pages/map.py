"""The map page: choropleth, legend, contact card, county select and the matching list."""

from __future__ import annotations

import streamlit as st

from geo.card import card_html, legend_html, note_html
from geo.i18n import t
from geo.mapview import MapState
from geo.views import matching, matching_list_html, type_counts
from pages._ui import app_data, clicked_county, county_map, dropped_notice, set_view, share_link, view

data = app_data()


def _on_county_select() -> None:
    set_view(view().with_(lan=st.session_state["w_lan"], kommun=None))


def _on_map_click() -> None:
    code = clicked_county(data.map_parts)
    if code in data.by_code:
        set_view(view().with_(lan=code, kommun=None))


@st.fragment
def map_and_card() -> None:
    state = view()
    lang = state.lang
    left, right = st.columns([3, 2], gap="medium")
    with right:
        select_slot = st.container()
        card_slot = st.container()
    with left:
        st.html(note_html(t("map_alt", lang), "rsp-map-alt"))
        county_map(data.map_parts, MapState(lang, state.active_types, state.lan), on_click=_on_map_click)
    state = view()
    st.session_state["w_lan"] = state.lan
    with select_slot:
        st.selectbox(
            t("county_select", lang), [None, *data.by_code], key="w_lan", on_change=_on_county_select,
            placeholder=t("county_placeholder", lang),
            format_func=lambda code: t("county_placeholder", lang) if code is None else data.by_code[code]["lan"],
        )
    with card_slot:
        if state.lan:
            st.html(card_html(data.by_code[state.lan], lang))
        else:
            st.info(t("no_selection", lang))
        st.markdown(f"**{t('share', lang)}**")
        st.code(share_link(state), language=None)
        st.html(note_html(t("share_help", lang)))


state = view()
lang = state.lang
st.title(t("map_heading", lang))
st.markdown(t("map_intro", lang, period=data.meta.get("period", "").replace("-", "–")))
dropped_notice(lang)
st.html(legend_html(type_counts(data.rows), lang))
map_and_card()
shown = matching(data.rows, state.active_types)
st.header(t("matching", lang, n=len(shown)))
st.html(matching_list_html(shown, lang))
