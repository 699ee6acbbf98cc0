"""Small pure helpers the pages use: counts, filtering and lookups over the contact rows."""

from __future__ import annotations

from collections import Counter
from html import escape

import geopandas as gpd

from .card import national_phone, safe_http_url, type_label
from .palette import LABELS
from .search import fold
from .contacts import COLUMNS, ORG_TYPES, Row
from .i18n import t


def rows_of(counties: gpd.GeoDataFrame) -> list[Row]:
    return [{c: str(v) for c, v in zip(COLUMNS, values)} for values in counties[list(COLUMNS)].itertuples(index=False)]


def type_counts(rows: list[Row]) -> dict[str, int]:
    counts = Counter(r["org_type"] for r in rows)
    return {t_: counts.get(t_, 0) for t_ in ORG_TYPES}


def matching(rows: list[Row], active_types: tuple[str, ...]) -> list[Row]:
    return [r for r in rows if r["org_type"] in active_types]


def matching_list_html(rows: list[Row], lang: str) -> str:
    items = "".join(
        f'<li data-lan="{escape(r["lan_kod"], quote=True)}"><strong>{escape(r["lan"])}</strong>: '
        f'{escape(r["org_name"])} ({escape(type_label(r["org_type"], lang))})</li>'
        for r in rows
    )
    return (
        f'<section class="rsp-matching" aria-label="{escape(t("matching", lang, n=len(rows)), quote=True)}">'
        f'<ul style="margin:0;padding-left:1.2em">{items}</ul></section>'
    )


def search_rows(rows: list[Row], query: str) -> list[Row]:
    """Rows where every word of the query occurs in county, organisation, persons, phone or type."""
    words = fold(query).split()
    if not words:
        return list(rows)
    out = []
    for r in rows:
        hay = fold(" ".join([r["lan"], r["org_name"], r["contact_persons"], r["phone"], r["iso_3166_2"],
                             *(labels.get(r["org_type"], "") for labels in LABELS.values())]))
        hay_digits = "".join(ch for ch in r["phone"] if ch.isdigit())
        if all(w in hay or (w.isdigit() and w in hay_digits) for w in words):
            out.append(r)
    return out


_SWEDISH = str.maketrans({"å": "z{", "ä": "z|", "æ": "z|", "ö": "z}", "ø": "z}", "ü": "y", "é": "e", "è": "e"})


def swedish_key(text: str) -> str:
    """Swedish alphabetical order: … x y z å ä ö (so Gotland comes before Gävleborg)."""
    return text.casefold().translate(_SWEDISH)


def sort_rows(rows: list[Row], key: str) -> list[Row]:
    order = {t_: i for i, t_ in enumerate(ORG_TYPES)}
    if key == "typ":
        return sorted(rows, key=lambda r: (order.get(r["org_type"], 9), swedish_key(r["lan"])))
    if key == "org":
        return sorted(rows, key=lambda r: (swedish_key(r["org_name"]), swedish_key(r["lan"])))
    return sorted(rows, key=lambda r: swedish_key(r["lan"]))


def table_records(rows: list[Row], lang: str) -> list[dict[str, str]]:
    """The contacts table as shown: display values, links only where they are http(s)."""
    return [
        {
            "lan": r["lan"],
            "typ": type_label(r["org_type"], lang),
            "org": r["org_name"],
            "phone": national_phone(r["phone_e164"], r["phone"]),
            "persons": r["contact_persons"],
            "programme": safe_http_url(r["programme_url"]) or "",
            "website": safe_http_url(r["info_url"]) or "",
        }
        for r in rows
    ]
