"""All contacts: a sortable, searchable table of the 21 counties, with downloads of the selection."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages._ui import app_data, current_page, download_button, dropped_notice, set_view, view
from geo.i18n import t
from geo.render import export
from geo.render.card import note_html
from geo.render.content import contacts_html, contacts_intro_html, heading, shown_count_text
from geo.rules import QUERY_MAX_CHARS
from geo.view.rows import contacts_rows
from geo.view.urlstate import SORT_KEYS

data = app_data()
state = view()
lang = state.lang


def _on_search() -> None:
    set_view(view().with_(q=" ".join(st.session_state["w_q"].split())[:QUERY_MAX_CHARS]))


def _on_sort() -> None:
    set_view(view().with_(sort=st.session_state["w_sort"]))


st.title(heading(current_page(), state), anchor=False)
st.html(contacts_intro_html(data, lang))
dropped_notice(lang)

st.session_state["w_q"] = state.q
st.session_state["w_sort"] = state.sort
left, right = st.columns([3, 1])
left.text_input(
    t("contacts_search", lang),
    key="w_q",
    on_change=_on_search,
    placeholder=t("contacts_search_placeholder", lang),
    max_chars=QUERY_MAX_CHARS,
)
right.selectbox(
    t("sort_label", lang), SORT_KEYS, key="w_sort", on_change=_on_sort, format_func=lambda key: t(f"sort_{key}", lang)
)

rows = contacts_rows(data.rows, state)
st.markdown(shown_count_text(rows, data, lang))
if rows:
    # Today's contacts and 2014–2020's as two plain tables (every name whole, printable); on a phone they give
    # way to cards with tappable numbers (geo/render/styles.py switches them).
    st.html(contacts_html(rows, data, lang))
else:
    st.info(t("no_rows", lang))

if rows:
    st.header(t("downloads", lang), anchor=False)
    day = dt.date.today().isoformat()
    stem = export.selection_stem(state, day)  # the name the first view's links give the same files
    st.session_state.setdefault("w_csv_sep", export.DEFAULT_CSV_SEPARATOR)
    st.segmented_control(
        t("csv_separator", lang),
        list(export.CSV_SEPARATORS),
        key="w_csv_sep",
        required=True,
        format_func=lambda key: t(f"csv_sep_{key}", lang),
    )
    sep = st.session_state["w_csv_sep"]
    files = (  # (its key, its label, made when clicked, its name's ending, its type)
        ("dl-csv", "dl_csv", lambda: export.to_csv(rows, sep, lang), "csv", "text/csv"),
        ("dl-xlsx", "dl_xlsx", lambda: export.to_xlsx(rows, lang=lang), "xlsx", export.XLSX_MIME),
        ("dl-geojson", "dl_geojson", lambda: export.to_geojson(data.counties, rows), "geojson", "application/geo+json"),
        ("dl-gpkg", "dl_gpkg", lambda: export.to_gpkg(data.counties, rows), "gpkg", "application/geopackage+sqlite3"),
        ("dl-vcf-all", "dl_vcf_all", lambda: export.vcards(rows, lang), "vcf", export.VCARD_MIME),
    )
    for col, (key, label, make, ending, mime) in zip(st.columns(len(files)), files):
        download_button(col, key, t(label, lang), make, f"{stem}.{ending}", mime, lang)
    st.html(note_html(t("csv_note", lang)))
    kommuner = f"{export.file_stem(t('file_kommuner', lang), day=day)}.csv"
    download_button(
        st,
        "dl-kommun-csv",
        t("dl_kommun_csv", lang),
        lambda: export.kommun_csv(export.kommun_records(data), sep),
        kommuner,
        "text/csv",
        lang,
    )

    st.subheader(t("vcard_heading", lang), anchor=False)
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    codes = [r["lan_kod"] for r in rows]
    code = pick_col.selectbox(
        t("vcard_pick", lang),
        codes,
        key="w_vcard",
        format_func=lambda c: f"{data.by_code[c]['lan']} — {data.by_code[c]['today_region']}",
    )
    if code:
        row = data.by_code[code]
        name = f"{export.file_stem(row['lan'], day=day)}.vcf"
        download_button(
            button_col,
            "dl-vcf-one",
            t("dl_vcf_one", lang),
            lambda: export.vcards([row], lang),
            name,
            export.VCARD_MIME,
            lang,
        )
