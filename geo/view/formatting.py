"""How values read to a person, as plain text: phone numbers, persons, organisation types, periods,
statuses, web addresses. No HTML here (geo/card.py writes the markup, geo/export.py the files)."""

from __future__ import annotations

import calendar
import datetime as dt
import os
from functools import lru_cache
from urllib.parse import urlsplit

import phonenumbers

from ..data.contacts import ORG_TYPES, PERSON_SEPARATOR
from ..data.regiontypes import UR3, shares, ur3_label, ur6_label
from ..data.today import SOURCE_KINDS, STATUSES, SUPPORT_KINDS
from ..data.validate import url_problem
from ..i18n import t
from ..rules import STALE_AFTER_MONTHS

STALE_ENV = "RSP_STALE_MONTHS"  # after how many months a checked fact is marked old (README, Settings)


@lru_cache(maxsize=4096)  # a pure function of the text; a page asks it for the same ~100 addresses
def safe_http_url(url: str) -> str | None:
    """The address when it may become a link (the data files' rule, geo.validate.url_problem), else None."""
    url = (url or "").strip()
    return url if url and url_problem(url) is None else None


def host(url: str) -> str:
    """``https://www.region.se/x`` → ``region.se``: a web address named short."""
    return (urlsplit(url).hostname or url).removeprefix("www.")


@lru_cache(maxsize=1024)
def national_phone(e164: str, fallback: str) -> str:
    """``+46920284000`` → ``0920-28 40 00``; ``fallback`` when the number cannot be read."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, "SE"), phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        return fallback


def type_label(org_type: str, lang: str) -> str:
    """``region`` → "Region"; an unknown type is shown as it is."""
    return t(f"type_{org_type}", lang) if org_type in ORG_TYPES else org_type


def support_kind_label(kind: str, lang: str) -> str:
    """``särskilt driftstöd`` → "särskilt driftstöd" / "special operating aid (särskilt driftstöd)"."""
    return t(f"support_kind_{SUPPORT_KINDS[kind]}", lang) if kind in SUPPORT_KINDS else kind


def source_kind_label(kind: str, lang: str) -> str:
    """What kind of page a source is: "regionens egen sida", "lokal nyhet" …; empty for an unknown kind."""
    return t(f"source_kind_{kind}", lang) if kind in SOURCE_KINDS else ""


def status_class_label(status_class: str, lang: str) -> str:
    """The legend's words for today's status class (``adopted``, ``draft``, ``unstated``, ``not_found``)."""
    return t(f"status_class_{status_class}", lang)


def stale_months() -> int:
    """After how many months a fact's check is old: RSP_STALE_MONTHS (a whole number ≥ 1), else 12."""
    value = os.environ.get(STALE_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) >= 1 else STALE_AFTER_MONTHS


def checked_is_old(checked: str, today: dt.date | None = None) -> bool:
    """Whether a ``checked`` day (YYYY-MM-DD) lies more than stale_months() before ``today``."""
    try:
        day = dt.date.fromisoformat(checked)
    except ValueError:
        return False
    today = today or dt.date.today()
    year, month = divmod(today.year * 12 + today.month - 1 - stale_months(), 12)
    cutoff = dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))
    return day < cutoff


def checked_old_text(lang: str) -> str:
    """ "kontrollerad för mer än ett år sedan" (or "… än N månader sedan" with another setting)."""
    months = stale_months()
    return t("checked_old_year", lang) if months == 12 else t("checked_old_months", lang, n=months)


def persons(row: dict[str, str]) -> list[str]:
    return [p for p in row["contact_persons"].split(PERSON_SEPARATOR.strip()) if p.strip()]


def checked_span(meta: dict[str, str]) -> str:
    """The days today's data was checked, county by county: "2026-11-26–2026-12-02" from the oldest to the
    latest (one day when they are the same; a file built before the oldest was kept gives the latest)."""
    latest = meta.get("today_checked", "")
    oldest = meta.get("today_checked_oldest", "") or latest
    return latest if oldest == latest else f"{oldest}–{latest}"


def period_text(period: str) -> str:
    """``2014-2020`` → ``2014–2020`` (the typographic dash)."""
    return period.replace("-", "–")


def programme_period_text(period: str, lang: str) -> str:
    """``2023-2030`` → ``2023–2030``, ``-2030`` → ``till 2030``, ``2023-`` → ``från 2023``."""
    start, _, end = period.partition("-")
    if start and end:
        return period_text(period)
    if end:
        return t("period_until", lang, year=end)
    return t("period_from", lang, year=start) if start else ""


def status_label(status: str, lang: str) -> str:
    """A programme status code in words ("adopted" → "Antaget"); an unknown code as it is."""
    return t(f"status_{status}", lang) if status in STATUSES else status


def status_text(row: dict[str, str], lang: str) -> str:
    """The programme's status in words: "Antaget 2023-12", "Förslag på remiss 2022" …"""
    text = status_label(row.get("today_programme_status", ""), lang)
    date = row.get("today_status_date", "")
    return f"{text} {date}" if date else text


def today_status_text(r: dict[str, str], lang: str) -> str:
    """Today's programme in a few words: its period and status, or that none was found."""
    if r["today_programme_status"] == "not_found":
        return t("status_not_found", lang)
    period = programme_period_text(r["today_programme_period"], lang)
    return " · ".join(x for x in (period, status_text(r, lang)) if x)


def pct_text(value: float) -> str:
    """A share as a person reads it: whole percent, "<1 %" for a sliver above 0 ("72 %", "0 %")."""
    return "<1 %" if 0 < value < 1 else f"{value:.0f} %"


def shares_text(row: dict[str, str], lang: str) -> str:
    """ "72 % av ytan i landsbygdsregioner, 25 % i täta regioner, 3 % i storstadsregioner" (largest first)."""
    s = shares(row)
    if not s:
        return ""
    order = sorted((u for u in UR3 if s[u] > 0), key=lambda u: (-s[u], u))
    parts = [
        t("share_first" if i == 0 else "share_next", lang, pct=pct_text(s[u]), type=ur3_label(u, lang).lower())
        for i, u in enumerate(order)
    ]
    return ", ".join(parts)


def fa_text(fa_row: dict[str, str], lang: str) -> str:
    """ "FA-region Malung-Sälen, landsbygdsregion mycket avlägset belägen"."""
    return t("fa_line", lang, fa=fa_row["fa_namn"], type=ur6_label(fa_row["ur6"], lang, one=True))
