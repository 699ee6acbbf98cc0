"""What changed: the counties whose responsible organisation type changed between 2014–2020 and today."""

from __future__ import annotations

import streamlit as st

from app_pages._ui import app_data, current_page, download_button, dropped_notice, view
from geo.i18n import t
from geo.render.content import changes_intro_html, changes_sections, heading
from geo.view import changes

data = app_data()
state = view()
lang = state.lang
st.title(heading(current_page(), state), anchor=False)
dropped_notice(lang)
st.html(changes_intro_html(lang))
for title, table in changes_sections(data, lang):
    st.header(title, anchor=False)
    st.html(table)
download_button(
    st,
    "dl-changes",
    t("dl_changes_csv", lang),
    lambda: changes.to_csv(data.rows),
    "rsp-2014-2020-idag-jamforelse.csv",
    "text/csv",
    lang,
)
