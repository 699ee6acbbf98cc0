"""The app's own "page not found" (for a plain `streamlit run app.py`, where no guard answers first): says so in
the chosen language and links to the map, keeping the view."""

from __future__ import annotations

import streamlit as st

from app_pages._ui import view
from geo.render.content import heading, not_found_text
from geo.view.pages import MAP, NOT_FOUND, params_for

state = view()
body, link = not_found_text(state.lang)
st.title(heading(NOT_FOUND, state), anchor=False)
st.markdown(body)
st.page_link(MAP.script, label=link, icon="🗺️", query_params=params_for(MAP, state))
