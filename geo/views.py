"""Small pure helpers the pages use: counts, filtering and lookups over the contact rows."""

from __future__ import annotations

from collections import Counter
from html import escape

import geopandas as gpd

from .card import type_label
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
