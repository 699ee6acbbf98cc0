"""The data's change log as a person and a feed reader see it: one renderer for a build's changes, used by the
/andringar page (live and first view) and by the Atom feed (RFC 4287) the guard serves at
``/_rsp/andringar.atom``. Every value is escaped (the log holds what the data files held)."""

from __future__ import annotations

import datetime as dt
from html import escape
from xml.etree import ElementTree as ET

from ..data.contacts import Row
from ..i18n import t
from ..view.changes import FEED_BUILDS, field_label, log_builds, log_value_text
from ..view.formatting import host
from ..view.pages import BY_KEY
from .card import link_html

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_PATH = "_rsp/andringar.atom"  # under the site's root (the guard's route)
FEED_MIME = "application/atom+xml"
# The feed's and its entries' ids: tag URIs (RFC 4151), the same wherever the site is served.
FEED_ID = "tag:rsp-kartan,2026-12-04:changes"


def feed_href(lang: str) -> str:
    """The feed's address relative to the site's root (a page's address is one segment deep)."""
    return FEED_PATH + ("?lang=en" if lang == "en" else "")


def build_title(built_at: str, entries: list[Row], lang: str) -> str:
    """ "2026-12-04: 9 ändringar i Skåne län, Hallands län, Norrbottens län"."""
    counties = ", ".join(dict.fromkeys(e["lan"] for e in entries))
    return t("changes_log_build", lang, date=built_at[:10], n=len(entries), counties=counties)


def build_changes_html(entries: list[Row], lang: str) -> str:
    """One build's changes: county, field, old → new, and the source of the new value as a link."""
    items = []
    for e in entries:
        source = ""
        if e["source"]:
            source = f" ({escape(t('changes_log_source', lang))}: {link_html(e['source'], host(e['source']))})"
        items.append(
            f'<li data-lan="{escape(e["lan_kod"], quote=True)}"><strong>{escape(e["lan"])}</strong> · '
            f"{escape(field_label(e['field'], lang))}: "
            f"<del>{escape(log_value_text(e['field'], e['old'], lang))}</del> → "
            f"<ins>{escape(log_value_text(e['field'], e['new'], lang))}</ins>{source}</li>"
        )
    return f'<ul class="rsp-log-changes">{"".join(items)}</ul>'


def changes_log_html(changelog: tuple[Row, ...], lang: str) -> str:
    """/andringar's "Senaste ändringar i uppgifterna": the latest builds that changed something, newest first,
    each change with its source, and the link to the feed."""
    builds = log_builds(changelog)
    feed = (
        f'<p class="rsp-log-feed"><a href="{escape(feed_href(lang), quote=True)}" type="{FEED_MIME}">'
        f"{escape(t('changes_log_feed', lang))}</a></p>"
    )
    if not builds:
        return f'<section class="rsp-log"><p>{escape(t("changes_log_none", lang))}</p>{feed}</section>'
    items = "".join(
        f'<li><h3 class="rsp-log-build"><time datetime="{escape(built_at, quote=True)}">'
        f"{escape(build_title(built_at, entries, lang))}</time></h3>{build_changes_html(entries, lang)}</li>"
        for built_at, entries in builds
    )
    return (
        f'<section class="rsp-log"><p class="rsp-small">{escape(t("changes_log_intro", lang))}</p>{feed}'
        f'<ol class="rsp-log-builds">{items}</ol></section>'
    )


def atom_feed(changelog: tuple[Row, ...], lang: str, site: str, built_at: str) -> bytes:
    """The change log as an Atom feed: one entry per build that changed something (its changes listed as
    HTML), newest first. ``site`` is the public root ("https://karta.example.se"); ``built_at`` the data
    file's build time (the feed's ``updated`` when the log is empty)."""
    suffix = "?lang=en" if lang == "en" else ""
    page = f"{site}/{BY_KEY['changes'].path}{suffix}"  # /andringar, the log's page
    builds = log_builds(changelog, FEED_BUILDS)
    ET.register_namespace("", ATOM_NS)

    def el(parent: ET.Element, name: str, text: str | None = None, **attrib: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}", attrib)
        if text is not None:
            node.text = text
        return node

    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    el(feed, "id", f"{FEED_ID}/{lang}")
    el(feed, "title", t("feed_title", lang))
    el(feed, "subtitle", t("feed_subtitle", lang))
    el(feed, "updated", _rfc3339(builds[0][0] if builds else built_at))
    el(feed, "link", rel="self", type=FEED_MIME, href=f"{site}/{FEED_PATH}{suffix}")
    el(feed, "link", rel="alternate", type="text/html", href=page)
    author = el(feed, "author")
    el(author, "name", "RSP-kartan")
    for when, entries in builds:
        entry = el(feed, "entry")
        el(entry, "id", f"{FEED_ID}/{lang}/{when}")
        el(entry, "title", build_title(when, entries, lang))
        el(entry, "updated", _rfc3339(when))
        el(entry, "link", rel="alternate", type="text/html", href=page)
        el(entry, "content", build_changes_html(entries, lang), type="html")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)


def _rfc3339(value: str) -> str:
    """An ISO date and time as Atom wants it (RFC 3339, with its offset); a bare day is midnight UTC."""
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        when = dt.datetime(1970, 1, 1)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.isoformat()
