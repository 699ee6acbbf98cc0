"""What changed: the counties whose responsible organisation type changed between 2014–2020 and today."""

from __future__ import annotations

import streamlit as st

from geo import changes
from geo.card import intro_html
from geo.i18n import t
from app_pages._ui import HOST_RE, app_data, download, dropped_notice, full_height, view

data = app_data()
lang = view().lang
COLUMN_LABELS = {
    "lan": st.column_config.TextColumn(t("col_lan", lang)),
    "then_type": st.column_config.TextColumn(t("col_then_type", lang)),
    "then_org": st.column_config.TextColumn(t("col_then_org", lang)),
    "now_type": st.column_config.TextColumn(t("col_now_type", lang)),
    "now_org": st.column_config.TextColumn(t("col_now_org", lang)),
    "now_support": st.column_config.LinkColumn(t("col_support", lang), display_text=HOST_RE),
}

st.title(t("page_changes", lang), anchor=False)
dropped_notice(lang)
st.html(intro_html(t("changes_intro", lang)))

moved = changes.changed(data.rows)
st.header(t("changes_heading", lang, n=len(moved)), anchor=False)
st.dataframe(changes.table_records(moved, lang), hide_index=True, width="stretch", column_config=COLUMN_LABELS,
             height=full_height(len(moved)), key="changes-table")

st.header(t("changes_all_heading", lang), anchor=False)
st.dataframe(changes.table_records(changes.comparison(data.rows), lang), hide_index=True, width="stretch",
             height=full_height(len(data.rows)), column_config=COLUMN_LABELS, key="changes-all-table")
st.download_button(t("dl_changes_csv", lang), download(lambda: changes.to_csv(data.rows), lang), "rsp-2014-2020-idag-jamforelse.csv",
                   "text/csv", on_click="ignore", key="dl-changes")
