"""A small page of our own, without Streamlit: the guard's answer where no page of the app can be shown (an
address no page has: 404; no good data: 503). In the chosen language, with a link to the other, every value
escaped; its style is geo/render/styles.py's PLAIN_CSS."""

from __future__ import annotations

from html import escape

from ..i18n import LANGS, LANGUAGE_NAMES, t
from .styles import PLAIN_CSS


def plain_page_html(lang: str, title: str, body: str, other_language_href: str) -> str:
    """A whole document: ``title`` as its heading, ``body`` (HTML, already escaped by its maker)."""
    other = next(code for code in LANGS if code != lang)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} – RSP-kartan</title><style>{PLAIN_CSS}</style></head><body><main>"
        f'<p class="plain-lang"><a lang="{other}" href="{escape(other_language_href, quote=True)}">'
        f"{escape(LANGUAGE_NAMES[other])}</a></p>"
        f"<h1>{escape(title)}</h1>{body}</main></body></html>"
    )


def not_found_page_html(lang: str, path: str, map_href: str, other_language_href: str) -> str:
    """The address names no page: the address itself, and a link to the map that keeps the view."""
    body = (
        f"<p><code>{escape(path[:200])}</code></p>"
        f'<p>{escape(t("not_found_body", lang))} <a href="{escape(map_href, quote=True)}">'
        f"{escape(t('not_found_link', lang))}</a>.</p>"
    )
    return plain_page_html(lang, t("not_found_title", lang), body, other_language_href)


def unavailable_page_html(lang: str, other_language_href: str) -> str:
    """No good data to show: what to do about it (the people who run the site rebuild the data file)."""
    body = f"<p>{escape(t('data_missing_body', lang))}</p><pre><code>make data</code></pre>"
    return plain_page_html(lang, t("data_missing_title", lang), body, other_language_href)
