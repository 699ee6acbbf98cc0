"""HTML fragments built from data: the contact card and the legend.

Every data value is escaped with :func:`html.escape`; links are only emitted for http(s)
addresses and for phone numbers in E.164 form, so markup in the data is shown as text.
"""

from __future__ import annotations

import os
import re
from html import escape

from ..data.contacts import Row
from ..data.linkcheck import DEAD_COLUMN, dead_fields
from ..data.regiontypes import FA_VERSION, ur6_label
from ..data.today import same_body_today, status_class, support_kinds
from ..i18n import t
from ..view.formatting import (
    checked_is_old,
    checked_old_text,
    checked_span,
    fa_text,
    host,
    national_phone,
    period_text,
    persons,
    programme_period_text,
    safe_http_url,
    shares_text,
    source_kind_label,
    status_class_label,
    status_text,
    support_kind_label,
    today_status_text,
    type_label,
)
from .palette import COLOURS, REGION_TYPE_COLOURS, STATUS_COLOURS, UNKNOWN
from .styles import MAP_ANCHOR

_E164_RE = re.compile(r"^\+46\d{5,13}$")


def phone_html(row: dict[str, str]) -> str:
    """The switchboard as a tappable ``tel:`` link (a valid E.164 number only), else the number as written."""
    e164 = row.get("phone_e164", "")
    if _E164_RE.match(e164):
        return f'<a href="tel:{e164}">{escape(national_phone(e164, row.get("phone", "")))}</a>'
    return escape(row.get("phone", ""))


def history_phone_html(row: dict[str, str], lang: str) -> str:
    """The 2014–2020 switchboard: tappable only where that organisation is today's region (the same body);
    elsewhere plain text, marked as no longer responsible, so nobody taps an outdated number."""
    if same_body_today(row):
        return phone_html(row)
    number = escape(national_phone(row.get("phone_e164", ""), row.get("phone", "")))
    return (
        f'<span class="rsp-phone-old">{number}</span> '
        f'<span class="rsp-outdated">({escape(t("phone_outdated", lang))})</span>'
    )


def dead_links(row: dict[str, str]) -> dict[str, str]:
    """The row's link fields that the last link check found dead, with the day (nothing for an unreadable
    value: the GeoPackage's load check refuses those, a renderer never fails on one)."""
    try:
        return dead_fields(row.get(DEAD_COLUMN, ""))
    except ValueError:
        return {}


def link_html(
    url: str,
    text: str,
    *,
    lang: str = "sv",
    dead_on: str = "",
    show_host: bool = False,
    css_class: str = "",
    render=escape,
) -> str:
    """A link for an http(s) address that opens in a new tab; anything else is shown as escaped text.
    The address's real host follows the text unless the text names it already (a label can say anything;
    the host is where the link goes; ``show_host`` adds it in any case); ``dead_on`` says that the link did
    not work when it was checked that day. ``render`` turns the text into HTML (it must escape it)."""
    safe = safe_http_url(url)
    if safe is None:
        return escape(url)
    cls = f' class="{escape(css_class, quote=True)}"' if css_class else ""
    bare = " data-bare" if text.strip() == safe else ""  # its text is its address: not printed twice (geo/frame.py)
    html = (
        f'<a{cls}{bare} href="{escape(safe, quote=True)}" target="_blank" rel="noopener noreferrer">{render(text)}</a>'
    )
    if show_host or host(safe).casefold() not in text.casefold():
        html += f' <span class="rsp-host">({escape(host(safe))})</span>'
    if dead_on:
        html += f' <span class="rsp-dead">{escape(t("link_dead", lang, day=dead_on))}</span>'
    return html


def row_link(row: dict[str, str], field: str, text: str, lang: str, otherwise: str = "", **options) -> str:
    """The row's address in ``field`` as a link (link_html: http(s) only, its host named), with the day the
    last link check found it dead; ``otherwise`` (HTML) where the row has no address there."""
    url = row.get(field, "")
    if not url:
        return otherwise
    return link_html(url, text, lang=lang, dead_on=dead_links(row).get(field, ""), **options)


def _swatch(key: str, colours: dict[str, str] = COLOURS) -> str:
    """A legend's or card's colour square (its colour the class's, geo/render/palette.py)."""
    return f'<span class="rsp-swatch" aria-hidden="true" style="background:{colours.get(key, UNKNOWN)}"></span>'


