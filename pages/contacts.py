"""All contacts (its own issue builds the table and downloads)."""

import streamlit as st

from geo.i18n import t
from pages._ui import view

lang = view().lang
st.title(t("page_contacts", lang))
st.info(t("placeholder_page", lang))
