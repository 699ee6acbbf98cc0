"""About the data: what an RSP is, where the list comes from, how old it is and how it is updated."""

from __future__ import annotations

import streamlit as st

from geo.card import publisher_html, source_html
from geo.i18n import t
from geo.views import today_sources
from app_pages._ui import HOST_RE, app_data, dropped_notice, full_height, view

data = app_data()
lang = view().lang
st.title(t("page_about", lang), anchor=False)
dropped_notice(lang)
st.markdown(t("about_body", lang))
st.html(source_html(data.meta, lang))
st.subheader(t("about_publisher", lang), anchor=False)
st.html(publisher_html(lang))

st.subheader(t("about_today_sources", lang), anchor=False)
st.dataframe(
    today_sources(data.rows),
    hide_index=True,
    width="stretch",
    height=full_height(len(data.rows)),
    column_config={
        "lan": st.column_config.TextColumn(t("col_lan", lang)),
        "region": st.column_config.TextColumn(t("col_region", lang)),
        "support": st.column_config.LinkColumn(t("col_support", lang), display_text=HOST_RE),
        "source": st.column_config.LinkColumn(t("col_source", lang)),
        "checked": st.column_config.TextColumn(t("col_checked", lang)),
    },
)