def _support_html(row: dict[str, str], lang: str, compact: bool = False) -> str:
    """The action first: "Ansök om stöd till kommersiell service" → the region's own page for it, with the
    page's title and the kinds of support it names; a page older than the 2025 rules says so (``compact``:
    the action only)."""
    url = row.get("today_support_url", "")
    action = row_link(row, "today_support_url", t("support_action", lang) + " ↗", lang, css_class="rsp-action")
    kinds = ", ".join(support_kind_label(k, lang) for k in support_kinds(row.get("today_support_kinds", "")))
    about = t("support_page", lang, title=row.get("today_support_title", ""), host=host(url), kinds=kinds)
    parts = [f'<p class="rsp-support">{action}</p>']
    if compact:
        return parts[0]
    parts.append(f'<p class="rsp-support-page rsp-small">{escape(about)}</p>')
    if row.get("today_support_era") == "before_2025":
        parts.append(f'<p class="rsp-support-era rsp-small">{escape(t("support_before_2025", lang))}</p>')
    return "".join(parts)


def _website_html(row: dict[str, str], lang: str) -> str:
    link = row_link(row, "today_region_url", host(row.get("today_region_url", "")) + " ↗", lang)
    return f'<p class="rsp-region-website">{escape(t("region_website", lang))}: {link}</p>'


def _map_class_html(row: dict[str, str], lang: str) -> str:
    """The county's class on the map and in the legend (its colour and words): the card says the same."""
    key = status_class(row)
    return f'<span class="rsp-today-class" data-class="{key}">{_swatch(key, STATUS_COLOURS)}{escape(status_class_label(key, lang))}</span>'


def _programme_html(row: dict[str, str], lang: str) -> str:
    if row.get("today_programme_status", "not_found") == "not_found":
        return (
            f'<p class="rsp-today-programme">{_map_class_html(row, lang)}<br>'
            f"{escape(t('today_no_programme', lang))}</p>"
        )
    period = programme_period_text(row.get("today_programme_period", ""), lang)
    facts = [f"{t('period', lang)} {period}" if period else t("period_not_stated_short", lang), status_text(row, lang)]
    if row.get("today_programme_status") == "period_not_stated":
        facts = facts[:1]
    title = row.get("today_programme_title", "")
    # a programme found without an address of its own: the source below is the evidence
    no_address = f'{escape(title)} <span class="rsp-no-address">({escape(t("programme_no_address", lang))})</span>'
    title_html = row_link(row, "today_programme_url", title + " ↗", lang, otherwise=no_address)
    return (
        f"<dl><dt>{escape(t('today_programme', lang))}</dt>"
        f'<dd class="rsp-today-programme">{_map_class_html(row, lang)}<br>{title_html}<br>'
        f'<span class="rsp-today-status">{escape(" · ".join(facts))}</span></dd></dl>'
    )


def _old_mark(row: dict[str, str], lang: str) -> str:
    """ "Kontrollerad för mer än ett år sedan." on a line of its own when the county's facts were checked too
    long ago (checked_is_old)."""
    if not checked_is_old(row.get("today_checked", "")):
        return ""
    text = checked_old_text(lang)
    return f'<br><strong class="rsp-stale">{escape(text[:1].upper() + text[1:])}.</strong>'


def today_html(row: dict[str, str], lang: str, compact: bool = False) -> str:
    """ "Kontakta idag": the region, then where to apply for support (its own page), its website and the
    current programme, and the source with its kind and checked date (``compact``: without the support
    page's description)."""
    if row.get("today_support_url"):
        action = _support_html(row, lang, compact) + _website_html(row, lang)
    else:  # no support page found: the region's website and what to look for there
        action = _website_html(row, lang) + (
            f'<p class="rsp-support-none rsp-small">{escape(t("support_none", lang))}</p>'
        )
    kind = source_kind_label(row.get("today_source_kind", ""), lang)
    source_link = row_link(row, "today_source_url", host(row.get("today_source_url", "")), lang)
    return (
        f'<section class="rsp-today" aria-labelledby="rsp-today-h">'
        f'<h3 id="rsp-today-h">{escape(t("today_heading", lang))}</h3>'
        f'<p class="rsp-region">{escape(row.get("today_region", ""))}</p>'
        f"{action}{_programme_html(row, lang)}"
        f'<p class="rsp-today-source rsp-small">'
        f"{escape(t('today_source', lang, checked=row.get('today_checked', '')))} "
        f"{escape(kind)}{', ' if kind else ''}{source_link}{_old_mark(row, lang)}</p>"
        "</section>"
    )


