"""The contacts as two plain HTML tables, today's and 2014–2020's: one renderer for the live page and the
server's first view (and for print, where a canvas grid showed 3½ of 11 columns).

Plain tables wrap their text, so every name reads whole in any width, and a screen reader reads them as
tables. Each cell carries ``data-col`` (the column's key in :data:`TODAY` and :data:`HISTORY`). Every value
is escaped; links go through :func:`geo.card.link_html` (http(s) only, the real host shown).
"""

from __future__ import annotations

import re
from html import escape

from ..data.contacts import Row
from ..i18n import t
from ..view.formatting import period_text
from ..view.rows import table_records
from .card import link_html, row_link
from .styles import CONTACTS_PRINT_CSS

# (column key, label key): today's table, then 2014–2020's
TODAY = (
    ("lan", "col_lan"),
    ("region", "col_region"),
    ("support", "col_support"),
    ("status", "col_status"),
    ("rural", "col_rural_share"),
)
HISTORY = (
    ("lan", "col_lan"),
    ("typ", "col_then_type"),
    ("org", "col_then_org"),
    ("phone", "phone"),
    ("persons", "col_persons"),
    ("programme", "col_programme"),
)

# a period, a date or a phone number ("2014–2020", "2023-01-01", "0611-800 00") is never broken at its dash
_NUMBER_RUN = re.compile(r"\d[\d –-]*\d")


def _nobreak(text: str) -> str:
    """``text`` escaped, its number runs kept on one line."""
    return _NUMBER_RUN.sub(lambda m: f'<span class="rsp-nowrap">{m.group(0)}</span>', escape(text))


def _today_cells(r: Row, v: dict[str, str], lang: str) -> dict[str, str]:
    """Today's cells: ``r`` the row (its addresses and their dead marks), ``v`` its display values
    (geo/view/rows.table_records: an address only where it may be a link)."""

    def linked(key: str, field: str, text: str, otherwise: str, **options) -> str:
        return row_link(r, field, text, lang, **options) if v[key] else otherwise

    return {
        "lan": escape(v["lan"]),
        "region": linked("region_url", "today_region_url", v["region"], escape(v["region"])),
        "support": linked("support", "today_support_url", t("support_apply_short", lang) + " ↗", "", show_host=True),
        "status": linked(
            "today_programme", "today_programme_url", v["status"] + " ↗", _nobreak(v["status"]), render=_nobreak
        ),
        "rural": escape(v["rural"]),
    }


def _history_cells(r: Row, v: dict[str, str], lang: str) -> dict[str, str]:
    """2014–2020's cells; the switchboard as text (never a number to tap here), marked where it no longer
    answers for this."""
    org = row_link(r, "info_url", v["org"], lang) if v["website"] else escape(v["org"])
    programme = row_link(r, "programme_url", t("link_open", lang), lang) if v["programme"] else ""
    return {
        "lan": escape(v["lan"]),
        "typ": escape(v["typ"]),
        "org": org,
        "phone": _nobreak(v["phone"]),
        "persons": escape(v["persons"]),
        "programme": programme,
    }


_HOST_SPAN = re.compile(r'(<span class="rsp-host"[^>]*>)([^<]*)')


def _host_breaks(html: str) -> str:
    """A long host ("(utveckling.regionostergotland.se)") may wrap after a dot, never inside a word."""
    return _HOST_SPAN.sub(lambda m: m.group(1) + m.group(2).replace(".", ".<wbr>"), html)


def table_html(
    css_class: str,
    caption: str,
    headers: list[str],
    keys: list[str],
    cells: list[dict[str, str]],
    titles: dict[str, str] | None = None,
    stack: bool = False,
) -> str:
    """A plain table (every table of the app): ``cells`` per row, HTML already escaped by its maker, by column
    key; the ``lan`` column is the row's header. A caption names it for screen readers and print. ``stack``:
    on a phone each row shows as a block, each cell under its column's name (``data-label``), so that no
    column is cut (geo/render/styles.py)."""
    titles = {k: f' title="{escape(v, quote=True)}"' for k, v in (titles or {}).items()}
    labels = {k: escape(h, quote=True) for k, h in zip(keys, headers)}
    head = "".join(
        f'<th scope="col" data-col="{k}"{titles.get(k, "")}>{_nobreak(h)}</th>' for k, h in zip(keys, headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row" data-col="{k}">{c[k]}</th>'
            if k == "lan"
            else f'<td data-col="{k}" data-label="{labels[k]}">{c[k]}</td>'
            for k in keys
        )
        + "</tr>"
        for c in cells
    )
    caption_html = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="rsp-table {css_class}{" rsp-table-stack" if stack else ""}">{caption_html}'
        f"<thead><tr>{head}</tr></thead><tbody>{_host_breaks(body)}</tbody></table>"
    )


def contacts_tables_html(rows: list[Row], lang: str, history_period: str) -> str:
    """Today's contacts and 2014–2020's, rows in the order given (the page's search, filter and sort)."""
    period = period_text(history_period)
    shown = list(zip(rows, table_records(rows, lang)))
    today = table_html(
        "rsp-table-today",
        t("today_heading", lang),
        [t(k, lang) for _, k in TODAY],
        [k for k, _ in TODAY],
        [_today_cells(r, v, lang) for r, v in shown],
        {"rural": t("col_rural_share_help", lang)},
    )
    history = table_html(
        "rsp-table-history",
        t("history_caption", lang, period=period),
        [t(k, lang, period=period) for _, k in HISTORY],
        [k for k, _ in HISTORY],
        [_history_cells(r, v, lang) for r, v in shown],
    )
    return f'<div class="rsp-tables"><style>{CONTACTS_PRINT_CSS}</style>{today}{history}</div>'


# The comparison of /andringar and the sources of /om: (column key, label key)
CHANGES = (
    ("lan", "col_lan"),
    ("then_type", "col_then_type"),
    ("then_org", "col_then_org"),
    ("now_type", "col_now_type"),
    ("now_org", "col_now_org"),
    ("now_support", "col_support"),
)
SOURCES = (
    ("lan", "col_lan"),
    ("region", "col_region"),
    ("support", "col_support"),
    ("source", "col_source"),
    ("checked", "col_checked"),
)


def _link_cell(url: str, lang: str) -> str:
    return _host_breaks(link_html(url, t("link_open", lang))) if url else ""


def changes_table_html(records: list[dict[str, str]], lang: str, css_class: str) -> str:
    """A table of geo/view/changes.table_records: who answered then and who does now, and today's support page."""
    cells = [{k: _link_cell(r[k], lang) if k == "now_support" else escape(r[k]) for k, _ in CHANGES} for r in records]
    return table_html(css_class, "", [t(k, lang) for _, k in CHANGES], [k for k, _ in CHANGES], cells, stack=True)


def sources_table_html(records: list[dict[str, str]], lang: str) -> str:
    """Today's sources county by county (geo/view/rows.today_sources)."""
    cells = [
        {
            k: _link_cell(r[k], lang)
            if k in ("support", "source")
            else _nobreak(r[k])
            if k == "checked"
            else escape(r[k])
            for k, _ in SOURCES
        }
        for r in records
    ]
    return table_html(
        "rsp-table-sources", "", [t(k, lang) for _, k in SOURCES], [k for k, _ in SOURCES], cells, stack=True
    )
