"""About the data (its own issue writes the full text)."""

import streamlit as st

from geo.i18n import t
from pages._ui import view

lang = view().lang
st.title(t("page_about", lang))
st.info(t("placeholder_page", lang))
