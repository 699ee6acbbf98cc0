"""About the data: what an RSP is, where the list comes from, how old it is, who publishes it, today's sources."""

from __future__ import annotations

import streamlit as st

from app_pages._ui import app_data, current_page, dropped_notice, view
from geo.render.content import about_html, heading

data = app_data()
state = view()
st.title(heading(current_page(), state), anchor=False)
dropped_notice(state.lang)
st.html(about_html(data, state.lang))
