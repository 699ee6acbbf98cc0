"""The app's own "page not found": says so in the chosen language and links to the map, keeping the view."""

from __future__ import annotations

import streamlit as st

from geo import urlstate
from geo.i18n import t
from app_pages._ui import view

lang = view().lang
st.title(t("not_found_title", lang), anchor=False)
st.markdown(t("not_found_body", lang))
st.page_link("app_pages/map.py", label=t("not_found_link", lang), icon="🗺️", query_params=urlstate.to_params(view()))
