"""The contact rows for the pages: read from the counties, counted, filtered, searched and sorted (no HTML:
that is geo/card.py)."""

from __future__ import annotations

from collections import Counter

from ..data.contacts import ORG_TYPES, Row
from ..data.regiontypes import UR6, shares
from ..data.today import STATUS_CLASSES, same_body_today, status_class
from ..i18n import LANGS, t
from .formatting import national_phone, pct_text, safe_http_url, today_status_text, type_label
from .search import fold
from .urlstate import ViewState


def type_counts(rows: list[Row]) -> dict[str, int]:
    counts = Counter(r["org_type"] for r in rows)
    return {t_: counts.get(t_, 0) for t_ in ORG_TYPES}


def status_counts(rows: list[Row]) -> dict[str, int]:
    counts = Counter(status_class(r) for r in rows)
    return {c: counts.get(c, 0) for c in STATUS_CLASSES}


def legend_counts(rows: list[Row], period: str, fa_rows: list[dict[str, str]] = ()) -> dict[str, int]:
    """The legend's counts for a view: counties by status (idag) or by type (2014-2020), FA regions by region
    type (regiontyp)."""
    if period == "regiontyp":
        fa_counts = Counter(r["ur6"] for r in fa_rows)
        return {u: fa_counts.get(u, 0) for u in UR6}
    return status_counts(rows) if period == "idag" else type_counts(rows)


def matching(rows: list[Row], active_types: tuple[str, ...]) -> list[Row]:
    return [r for r in rows if r["org_type"] in active_types]


def contacts_rows(rows: list[Row], state: ViewState) -> list[Row]:
    """The contacts page's rows for a view: its type filter, its search and its order."""
    return sort_rows(search_rows(matching(rows, state.active_types), state.q), state.sort)


def search_rows(rows: list[Row], query: str) -> list[Row]:
    """Rows where every word of the query occurs in county, organisation, persons, phone or type."""
    words = fold(query).split()
    if not words:
        return list(rows)
    out = []
    for r in rows:
        hay = fold(
            " ".join(
                [
                    r["lan"],
                    r["org_name"],
                    r["contact_persons"],
                    r["phone"],
                    r["iso_3166_2"],
                    r.get("today_region", ""),
                    *(type_label(r["org_type"], lang) for lang in LANGS),
                ]
            )
        )
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
    """The contacts tables' display values (geo/tables.py), links only where they are http(s)."""
    return [
        {
            "lan": r["lan"],
            "region": r["today_region"],
            "region_url": safe_http_url(r["today_region_url"]) or "",
            "support": safe_http_url(r["today_support_url"]) or "",
            "status": today_status_text(r, lang),
            "rural": rural_share_text(r),
            "today_programme": safe_http_url(r["today_programme_url"]) or "",
            "typ": type_label(r["org_type"], lang),
            "org": r["org_name"],
            # not a number to call where that organisation no longer answers for this
            "phone": national_phone(r["phone_e164"], r["phone"])
            + ("" if same_body_today(r) else f" ({t('phone_outdated_short', lang)})"),
            "persons": r["contact_persons"],
            "programme": safe_http_url(r["programme_url"]) or "",
            "website": safe_http_url(r["info_url"]) or "",
        }
        for r in rows
    ]


def rural_share_text(r: Row) -> str:
    """The share of the county's area in rural regions (ur3 3), "72 %" (rounded as the card rounds it)."""
    value = shares(r).get("3")
    return "" if value is None else pct_text(value)


def today_sources(rows: list[Row]) -> list[dict[str, str]]:
    """Per county: today's region, its page for applying for support, the page its programme data was read
    from (http(s) only) and when it was checked."""
    return [
        {
            "lan": r["lan"],
            "region": r["today_region"],
            "support": safe_http_url(r["today_support_url"]) or "",
            "source": safe_http_url(r["today_source_url"]) or "",
            "checked": r["today_checked"],
        }
        for r in rows
    ]