def history_html(row: dict[str, str], lang: str) -> str:
    """ "Ansvarig 2014–2020": the page's organisation, switchboard, persons, programme link and website."""
    phone = history_phone_html(row, lang)
    people = "".join(f"<li>{escape(p.strip())}</li>" for p in persons(row))
    website = row_link(row, "info_url", row.get("info_url", ""), lang, otherwise=escape(t("no_website", lang)))
    programme = row_link(
        row,
        "programme_url",
        t("programme_link", lang) + " ↗",
        lang,
        otherwise=escape(t("no_programme", lang)),
        show_host=True,
    )
    period = period_text(row.get("period", ""))
    parts = [
        '<section class="rsp-history" aria-labelledby="rsp-history-h">',
        f'<h3 id="rsp-history-h">{escape(t("history_heading", lang, period=period))}</h3>',
        f'<p class="rsp-history-note rsp-small">{escape(t("history_note", lang, period=period))}</p>',
        f'<p class="rsp-type">{_swatch(row["org_type"])}{escape(type_label(row["org_type"], lang))}</p>',
        "<dl>",
        f'<dt>{escape(t("organisation", lang))}</dt><dd class="rsp-org">{escape(row["org_name"])}</dd>',
        f'<dt>{escape(t("phone", lang, period=period))}</dt><dd class="rsp-phone">{phone}</dd>',
        f'<dt>{escape(t("persons", lang))}</dt><dd><ul class="rsp-persons">{people}</ul></dd>',
        f'<dt>{escape(t("programme", lang, period=period))}</dt><dd class="rsp-programme">{programme}</dd>',
        f'<dt>{escape(t("website", lang))}</dt><dd class="rsp-website">{website}</dd>',
        "</dl>",
    ]
    if row["org_type"] in ("region", "samverkansorgan"):
        lst = t("lansstyrelse_name", lang, lan=row["lan"])
        parts.append(f'<p class="rsp-note">{escape(t("investment_note", lang, lst=lst))}</p>')
    parts.append("</section>")
    return "".join(parts)


def region_types_html(row: dict[str, str], lang: str) -> str:
    """ "Regiontyp (FA15): 60 % av ytan i landsbygdsregioner, 40 % i täta regioner." (nothing without shares)"""
    text = shares_text(row, lang)
    if not text:
        return ""
    return f'<p class="rsp-region-types"><strong>{escape(t("region_types_heading", lang, version=FA_VERSION))}:</strong> {escape(text)}.</p>'


def kommun_found_html(kommun: str, lan: str, fa_row: dict[str, str] | None, lang: str) -> str:
    """What a found municipality says: its county and its FA region with the region's type."""
    text = t("kommun_in", lang, kommun=kommun, lan=lan)
    if fa_row:
        text += " " + t("kommun_fa", lang, kommun=kommun, line=fa_text(fa_row, lang))
    return status_html(text)


def to_map_html(lang: str) -> str:
    """On a phone the card comes before the map (geo/render/styles.py): the map is one tap away."""
    return f'<p class="rsp-to-map"><a href="#{MAP_ANCHOR}">{escape(t("to_map", lang))}</a></p>'


def card_html(row: dict[str, str], lang: str, compact: bool = False) -> str:
    """The contact card for one county row: who to contact today first, then the 2014–2020 history
    (``compact``, for an embedded map: today's contact only; the full card is one link away)."""
    rest = "" if compact else to_map_html(lang) + region_types_html(row, lang) + history_html(row, lang)
    return (
        f'<section class="rsp-card" aria-label="{escape(t("card_label", lang), quote=True)}" '
        f'data-lan="{escape(row["lan_kod"], quote=True)}">'
        f"<h2>{escape(row['lan'])}</h2>"
        f"{today_html(row, lang, compact)}{rest}</section>"
    )


def _count(n: int, lang: str) -> str:
    return t("legend_count_one", lang) if n == 1 else t("legend_count", lang, n=n)


def _count_fa(n: int, lang: str) -> str:
    return t("legend_count_fa_one", lang) if n == 1 else t("legend_count_fa", lang, n=n)


def _dimmed_item(lang: str, history: str) -> str:
    """The legend's line for the faded counties: what the filter left out, and by what it filters."""
    swatch = '<span class="rsp-swatch rsp-swatch-dimmed" aria-hidden="true"></span>'
    return f'<li data-type="dimmed">{swatch}{escape(t("legend_dimmed", lang, period=history))}</li>'


