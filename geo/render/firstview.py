"""The first view: the answer in the first response, before any script runs.

For every page address the guard (geo/web/guard.py) puts into Streamlit's HTML page (geo/web/index.py)
- a head with the view's language, title, description, canonical address, Open Graph and Twitter card tags
  (the preview image is geo/render/ogimage.py's) and the RSP favicon;
- a body that already shows the view, made of the very pieces the live page shows (geo/render/content.py):
  the map page's heading, legend, an inline SVG map (geo/render/svgmap.py) and, for ``?lan``, the card; the
  contacts tables; the what-changed tables; the About text; the "not found" text. What the live page draws
  as a Streamlit widget (the period switch, the language switch, the county select) is a plain link or a
  plain form here, in the widget's place and size (geo/render/styles.py, ``FIRST_CSS``).

The live app takes over once its map has painted (app_pages/_map_component.js, the hand-over): until then,
and for good where no script runs, this view works by plain links.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from ..data.contacts import ORG_TYPES
from ..data.model import Model
from ..i18n import LANGS, LANGUAGE_NAMES, t
from ..rules import QUERY_MAX_CHARS, SEARCH_MAX_CHARS
from ..view.formatting import type_label
from ..view.pages import (
    BY_KEY,
    MAP,
    PAGES,
    SITE,
    Request,
    canonical,
    description,
    image_key,
    page_link,
    params_for,
    query,
    title,
)
from ..view.rows import contacts_rows
from ..view.search import SEARCH_PARAM
from ..view.urlstate import PERIODS, SORT_KEYS, to_params
from . import content
from .card import embed_footer_html
from .changelog import FEED_MIME, feed_href
from .styles import FIRST_CSS, FIRST_ID
from .svgmap import svg_map

OG_SIZE = (1200, 630)


def head_html(req: Request, model: Model, origin: str, base: str) -> str:
    lang = req.state.lang
    text = {
        "title": escape(title(req.page, req.state, model.by_code), quote=True),
        "desc": escape(description(req, model.by_code), quote=True),
    }
    url = escape(canonical(req, origin, base), quote=True)
    image = escape(f"{origin}{base}/_rsp/og/{image_key(req)}.png", quote=True)
    alt = escape(t("og_alt", lang), quote=True)
    locale = "sv_SE" if lang == "sv" else "en_GB"
    return (
        f"<title>{text['title']}</title>"
        f'<meta name="description" content="{text["desc"]}">'
        f'<link rel="canonical" href="{url}">'
        f'<meta property="og:type" content="website"><meta property="og:site_name" content="{SITE}">'
        f'<meta property="og:title" content="{text["title"]}"><meta property="og:description" content="{text["desc"]}">'
        f'<meta property="og:url" content="{url}"><meta property="og:locale" content="{locale}">'
        f'<meta property="og:image" content="{image}"><meta property="og:image:type" content="image/png">'
        f'<meta property="og:image:width" content="{OG_SIZE[0]}"><meta property="og:image:height" content="{OG_SIZE[1]}">'
        f'<meta property="og:image:alt" content="{alt}">'
        f'<meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="{text["title"]}">'
        f'<meta name="twitter:description" content="{text["desc"]}"><meta name="twitter:image" content="{image}">'
        f'<link rel="icon" type="image/png" href="{escape(base, quote=True)}/_rsp/favicon.png">'
        f"{_feed_link(req, origin, base)}"
        f'<style id="{FIRST_ID}-css">{FIRST_CSS}</style>'
    )


def _feed_link(req: Request, origin: str, base: str) -> str:
    """/andringar's head names the change log's Atom feed (feed readers find it from the page's address)."""
    if req.page.key != "changes":
        return ""
    href = escape(f"{origin}{base}/{feed_href(req.state.lang)}", quote=True)
    return f'<link rel="alternate" type="{FEED_MIME}" title="{escape(t("feed_title", req.state.lang), quote=True)}" href="{href}">'


def _current(flag: bool, value: str = "true") -> str:
    return f' aria-current="{value}"' if flag else ""


def _segmented(label: str, items: list[tuple[str, str, bool]]) -> str:
    """A segmented switch as links (the live page's st.segmented_control)."""
    links = "".join(
        f'<a href="{escape(href, quote=True)}"{_current(current)}>{escape(text)}</a>' for text, href, current in items
    )
    return f'<div class="rf-seg-group"><p class="rf-label">{escape(label)}</p><p class="rf-seg">{links}</p></div>'


def _language_items(req: Request) -> list[tuple[str, str, bool]]:
    return [(LANGUAGE_NAMES[code], query(req.page, req.state, lang=code), code == req.state.lang) for code in LANGS]


def _sidebar(req: Request) -> str:
    """The sidebar: the pages (the registry's listed ones) and the language."""
    lang = req.state.lang
    pages = "".join(
        f'<li><a href="{escape(page_link(page, req.state), quote=True)}"'
        f"{_current(page is req.page, 'page')}>{escape(t(page.title, lang))}</a></li>"
        for page in PAGES
        if page.listed
    )
    return (
        f'<nav class="rf-side" aria-label="{escape(t("nav_label", lang), quote=True)}"><ul>{pages}</ul><hr>'
        f"{_segmented(t('language', lang), _language_items(req))}</nav>"
    )


def _topbar(req: Request) -> str:
    """On a phone (no sidebar): the language link where Streamlit's header will be."""
    other = next(code for code in LANGS if code != req.state.lang)
    return (
        f'<div class="rf-top"><a lang="{other}" href="{escape(query(req.page, req.state, lang=other), quote=True)}">'
        f"{escape(LANGUAGE_NAMES[other])}</a></div>"
    )


def _hidden(keep: dict[str, str]) -> str:
    return "".join(
        f'<input type="hidden" name="{escape(k, quote=True)}" value="{escape(v, quote=True)}">' for k, v in keep.items()
    )


def _county_form(req: Request, model: Model) -> str:
    """The live page's municipality search and county select as plain forms (GET): they work without any
    script. The server answers the search (``sok``) by the live box's rule (geo.view.search.find)."""
    s, lang, found = req.state, req.state.lang, req.found
    hidden = _hidden({k: v for k, v in to_params(s).items() if k in MAP.keeps and k not in ("lan", "kommun", "zoom")})
    typed = found.query if found else (model.kommun_name[s.kommun] if s.kommun else "")
    search = (
        f'<form class="rf-search" method="get" action="" role="search">{hidden}'
        f'<label for="rf-sok">{escape(t("kommun_search", lang))}</label>'
        f'<span class="rf-pick-row"><input id="rf-sok" type="search" name="{SEARCH_PARAM}" '
        f'value="{escape(typed, quote=True)}" maxlength="{SEARCH_MAX_CHARS}" autocomplete="off" '
        f'placeholder="{escape(t("kommun_placeholder", lang), quote=True)}">'
        f'<button type="submit">{escape(t("search_button", lang))}</button></span></form>'
    )
    note = content.search_note_html(model, s, found)
    offers = content.search_offers(model, s, found)
    if offers:
        links = " · ".join(
            f'<a href="{escape(query(MAP, s.select(model.kommun_lan[code], code)), quote=True)}">{escape(label)}</a>'
            for code, label in offers.items()
        )
        note += f'<p class="rf-offers">{escape(t("kommun_others", lang))}: {links}</p>'
    options = "".join(
        f'<option value="{r["lan_kod"]}"{" selected" if r["lan_kod"] == s.lan else ""}>{escape(r["lan"])}</option>'
        for r in model.rows
    )
    empty = "" if s.lan else f'<option value="" selected>{escape(t("county_placeholder", lang))}</option>'
    return (
        f'<div class="rf-pick">{search}{note}<form class="rf-lanform" method="get" action="">{hidden}'
        f'<label for="rf-lan">{escape(t("county_select", lang))}</label>'
        f'<span class="rf-pick-row"><select id="rf-lan" name="lan">{empty}{options}</select>'
        f'<button type="submit">{escape(t("show", lang))}</button></span></form></div>'
    )


def _map_body(req: Request, model: Model) -> str:
    s, lang = req.state, req.state.lang
    periods = [(t(f"period_{p}", lang), query(MAP, s, period=p), p == s.period) for p in PERIODS]
    card = content.map_card_html(model, s, req.embed) or f'<p class="rf-info">{escape(t("no_selection", lang))}</p>'
    legend = content.map_legend_html(model, s)
    alt = f'<p class="rf-alt">{escape(content.map_alt(s, req.embed))}</p>'
    svg = svg_map(req, model, content.map_alt_key(s))
    if req.embed:  # as the live embed view: the legend, the map and the card, nothing else
        return (
            f'<div class="rf-row"><div class="rf-mapcol"><div class="rf-legend-embed">{legend}</div>'
            f'{alt}{svg}</div><div class="rf-cardcol">{card}</div></div>'
            f"{embed_footer_html(model.meta, lang, query(MAP, s))}"
        )
    return (
        f"<h1>{escape(content.heading(MAP, s))}</h1>{content.map_intro_html(s, model)}"
        '<div class="rf-row"><div class="rf-mapcol"><div class="rf-mapctl">'
        f'<div class="rf-switch">{_segmented(t("period_switch", lang), periods)}</div>'
        f'<div class="rf-legend">{legend}</div></div>{alt}{svg}</div>'
        f'<div class="rf-cardcol">{_county_form(req, model)}{card}</div></div>'
    )


def _contacts_form(req: Request, model: Model) -> str:
    """The live page's search, type filter and order as a plain form (GET): it works without any script."""
    s, lang = req.state, req.state.lang
    keep = {k: v for k, v in params_for(req.page, s).items() if k not in ("q", "typ", "sort")} | {"period": s.period}
    hidden = _hidden(keep)
    types = "".join(
        f'<label class="rf-check"><input type="checkbox" name="typ" value="{key}"'
        f"{' checked' if key in s.typ else ''}> {escape(type_label(key, lang))}</label>"
        for key in ORG_TYPES
    )
    orders = "".join(
        f'<option value="{key}"{" selected" if key == s.sort else ""}>{escape(t(f"sort_{key}", lang))}</option>'
        for key in SORT_KEYS
    )
    period = content.history_period(model)
    return (
        f'<form class="rf-find" method="get" action="">{hidden}'
        f'<label class="rf-q">{escape(t("contacts_search", lang))}'
        f'<input type="search" name="q" value="{escape(s.q, quote=True)}" maxlength="{QUERY_MAX_CHARS}" '
        f'placeholder="{escape(t("contacts_search_placeholder", lang), quote=True)}"></label>'
        f'<label class="rf-sort">{escape(t("sort_label", lang))}<select name="sort">{orders}</select></label>'
        f'<fieldset class="rf-types"><legend>{escape(t("filter_label", lang, period=period))}</legend>{types}</fieldset>'
        f'<button type="submit">{escape(t("show", lang))}</button></form>'
    )


def _contacts_body(req: Request, model: Model) -> str:
    s, lang = req.state, req.state.lang
    shown = contacts_rows(model.rows, s)
    params = urlencode({k: v for k, v in params_for(req.page, s).items() if k in ("q", "typ", "lang")})
    files = "".join(
        f' · <a href="./_rsp/rsp-kontakter.{ending}{"?" + params if params else ""}" download>'
        f"{escape(t(label, lang))}</a>"
        for ending, label in (("csv", "dl_csv"), ("xlsx", "dl_xlsx"), ("vcf", "dl_vcf_all"))
    )
    return (
        f"<h1>{escape(content.heading(req.page, s))}</h1>{content.contacts_intro_html(model, lang)}"
        f"{_contacts_form(req, model)}"
        f"<p>{escape(content.shown_count_text(shown, model, lang))} {escape(t('downloads', lang))}: "
        f"{files[3:] if files.startswith(' · ') else files}"
        f' · <a href="./_rsp/rsp-kommuner.csv" download>{escape(t("dl_kommun_csv", lang))}</a></p>'
        f"{content.contacts_html(shown, model, lang)}"
    )


def _changes_body(req: Request, model: Model) -> str:
    lang = req.state.lang
    sections = "".join(f"<h2>{escape(h)}</h2>{table}" for h, table in content.changes_sections(model, lang))
    return f"<h1>{escape(content.heading(req.page, req.state))}</h1>{content.changes_intro_html(lang)}{sections}"


def _about_body(req: Request, model: Model) -> str:
    return f"<h1>{escape(content.heading(req.page, req.state))}</h1>{content.about_html(model, req.state.lang)}"


def _not_found_body(req: Request, model: Model) -> str:
    body, link = content.not_found_text(req.state.lang)
    return (
        f"<h1>{escape(content.heading(req.page, req.state))}</h1><p><code>{escape(req.missing[:200])}</code></p>"
        f'<p>{escape(body)} <a href="./{escape(query(MAP, req.state), quote=True)}">{escape(link)}</a>.</p>'
    )


# Each page's first-view body, by the registry's key (geo/view/pages.py).
BODIES: dict[str, Callable[[Request, Model], str]] = {
    "map": _map_body,
    "contacts": _contacts_body,
    "changes": _changes_body,
    "about": _about_body,
    "not_found": _not_found_body,
}
assert set(BODIES) == set(BY_KEY), "every page of the registry has a first-view body"


# The first view's navigation until the hand-over (fetch and swap, pushState): one text for every page, so
# that the proxy's Content-Security-Policy allows it by its hash (deploy/cluster.py, page_script_hashes).
NAVIGATION_JS = Path(__file__).with_name("firstview.js").read_text(encoding="utf-8")


def navigation_script() -> str:
    return f'<script id="{FIRST_ID}-js">{NAVIGATION_JS}</script>'


@lru_cache(maxsize=256)
def body_html(req: Request, model: Model) -> str:
    """The first view of a request (the same request on the same model: made once, kept among the last 256)."""
    lang = req.state.lang
    main = BODIES[req.page.key](req, model)
    if req.embed:
        return (
            f'<div id="{FIRST_ID}" class="rf rf-embed" data-page="{req.page.key}"><main class="rf-main">{main}</main>'
            f"</div>{navigation_script()}"
        )
    return (
        f'<div id="{FIRST_ID}" class="rf" data-page="{req.page.key}">{_topbar(req)}{_sidebar(req)}'
        f'<main class="rf-main">{main}<hr>{content.footer_html(model, lang)}</main></div>{navigation_script()}'
    )
