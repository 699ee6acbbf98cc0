"""The contacts as two plain HTML tables, today's and 2014–2020's: one renderer for the live page and the
server's first view (and for print, where a canvas grid showed 3½ of 11 columns).

Plain tables wrap their text, so every name reads whole in any width, and a screen reader reads them as
tables. Each cell carries ``data-col`` (the column's key in :data:`TODAY` and :data:`HISTORY`). Every value
is escaped; links go through :func:`geo.card.link_html` (http(s) only, the real host shown).
"""

from __future__ import annotations

import re
from html import escape

from .card import dead_links, link_html
from .contacts import Row
from .formatting import period_text
from .i18n import t
from .views import table_records

# (column key, label key): today's table, then 2014–2020's
TODAY = (("lan", "col_lan"), ("region", "col_region"), ("support", "col_support"), ("status", "col_status"),
         ("rural", "col_rural_share"))
HISTORY = (("lan", "col_lan"), ("typ", "col_then_type"), ("org", "col_then_org"), ("phone", "phone"),
           ("persons", "col_persons"), ("programme", "col_programme"))

TABLE_CSS = (
    ".rsp-table{border-collapse:collapse;width:100%;font-size:.8125rem;line-height:1.45;margin:0 0 1.5rem}"
    ".rsp-table caption{text-align:left;font-weight:600;font-size:1.05rem;padding:0 0 .4rem}"
    ".rsp-table th,.rsp-table td{border:1px solid rgba(49,51,63,.15);padding:.3rem .4rem;text-align:left;"
    "vertical-align:top;overflow-wrap:break-word}"
    ".rsp-table thead th{background:#f5f6f8;font-weight:600}"
    ".rsp-table tbody th{font-weight:600}"
    ".rsp-table .rsp-host{font-size:.8rem}"
    ".rsp-nowrap{white-space:nowrap}"
    ".rsp-tables{overflow-x:auto}"  # narrower than the tables' least width: they scroll, not the page
    # printed: A4 landscape, the header on every page, no row split across two
    "@media print{@page{size:A4 landscape;margin:10mm}.rsp-tables{overflow:visible}"
    ".rsp-table thead{display:table-header-group}.rsp-table tr{break-inside:avoid}"
    ".rsp-table-history{break-before:page}}"
)
# a period, a date or a phone number ("2014–2020", "2023-01-01", "0611-800 00") is never broken at its dash
_NUMBER_RUN = re.compile(r"\d[\d –-]*\d")


def _nobreak(text: str) -> str:
    """``text`` escaped, its number runs kept on one line."""
    return _NUMBER_RUN.sub(lambda m: f'<span class="rsp-nowrap">{m.group(0)}</span>', escape(text))


def _today_cells(r: Row, v: dict[str, str], lang: str) -> dict[str, str]:
    """Today's cells: ``r`` the row (for its dead links), ``v`` its display values (views.table_records)."""
    dead = dead_links(r)
    region = (link_html(v["region_url"], v["region"], lang=lang, dead_on=dead.get("today_region_url", ""))
              if v["region_url"] else escape(v["region"]))
    support = (link_html(v["support"], t("support_apply_short", lang) + " ↗", lang=lang, show_host=True,
                         dead_on=dead.get("today_support_url", "")) if v["support"] else "")
    if v["today_programme"]:
        status = link_html(v["today_programme"], v["status"] + " ↗", lang=lang, dead_on=dead.get("today_programme_url", ""),
                           render=_nobreak)
    else:
        status = _nobreak(v["status"])
    return {"lan": escape(v["lan"]), "region": region, "support": support, "status": status, "rural": escape(v["rural"])}


def _history_cells(r: Row, v: dict[str, str], lang: str) -> dict[str, str]:
    """2014–2020's cells; the switchboard as text (never a number to tap here), marked where it no longer
    answers for this."""
    dead = dead_links(r)
    org = link_html(v["website"], v["org"], lang=lang, dead_on=dead.get("info_url", "")) if v["website"] else escape(v["org"])
    programme = (link_html(v["programme"], t("link_open", lang), lang=lang, dead_on=dead.get("programme_url", ""))
                 if v["programme"] else "")
    return {"lan": escape(v["lan"]), "typ": escape(v["typ"]), "org": org, "phone": _nobreak(v["phone"]),
            "persons": escape(v["persons"]), "programme": programme}


_HOST_SPAN = re.compile(r'(<span class="rsp-host"[^>]*>)([^<]*)')


def _host_breaks(html: str) -> str:
    """A long host ("(utveckling.regionostergotland.se)") may wrap after a dot, never inside a word."""
    return _HOST_SPAN.sub(lambda m: m.group(1) + m.group(2).replace(".", ".<wbr>"), html)


def _table(css_class: str, caption: str, headers: list[str], keys: list[str], cells: list[dict[str, str]],
           titles: dict[str, str] | None = None) -> str:
    titles = {k: f' title="{escape(v, quote=True)}"' for k, v in (titles or {}).items()}
    head = "".join(f'<th scope="col" data-col="{k}"{titles.get(k, "")}>{_nobreak(h)}</th>' for k, h in zip(keys, headers))
    body = "".join(
        "<tr>" + "".join(f'<th scope="row" data-col="{k}">{c[k]}</th>' if k == "lan" else f'<td data-col="{k}">{c[k]}</td>'
                         for k in keys) + "</tr>"
        for c in cells)
    return (f'<table class="rsp-table {css_class}"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{_host_breaks(body)}</tbody></table>")


def contacts_tables_html(rows: list[Row], lang: str, history_period: str) -> str:
    """Today's contacts and 2014–2020's, rows in the order given (the page's search, filter and sort)."""
    period = period_text(history_period)
    shown = list(zip(rows, table_records(rows, lang)))
    today = _table("rsp-table-today", t("today_heading", lang), [t(k, lang) for _, k in TODAY], [k for k, _ in TODAY],
                   [_today_cells(r, v, lang) for r, v in shown], {"rural": t("col_rural_share_help", lang)})
    history = _table("rsp-table-history", t("history_caption", lang, period=period),
                     [t(k, lang, period=period) for _, k in HISTORY], [k for k, _ in HISTORY],
                     [_history_cells(r, v, lang) for r, v in shown])
    return f'<div class="rsp-tables"><style>{TABLE_CSS}</style>{today}{history}</div>'