def legend_html(
    counts: dict[str, int],
    lang: str,
    period: str = "2014-2020",
    filtered: bool = False,
    history_period: str = "2014-2020",
) -> str:
    """The legend with counts: organisation types (2014–2020), the current programme's status (idag) or the
    region types; ``filtered`` (the type filter leaves some out) adds what the faded counties are."""
    extra = ""
    if period == "idag":
        colours, title = STATUS_COLOURS, t("legend_today", lang)
        labels = {key: status_class_label(key, lang) for key in colours}
    elif period == "regiontyp":  # FA regions by type, counted as regions; and what the dark lines are
        colours, title = REGION_TYPE_COLOURS, t("legend_regiontyp", lang, version=FA_VERSION)
        labels = {key: ur6_label(key, lang) for key in colours}
        extra = (
            f'<li data-type="county-border"><span class="rsp-swatch rsp-swatch-line" aria-hidden="true"></span>'
            f"{escape(t('legend_county_border', lang))}</li>"
        )
    else:
        colours, title = COLOURS, t("legend_history", lang, period=period_text(period))
        labels = {key: type_label(key, lang) for key in colours}
    count = _count_fa if period == "regiontyp" else _count
    items = (
        "".join(
            f'<li data-type="{key}">{_swatch(key, colours)}'
            f"{escape(labels[key])}: {escape(count(counts.get(key, 0), lang))}</li>"
            for key in colours
        )
        + extra
        + (_dimmed_item(lang, period_text(history_period)) if filtered else "")
    )
    return (
        f'<div class="rsp-legend" role="group" aria-label="{escape(title, quote=True)}" data-period="{escape(period, quote=True)}">'
        f"<strong>{escape(title)}</strong><ul>{items}</ul></div>"
    )


def provenance_html(meta: dict[str, str], lang: str) -> str:
    source = meta.get("source_url", "")
    source_html = link_html(source, source) if source else ""
    text = t(
        "provenance",
        lang,
        source="\x00",
        period=period_text(meta.get("period", "")),
        retrieved=meta.get("retrieved", ""),
        checked=checked_span(meta),
    )
    before, _, after = text.partition("\x00")
    before = escape(before).replace("*Regional samordning*", "<em>Regional samordning</em>")
    return f'<p class="rsp-provenance">{before}{source_html}{escape(after)}</p>'


def embed_footer_html(meta: dict[str, str], lang: str, full_view: str) -> str:
    """An embedded map's one line: its sources with the day today's data was checked, and a link that opens
    the same view in the full app (``full_view``: the view's address without ``embed``)."""
    text = t("embed_source", lang, period=period_text(meta.get("period", "")))
    href = escape(full_view, quote=True)
    return (
        f'<p class="rsp-embed-foot">{escape(text)} '
        f'<a class="rsp-open-full" href="{href}" target="_blank" rel="noopener">'
        f"{escape(t('embed_open', lang))}</a></p>"
    )


# Who publishes the map and where an error in the data is reported (README, "Settings").
PUBLISHER_ENV, REPORT_ENV = "RSP_PUBLISHER", "RSP_REPORT_URL"
DEFAULT_PUBLISHER = "RSP-kartan"
_MAILTO = re.compile(r"mailto:[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}")


def publisher_settings(env: dict[str, str] | None = None) -> tuple[str, str]:
    """``(publisher, report address)`` from the environment; an address that is neither a clean http(s)
    address nor a plain ``mailto:`` is left out (the line then points to the sources only)."""
    env = os.environ if env is None else env
    publisher = " ".join(env.get(PUBLISHER_ENV, "").split())[:120] or DEFAULT_PUBLISHER
    report = env.get(REPORT_ENV, "").strip()
    if not (safe_http_url(report) or _MAILTO.fullmatch(report)):
        report = ""
    return publisher, report


def publisher_html(lang: str, env: dict[str, str] | None = None) -> str:
    """ "Utgiven av …. Fel i uppgifterna? …": who publishes the map, and where to report an error (the
    configured address, and always the sources that correct their own part)."""
    publisher, report = publisher_settings(env)
    parts = [escape(t("publisher_line", lang, publisher=publisher))]
    if report:
        label = report.removeprefix("mailto:") if report.startswith("mailto:") else host(report)
        parts.append(
            escape(t("report_line", lang))
            + f' <a class="rsp-report" href="{escape(report, quote=True)}"'
            + (' target="_blank" rel="noopener noreferrer"' if not report.startswith("mailto:") else "")
            + f">{escape(label)}</a>."
        )
    parts.append(escape(t("report_sources", lang)))
    return f'<p class="rsp-publisher">{" ".join(parts)}</p>'


def intro_html(text: str) -> str:
    """A page's introduction paragraph: plain text (never Markdown), escaped."""
    return f'<p class="rsp-intro">{escape(text)}</p>'


