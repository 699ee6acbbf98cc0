"""The map page: choropleth, legend, municipality search, contact card, county select, matching list."""

from __future__ import annotations

import streamlit as st

from app_pages._ui import (
    FOUND_KEY,
    SEARCH_BOX_KEY,
    answer_search,
    app_data,
    county_map,
    dropped_notice,
    is_embedded,
    set_view,
    share_link,
    take_click,
    view,
)
from geo.i18n import t
from geo.render import content
from geo.render.card import embed_footer_html, matching_list_html, md_escape, note_html, share_html
from geo.render.mapview import MapState, fit_target, map_data, outlines
from geo.render.styles import CARD_KEY, EMBED_MAP_PX, FIND_KEY, LEGEND_KEY, MAP_PX
from geo.rules import SEARCH_MAX_CHARS
from geo.view.pages import MAP
from geo.view.rows import matching
from geo.view.urlstate import PERIODS

data = app_data()


def _pick_kommun(code: str) -> None:
    _clear_search()
    set_view(view().select(data.kommun_lan[code], code))


def _on_kommun_search() -> None:
    set_view(answer_search(data, st.session_state.get(SEARCH_BOX_KEY, ""), view()))


def _on_period() -> None:
    set_view(view().with_(period=st.session_state["w_period"]))


def _on_county_select() -> None:
    _clear_search()
    set_view(view().select(st.session_state["w_lan"]))


def _apply_map_event(event: str | None) -> bool:
    """A county clicked on the map, or the "all of Sweden" button; False when there was no new event."""
    if event == "sverige":
        set_view(view().with_(zoom="sverige"))
        return True
    if event in data.by_code:
        _clear_search()
        set_view(view().select(event))
        return True
    return False


def _on_map_click() -> None:
    _apply_map_event(take_click())


def _clear_search() -> None:
    st.session_state[FOUND_KEY] = None


def search_box(lang: str, kommun: str | None) -> None:
    found = st.session_state.get(FOUND_KEY)
    if kommun and not (found and found.miss):
        if not (found and found.kommun == kommun):  # a shared link or a pick: the box names the municipality
            st.session_state[SEARCH_BOX_KEY] = data.kommun_name[kommun]
    elif not kommun and st.session_state.get(SEARCH_BOX_KEY) in data.kommun_name.values():
        st.session_state[SEARCH_BOX_KEY] = ""
    st.text_input(
        t("kommun_search", lang),
        key=SEARCH_BOX_KEY,
        on_change=_on_kommun_search,
        placeholder=t("kommun_placeholder", lang),
        max_chars=SEARCH_MAX_CHARS,
    )
    state = view()
    note = content.search_note_html(data, state, found)
    if note:
        st.html(note)
    offers = content.search_offers(data, state, found)
    if offers:
        _offer(lang, "kg" if found.guesses else "kq", offers)


def _offer(lang: str, prefix: str, labels: dict[str, str]) -> None:
    """ "Menade du:" and a button per municipality (``labels``: kommun_kod → its button's text)."""
    cols = st.columns([2] + [3] * len(labels), vertical_alignment="center")
    cols[0].markdown(t("kommun_others", lang) + ":")
    for col, (code, label) in zip(cols[1:], labels.items()):
        col.button(md_escape(label), key=f"{prefix}-{code}", on_click=_pick_kommun, args=(code,))


def legend_and_switch(state, embedded: bool) -> None:
    legend = content.map_legend_html(data, state)
    if not embedded:
        st.session_state["w_period"] = state.period
        # the switch (three views) on a row of its own, the legend under it (one line per class)
        st.segmented_control(
            t("period_switch", state.lang),
            PERIODS,
            key="w_period",
            on_change=_on_period,
            required=True,
            format_func=lambda p: t(f"period_{p}", state.lang),
        )
    with st.container(key=LEGEND_KEY):  # on a phone: under the map (geo/render/styles.py)
        st.html(legend)


def map_and_card(embedded: bool) -> None:
    state = view()
    lang = state.lang
    # The card's column comes first in the page (and so first for the keyboard: the search, the county
    # select, then the card's links); geo/render/styles.py shows it to the right of the map on a wide screen and
    # under it on a phone. It also goes out before the map: after a click it is what the person waits for.
    right, left = st.columns([1, 1] if embedded else [2, 3], gap="medium")  # embedded: a card as wide as the map
    with right:
        if not embedded:
            with st.container(key=FIND_KEY):  # on a phone: above the map (geo/render/styles.py)
                search_box(lang, state.kommun)
                st.session_state["w_lan"] = state.lan
                st.selectbox(
                    t("county_select", lang),
                    list(data.by_code),
                    key="w_lan",
                    on_change=_on_county_select,
                    format_func=lambda code: data.by_code[code]["lan"],
                    placeholder=t("county_placeholder", lang),
                )
        with st.container(key=CARD_KEY):  # on a phone: under the map
            if state.lan:
                st.html(content.map_card_html(data, state, embedded))
            else:
                st.info(t("no_selection", lang))
    with left:
        legend_and_switch(state, embedded)
        st.html(note_html(content.map_alt(state, embedded), "rsp-map-alt"))
        shapes = map_data(data)
        value = county_map(
            MapState(lang, state.active_types, state.lan, state.period),
            overlays=outlines(shapes.kommun_features, state.lan, state.kommun),
            on_click=_on_map_click,
            fit=fit_target(
                state.lan, state.kommun, state.zoom, shapes.county_bounds, shapes.kommun_bounds, shapes.sweden
            ),
            height=EMBED_MAP_PX if embedded else MAP_PX,
        )
    if embedded:
        st.html(embed_footer_html(data.meta, lang, share_link(state)))
    # A click whose callback did not run (the first run after a server restart): apply it now.
    if _apply_map_event(take_click(value)):
        st.rerun()


state = view()
lang = state.lang
embedded = is_embedded()  # ?embed=true: the map, the legend and the card only
if not embedded:
    st.title(content.heading(MAP, state), anchor=False)
    st.html(content.map_intro_html(state, data))
    dropped_notice(lang)
map_and_card(embedded)
if not embedded:
    shown = matching(data.rows, state.active_types)
    st.header(t("matching", lang, n=len(shown)), anchor=False)
    st.html(matching_list_html(shown, lang, state.period))
    # the link to this view, with a copy button, last: the keyboard reaches it after the card and the map
    st.html(share_html(share_link(state), lang))
