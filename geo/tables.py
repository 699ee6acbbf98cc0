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
from .formatting import national_phone, period_text, today_status_text, type_label
from .i18n import t
from .today import same_body_today
from .views import rural_share_text

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


def _today_cells(r: Row, lang: str) -> dict[str, str]:
    dead = dead_links(r)
    region = (link_html(r["today_region_url"], r["today_region"], lang=lang, dead_on=dead.get("today_region_url", ""))
              if r["today_region_url"] else escape(r["today_region"]))
    support = (link_html(r["today_support_url"], t("support_apply_short", lang) + " ↗", lang=lang, show_host=True,
                         dead_on=dead.get("today_support_url", "")) if r["today_support_url"] else "")
    status = today_status_text(r, lang)
    if r["today_programme_url"]:
        status_html = link_html(r["today_programme_url"], status + " ↗", lang=lang, dead_on=dead.get("today_programme_url", ""),
                                render=_nobreak)
    else:
        status_html = _nobreak(status)
    return {"lan": escape(r["lan"]), "region": region, "support": support, "status": status_html,
            "rural": escape(rural_share_text(r))}


def _phone_text(r: Row, lang: str) -> str:
    """The 2014–2020 switchboard as text (never a number to tap here), marked where that organisation no
    longer answers for this."""
    number = national_phone(r["phone_e164"], r["phone"])
    return number if same_body_today(r) else f"{number} ({t('phone_outdated_short', lang)})"


def _history_cells(r: Row, lang: str) -> dict[str, str]:
    dead = dead_links(r)
    org = (link_html(r["info_url"], r["org_name"], lang=lang, dead_on=dead.get("info_url", ""))
           if r["info_url"] else escape(r["org_name"]))
    programme = (link_html(r["programme_url"], t("link_open", lang), lang=lang, dead_on=dead.get("programme_url", ""))
                 if r["programme_url"] else "")
    return {"lan": escape(r["lan"]), "typ": escape(type_label(r["org_type"], lang)), "org": org,
            "phone": _nobreak(_phone_text(r, lang)), "persons": escape(r["contact_persons"]),
            "programme": programme}


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
    today = _table("rsp-table-today", t("today_heading", lang), [t(k, lang) for _, k in TODAY], [k for k, _ in TODAY],
                   [_today_cells(r, lang) for r in rows], {"rural": t("col_rural_share_help", lang)})
    history = _table("rsp-table-history", t("history_caption", lang, period=period),
                     [t(k, lang, period=period) for _, k in HISTORY], [k for k, _ in HISTORY],
                     [_history_cells(r, lang) for r in rows])
    return f'<div class="rsp-tables"><style>{TABLE_CSS}</style>{today}{history}</div>'