def note_html(text: str, css_class: str = "rsp-note-text") -> str:
    """A small grey note (contrast 8.9:1 on white), the data escaped."""
    return f'<p class="{css_class} rsp-small">{escape(text)}</p>'


def status_html(text: str) -> str:
    """A short confirmation ("Malung-Sälen ligger i Dalarnas län."), announced to screen readers."""
    return f'<p class="rsp-status" role="status">{escape(text)}</p>'


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$&:])")


def md_escape(text: str) -> str:
    """Text for a Streamlit label (which renders Markdown), shown literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def source_html(meta: dict[str, str], lang: str) -> str:
    """The data's provenance as a definition list: source address, period, retrieval and checked dates
    (build details are for the README and the server, not the public page)."""
    labels = [t(key, lang) for key in ("source_page", "source_period", "source_retrieved", "source_today_checked")]
    source = meta.get("source_url", "")
    values = [
        link_html(source, source) if source else "",
        escape(period_text(meta.get("period", ""))),
        escape(meta.get("retrieved", "")),
        escape(checked_span(meta)),
    ]
    oldest = meta.get("today_checked_oldest", "") or meta.get("today_checked", "")
    if oldest:  # the county checked longest ago: how old today's facts can be
        labels.append(t("source_oldest_check", lang))
        mark = (
            f' <strong class="rsp-stale">({escape(checked_old_text(lang))})</strong>' if checked_is_old(oldest) else ""
        )
        values.append(escape(oldest) + mark)
    if meta.get("fa_version"):  # the region types: whose, which version, where
        labels.append(t("source_region_types", lang))
        text = t("region_types_source", lang, version=meta["fa_version"])
        url = meta.get("fa_source_url", "")
        values.append(link_html(url, text, show_host=True) if url else escape(text))
    items = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in zip(labels, values))
    return f'<dl class="rsp-source">{items}</dl>'


def share_html(url: str, lang: str) -> str:
    """The "link to this view" box: the address as a link a person can copy (no script needed)."""
    return (
        f'<div class="rsp-share" role="group" aria-label="{escape(t("share", lang), quote=True)}">'
        f'<p class="rsp-share-title">{escape(t("share", lang))}</p>'
        f'<p class="rsp-share-box"><a class="rsp-share-link" href="{escape(url, quote=True)}">{escape(url)}</a> '
        f'<button type="button" class="rsp-copy" data-url="{escape(url, quote=True)}" '
        f'data-done="{escape(t("share_copied", lang), quote=True)}">{escape(t("share_copy", lang))}</button></p>'
        f'<p class="rsp-share-help rsp-small">{escape(t("share_help", lang))}</p></div>'
    )


# --- lists of counties --------------------------------------------------------------------


def _listing(r: Row, lang: str, period: str) -> str:
    if period == "regiontyp":
        return escape(shares_text(r, lang))
    if period == "idag":
        label = status_class_label(status_class(r), lang)
        return f"{escape(r['today_region'])} ({escape(label)})"
    return f"{escape(r['org_name'])} ({escape(type_label(r['org_type'], lang))})"


def matching_list_html(rows: list[Row], lang: str, period: str = "2014-2020") -> str:
    items = "".join(
        f'<li data-lan="{escape(r["lan_kod"], quote=True)}"><strong>{escape(r["lan"])}</strong>: {_listing(r, lang, period)}</li>'
        for r in rows
    )
    return (
        f'<section class="rsp-matching" aria-label="{escape(t("matching", lang, n=len(rows)), quote=True)}">'
        f"<ul>{items}</ul></section>"
    )


def contact_cards_html(rows: list[Row], lang: str) -> str:
    """The contacts as a list of small cards (shown instead of the table on a phone): county, today's
    region as a link, the programme's state, and the 2014–2020 organisation with a tappable number."""
    items = []
    for r in rows:
        if r["today_support_url"]:
            action = row_link(r, "today_support_url", t("support_action", lang) + " ↗", lang, show_host=True)
            region = escape(r["today_region"]) + ": " + action
        else:
            region = row_link(r, "today_region_url", r["today_region"], lang, show_host=True)
        items.append(
            f'<li data-lan="{escape(r["lan_kod"], quote=True)}">'
            f"<strong>{escape(r['lan'])}</strong><br>{escape(t('today_heading', lang))}: {region}"
            f'<br><span class="rsp-grey">{escape(today_status_text(r, lang))}</span>'
            f"<br>{escape(t('col_then_org', lang))}: {escape(r['org_name'])}, {history_phone_html(r, lang)}</li>"
        )
    return f'<ul class="rsp-contact-cards">{"".join(items)}</ul>'
