"""The first view: the answer in the first response, before any script runs (pure Python, no streamlit).

For every page address the guard (geo/guard.py) puts into Streamlit's HTML page
- a head with the view's language, title, description, canonical address, Open Graph and Twitter card tags
  (the preview image is geo/ogimage.py's) and the RSP favicon;
- a body that already shows the view: the map page's heading, legend with counts, an inline SVG map of the
  21 counties coloured for the view (each county a link to its own view) and, for ``?lan``, the contact
  card; the contacts table; the what-changed tables; the About text; the "not found" text.

It is made from the same code the live app uses: ``urlstate.parse`` reads the address, ``card.py`` writes
the card and the legend, ``views`` counts, ``i18n`` words. The live app takes over once its map has painted
(app_pages/_map_component.js, the hand-over): until then, and for good where no script runs, this view
works by plain links. Everything that is the same for every visitor is made once per data set (``Model``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import urlencode

import geopandas as gpd
import shapely

from . import changes
from .card import (card_html, contact_cards_html, embed_footer_html, intro_html, kommun_found_html, legend_html, link_html,
                   provenance_html, source_html)
from .contacts import ORG_TYPES, Row
from .formatting import period_text, programme_period_text, status_text
from .frame import EMBED_MAP_PX
from .i18n import LANGS, LANGUAGE_NAMES, t
from .mapview import DIM_OPACITY, FULL_OPACITY
from .palette import COLOURS, REGION_TYPE_COLOURS, STATUS_COLOURS
from .today import status_class
from .urlstate import MAP_ALIASES, PERIODS, ViewState, parse, to_params, unknown_page
from .tables import contacts_tables_html
from .views import legend_counts, matching, search_rows, sort_rows, today_sources

SITE = "RSP-kartan"
# The map page's heading, intro and map description per view (the live page uses the same keys)
HEADINGS = {"idag": "map_heading_today", "2014-2020": "map_heading", "regiontyp": "map_heading_regiontyp"}
MAP_ALTS = {"idag": "map_alt_today", "2014-2020": "map_alt", "regiontyp": "map_alt_regiontyp"}
PAGES = {"": "map", "kontakter": "contacts", "andringar": "changes", "om": "about"}
PAGE_TITLES = {"map": "page_map", "contacts": "page_contacts", "changes": "page_changes", "about": "page_about"}
PAGE_PATH = {page: path for path, page in PAGES.items()}
OG_SIZE = (1200, 630)
FIRST_ID = "rsp-first"  # the element the hand-over removes (app_pages/_map_component.js)
_KM = 1000.0
_SIMPLIFY_M = 2500.0  # in Web Mercator metres: about 1.3 km on the ground at 60° N, far below a pixel here


# --- made once per data set -------------------------------------------------------------------------

@dataclass(frozen=True)
class Shapes:
    """The 21 counties as SVG path data in Web Mercator kilometres (y down, as Leaflet draws them),
    simplified as one coverage so that neighbours keep their shared border."""

    d: dict[str, str]
    rings: dict[str, list[list[tuple[int, int]]]]  # the same outlines as points (geo/ogimage.py draws them)
    bounds: dict[str, tuple[float, float, float, float]]  # x0, y0, x1, y1 in the same units
    sweden: tuple[float, float, float, float]


def _ring(coords) -> list[tuple[int, int]]:
    points, last = [], None
    for x, y in coords:
        p = (round(x / _KM), round(-y / _KM))
        if p != last:
            points.append(p)
            last = p
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points if len(points) >= 3 else []


def _ring_d(points: list[tuple[int, int]]) -> str:
    x0, y0 = points[0]
    steps = "".join(f"l{x - px} {y - py}" for (px, py), (x, y) in zip(points, points[1:]))
    return f"M{x0} {y0}{steps}z"


def shapes_of(counties: gpd.GeoDataFrame, key: str = "lan_kod") -> Shapes:
    """The shapes of a layer (the counties, or the FA regions with ``key="fa_kod"``), by ``key``."""
    merc = counties.to_crs(3857)
    simple = shapely.coverage_simplify(merc.geometry.values, _SIMPLIFY_M)
    d, rings, bounds = {}, {}, {}
    for code, geom, full in zip(merc[key], simple, merc.geometry.values):
        polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        rings[code] = [r for r in (_ring(p.exterior.coords) for p in polys if not p.is_empty) if r]
        d[code] = "".join(_ring_d(r) for r in rings[code])
        x0, y0, x1, y1 = full.bounds
        bounds[code] = (x0 / _KM, -y1 / _KM, x1 / _KM, -y0 / _KM)
    x0, y0, x1, y1 = merc.total_bounds
    return Shapes(d, rings, bounds, (x0 / _KM, -y1 / _KM, x1 / _KM, -y0 / _KM))


@dataclass(frozen=True)
class Model:
    """What every first view reads: the rows (both periods), metadata, municipalities and the shapes."""

    rows: list[Row]
    by_code: dict[str, Row]
    meta: dict[str, str]
    kommun_lan: dict[str, str]
    kommun_bounds: dict[str, tuple[float, float, float, float]]
    shapes: Shapes
    kommun_name: dict[str, str] | None = None
    fa_shapes: Shapes | None = None  # the FA regions (the region-type view), same units as ``shapes``
    fa_rows: tuple[dict[str, str], ...] = ()
    fa_by_code: dict[str, dict[str, str]] = field(default_factory=dict)  # fa_kod -> its row
    kommun_fa: dict[str, str] = field(default_factory=dict)  # kommun_kod -> fa_kod
    fa_json: bytes = b""  # the map's FA layer (geo.regiontypes.fa_geojson), which the guard serves


def model_of(counties: gpd.GeoDataFrame, rows: list[Row], meta: dict[str, str], municipalities: gpd.GeoDataFrame,
             fa: gpd.GeoDataFrame) -> Model:
    from .gpkg import fa_records
    from .regiontypes import fa_geojson

    merc = municipalities.to_crs(3857)
    kb = {k: (g.bounds[0] / _KM, -g.bounds[3] / _KM, g.bounds[2] / _KM, -g.bounds[1] / _KM)
          for k, g in zip(merc["kommun_kod"], merc.geometry.values)}
    fa_rows = tuple(fa_records(fa))
    return Model(rows, {r["lan_kod"]: r for r in rows}, meta, dict(zip(municipalities["kommun_kod"], municipalities["lan_kod"])),
                 kb, shapes_of(counties), dict(zip(municipalities["kommun_kod"], municipalities["kommun"])),
                 shapes_of(fa, "fa_kod"), fa_rows, {r["fa_kod"]: r for r in fa_rows},
                 dict(zip(municipalities["kommun_kod"], municipalities["fa_kod"])), fa_geojson(fa))


def load_model(path: Path) -> Model:
    """The model from the GeoPackage, checked like the app's load (geo.gpkg raises DataUnavailable)."""
    from .gpkg import load_counties, load_fa_regions, load_metadata, load_municipalities
    from .views import rows_of

    counties, kom = load_counties(path), load_municipalities(path)
    return model_of(counties, rows_of(counties), load_metadata(path), kom, load_fa_regions(path, kom))


# --- one address: which page, which view --------------------------------------------------------------

@dataclass(frozen=True)
class Request:
    page: str  # map | contacts | changes | about | not_found
    state: ViewState
    missing: str = ""  # the unknown page's path segment
    embed: bool = False  # Streamlit's ?embed=true: the map, the legend and the card only


def page_key(url_path: str) -> str:
    """``"kontakter"`` → ``"contacts"``; the map's alias is the map; anything else is "not found"."""
    segment = url_path.strip("/")
    return PAGES.get("" if segment in MAP_ALIASES else segment, "not_found")


def request_of(path: str, params: dict[str, list[str]], model: Model) -> Request:
    state, _ = parse(params, model.by_code, model.kommun_lan)
    page = page_key(path)
    embed = (params.get("embed") or [""])[-1].lower() == "true" and page == "map"
    return Request(page, state, (unknown_page(path) or path.strip("/")) if page == "not_found" else "", embed)


def title(page: str, state: ViewState, by_code: dict[str, Row]) -> str:
    """The document title of a view; the live app sets the same (app.py)."""
    lang = state.lang
    if page == "map":
        if state.lan:
            return f"{by_code[state.lan]['lan']} – {t('title_question', lang)} – {SITE}"
        return f"{t(HEADINGS[state.period], lang)} – {SITE}"
    key = PAGE_TITLES.get(page, "not_found_title")
    return f"{t(key, lang)} – {SITE}"


def description(req: Request, model: Model) -> str:
    """The preview's text: for a county, its region and where to apply, and its programme."""
    lang = req.state.lang
    if req.page == "map" and req.state.lan:
        r = model.by_code[req.state.lan]
        parts = [t("desc_region", lang, lan=r["lan"], region=r["today_region"])]
        if r["today_support_url"]:
            parts.append(t("desc_support", lang))
        if r["today_programme_status"] == "not_found":
            parts.append(t("today_no_programme", lang))
        else:
            period = programme_period_text(r["today_programme_period"], lang)
            facts = ", ".join(x for x in (period, status_text(r, lang)) if x)
            parts.append(t("desc_programme", lang, title=r["today_programme_title"], facts=facts))
        parts.append(t("desc_history", lang, period=period_text(r["period"]), org=r["org_name"]))
        return " ".join(parts)
    return t("desc_site", lang)


def query(state: ViewState, embed: bool = False, **changes_) -> str:
    """A relative link to a view of the same page (``?lan=25&lang=en``, or ``?`` for the default view)."""
    params = to_params(state.with_(**changes_) if changes_ else state) | ({"embed": "true"} if embed else {})
    return "?" + urlencode(params) if params else "?"


def page_query(page: str, state: ViewState) -> str:
    """The view's query on ``page`` ("?lan=25&lang=en", or ""): the search and order belong to the contacts
    page only."""
    params = to_params(state if page == "contacts" else state.with_(q="", sort="lan"))
    return "?" + urlencode(params) if params else ""


def page_link(page: str, state: ViewState) -> str:
    """A relative link to another page, keeping the view (the pages are one segment deep)."""
    return "./" + PAGE_PATH[page] + page_query(page, state)


def canonical(req: Request, origin: str, base: str) -> str:
    return f"{origin}{base}/{PAGE_PATH.get(req.page, req.missing)}" + page_query(req.page, req.state)


def image_key(req: Request) -> str:
    """Which preview image a view gets: the selected county (or none) in the view's colouring."""
    county = req.state.lan if req.page == "map" and req.state.lan else "sverige"
    return f"{county}-{req.state.period}"


# --- HTML ---------------------------------------------------------------------------------------------

def map_intro(period: str, lang: str, meta: dict[str, str]) -> str:
    """The map page's introduction for a view (the live page says the same)."""
    if period == "2014-2020":
        return t("map_intro", lang, period=period_text(meta.get("period", "")))
    return t("map_intro_today" if period == "idag" else "map_intro_regiontyp", lang)


def head_html(req: Request, model: Model, origin: str, base: str) -> str:
    lang = req.state.lang
    text = {k: escape(v, quote=True) for k, v in (("title", title(req.page, req.state, model.by_code)), ("desc", description(req, model)))}
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
        f'<style id="{FIRST_ID}-css">{FIRST_CSS}</style>'
    )


def _current(flag: bool, value: str = "true") -> str:
    return f' aria-current="{value}"' if flag else ""


def _segmented(label: str, items: list[tuple[str, str, bool]]) -> str:
    links = "".join(f'<a href="{escape(href, quote=True)}"{_current(current)}>{escape(text)}</a>'
                    for text, href, current in items)
    return f'<div class="rf-seg-group"><p class="rf-label">{escape(label)}</p><p class="rf-seg">{links}</p></div>'


def _language_items(req: Request) -> list[tuple[str, str, bool]]:
    return [(LANGUAGE_NAMES[code], query(req.state, lang=code), code == req.state.lang) for code in LANGS]


def _sidebar(req: Request) -> str:
    lang = req.state.lang
    pages = "".join(
        f'<li><a href="{escape(page_link(page, req.state), quote=True)}"'
        f'{_current(page == req.page, "page")}>{escape(t(key, lang))}</a></li>'
        for page, key in PAGE_TITLES.items()
    )
    return (f'<nav class="rf-side" aria-label="{escape(t("nav_label", lang), quote=True)}"><ul>{pages}</ul><hr>'
            f"{_segmented(t('language', lang), _language_items(req))}</nav>")


def _topbar(req: Request) -> str:
    """On a phone (no sidebar): the language link where Streamlit's header will be."""
    other = next(code for code in LANGS if code != req.state.lang)
    return (f'<div class="rf-top"><a lang="{other}" href="{escape(query(req.state, lang=other), quote=True)}">'
            f"{escape(LANGUAGE_NAMES[other])}</a></div>")


def _view_box(req: Request, model: Model) -> str:
    s = req.state
    if s.kommun and s.kommun in model.kommun_bounds and s.zoom != "sverige":
        x0, y0, x1, y1 = model.kommun_bounds[s.kommun]
    elif s.lan and s.zoom != "sverige":
        x0, y0, x1, y1 = model.shapes.bounds[s.lan]
    else:
        x0, y0, x1, y1 = model.shapes.sweden
    pad = 0.04 * max(x1 - x0, y1 - y0)
    return f"{x0 - pad:.0f} {y0 - pad:.0f} {x1 - x0 + 2 * pad:.0f} {y1 - y0 + 2 * pad:.0f}"


def svg_map(req: Request, model: Model) -> str:
    """The 21 counties, coloured for the view; each a link to its own view, the selected one outlined."""
    s, lang = req.state, req.state.lang
    order = sorted(model.rows, key=lambda r: r["lan_kod"] == s.lan)  # the selected county last: its outline on top
    regiontyp = s.period == "regiontyp" and model.fa_shapes is not None
    shapes = _fa_paths(model) if regiontyp else []
    for r in order:
        code = r["lan_kod"]
        selected = code == s.lan
        active = r["org_type"] in s.active_types
        if regiontyp:  # the FA regions show through; a county outside the filter is veiled, as on the live map
            fill, opacity = "#ffffff", 0 if active else 0.7
            stroke = 'stroke="#000000" stroke-width="3.5"' if selected else 'stroke="#1f1f1f" stroke-width="1.2"'
        else:
            fill = STATUS_COLOURS[status_class(r)] if s.period == "idag" else COLOURS.get(r["org_type"], "#777777")
            opacity = FULL_OPACITY if active else DIM_OPACITY
            stroke = 'stroke="#000000" stroke-width="3"' if selected else 'stroke="#ffffff" stroke-width="1"'
        shapes.append(
            f'<a data-lan="{code}" href="{escape(query(s, req.embed, lan=code, kommun=None, zoom=None), quote=True)}" '
            f'aria-label="{escape(r["lan"], quote=True)}"{_current(selected)}>'
            f'<path d="{model.shapes.d[code]}" fill="{fill}" fill-opacity="{opacity}" {stroke} '
            f'vector-effect="non-scaling-stroke"><title>{escape(r["lan"])}</title></path></a>'
        )
    alt = MAP_ALTS[s.period]
    return (f'<svg class="rf-map" viewBox="{_view_box(req, model)}" preserveAspectRatio="xMidYMid meet" '
            f'role="group" aria-label="{escape(t(alt, lang), quote=True)}">{"".join(shapes)}</svg>')


def _fa_paths(model: Model) -> list[str]:
    """The region-type view's under-layer: the FA regions filled by type, then a white halo for every county
    border (the county links above draw the dark line)."""
    fa = [f'<path d="{model.fa_shapes.d[r["fa_kod"]]}" fill="{REGION_TYPE_COLOURS.get(r["ur6"], "#777777")}" '
          'stroke="#ffffff" stroke-width="0.5" stroke-opacity="0.6" vector-effect="non-scaling-stroke"/>'
          for r in model.fa_rows]
    halo = "".join(model.shapes.d[r["lan_kod"]] for r in model.rows)
    return [f'<g aria-hidden="true">{"".join(fa)}<path d="{halo}" fill="none" stroke="#ffffff" stroke-width="3.5" '
            'stroke-opacity="0.9" vector-effect="non-scaling-stroke"/></g>']


def _county_form(req: Request, model: Model) -> str:
    """The county select as a plain form (GET): it works without any script."""
    s, lang = req.state, req.state.lang
    keep = {k: v for k, v in to_params(s).items() if k not in ("lan", "kommun", "zoom")}
    hidden = "".join(f'<input type="hidden" name="{escape(k, quote=True)}" value="{escape(v, quote=True)}">' for k, v in keep.items())
    options = "".join(
        f'<option value="{r["lan_kod"]}"{" selected" if r["lan_kod"] == s.lan else ""}>{escape(r["lan"])}</option>'
        for r in model.rows
    )
    empty = "" if s.lan else f'<option value="" selected>{escape(t("county_placeholder", lang))}</option>'
    found = ""  # a municipality's link says where it lies, as the live search does
    if s.kommun and model.kommun_name and s.kommun in model.kommun_name:
        fa_row = model.fa_by_code.get(model.kommun_fa.get(s.kommun, ""))
        found = kommun_found_html(model.kommun_name[s.kommun], model.by_code[model.kommun_lan[s.kommun]]["lan"], fa_row, lang)
    cls = "rf-pick rf-pick-found" if found else "rf-pick"
    return (f'<form class="{cls}" method="get" action="">{hidden}{found}<label for="rf-lan">{escape(t("county_select", lang))}</label>'
            f'<span class="rf-pick-row"><select id="rf-lan" name="lan">{empty}{options}</select>'
            f'<button type="submit">{escape(t("show", lang))}</button></span></form>')


def _map_body(req: Request, model: Model) -> str:
    s, lang = req.state, req.state.lang
    heading = t(HEADINGS[s.period], lang)
    intro = map_intro(s.period, lang, model.meta)
    periods = [(t(f"period_{p}", lang), query(s, period=p), p == s.period) for p in PERIODS]
    card = (card_html(model.by_code[s.lan], lang, compact=req.embed) if s.lan
            else f'<p class="rf-info">{escape(t("no_selection", lang))}</p>')
    alt = "map_alt_embed" if req.embed else MAP_ALTS[s.period]
    legend = legend_html(legend_counts(model.rows, s.period, model.fa_rows), lang, s.period,
                         filtered=len(s.active_types) < len(ORG_TYPES), history_period=model.meta.get("period", ""))
    if req.embed:  # as the live embed view: the legend, the map and the card, nothing else
        return (f'<div class="rf-row"><div class="rf-mapcol"><div class="rf-legend-embed">{legend}</div>'
                f'<p class="rf-alt">{escape(t(alt, lang))}</p>{svg_map(req, model)}</div>'
                f'<div class="rf-cardcol">{card}</div></div>{embed_footer_html(model.meta, lang, query(s))}')
    return (
        f"<h1>{escape(heading)}</h1>{intro_html(intro)}"
        '<div class="rf-row"><div class="rf-mapcol"><div class="rf-mapctl">'
        f'<div class="rf-switch">{_segmented(t("period_switch", lang), periods)}</div>'
        f'<div class="rf-legend">{legend}</div></div>'
        f'<p class="rf-alt">{escape(t(alt, lang))}</p>{svg_map(req, model)}</div>'
        f'<div class="rf-cardcol">{_county_form(req, model)}{card}</div></div>'
    )


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain table; cells arrive as HTML already escaped by their makers."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<div class="rf-table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _link_cell(url: str, lang: str) -> str:
    return link_html(url, t("link_open", lang)) if url else ""


def _contacts_body(req: Request, model: Model) -> str:
    s, lang = req.state, req.state.lang
    period = period_text(model.meta.get("period", ""))
    shown = sort_rows(search_rows(matching(model.rows, s.active_types), s.q), s.sort)  # as the live page
    return (f'<h1>{escape(t("page_contacts", lang))}</h1>{intro_html(t("contacts_intro", lang, period=period))}'
            f'<p>{escape(t("shown_count", lang, n=len(shown), total=len(model.rows)))} '
            f'<a href="./_rsp/rsp-kontakter.csv" download>{escape(t("dl_all_csv", lang))}</a> · '
            f'<a href="./_rsp/rsp-kommuner.csv" download>{escape(t("dl_kommun_csv", lang))}</a></p>'
            f"{contacts_tables_html(shown, lang, model.meta.get('period', ''))}"
            f"{contact_cards_html(shown, lang)}")  # the cards on a phone, as live


def _changes_body(req: Request, model: Model) -> str:
    lang = req.state.lang
    headers = [t(k, lang) for k in ("col_lan", "col_then_type", "col_then_org", "col_now_type", "col_now_org", "col_support")]

    def rows_of(comp):
        return [[escape(c["lan"]), escape(c["then_type"]), escape(c["then_org"]), escape(c["now_type"]),
                 escape(c["now_org"]), _link_cell(c["now_support"], lang)] for c in changes.table_records(comp, lang)]

    moved = changes.changed(model.rows)
    return (f'<h1>{escape(t("page_changes", lang))}</h1>{intro_html(t("changes_intro", lang))}'
            f'<h2>{escape(t("changes_heading", lang, n=len(moved)))}</h2>{_table(headers, rows_of(moved))}'
            f'<h2>{escape(t("changes_all_heading", lang))}</h2>{_table(headers, rows_of(changes.comparison(model.rows)))}')


def _about_body(req: Request, model: Model) -> str:
    lang = req.state.lang
    sources = [[escape(r["lan"]), escape(r["region"]), _link_cell(r["support"], lang), _link_cell(r["source"], lang),
                escape(r["checked"])] for r in today_sources(model.rows)]
    headers = [t(k, lang) for k in ("col_lan", "col_region", "col_support", "col_source", "col_checked")]
    return (f'<h1>{escape(t("page_about", lang))}</h1>{markdown_html(t("about_body", lang))}{source_html(model.meta, lang)}'
            f'<h3>{escape(t("about_today_sources", lang))}</h3>{_table(headers, sources)}')


def _not_found_body(req: Request, model: Model) -> str:
    lang = req.state.lang
    return (f'<h1>{escape(t("not_found_title", lang))}</h1><p><code>{escape(req.missing[:200])}</code></p>'
            f'<p>{escape(t("not_found_body", lang))} <a href="./{escape(query(req.state), quote=True)}">'
            f'{escape(t("not_found_link", lang))}</a>.</p>')


BODIES = {"map": _map_body, "contacts": _contacts_body, "changes": _changes_body, "about": _about_body,
          "not_found": _not_found_body}


def body_html(req: Request, model: Model) -> str:
    lang = req.state.lang
    if req.embed:
        return (f'<div id="{FIRST_ID}" class="rf rf-embed" data-page="{req.page}">'
                f'<main class="rf-main">{BODIES[req.page](req, model)}</main></div>')
    return (
        f'<div id="{FIRST_ID}" class="rf" data-page="{req.page}">{_topbar(req)}{_sidebar(req)}'
        f'<main class="rf-main">{BODIES[req.page](req, model)}<hr>{provenance_html(model.meta, lang)}</main></div>'
    )


# --- our own Markdown (the About text): headings, paragraphs, lists, **bold**, *em*, `code` ------------

_INLINE = ((re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"), (re.compile(r"(?<![\w*])\*(?!\s)(.+?)\*"), r"<em>\1</em>"),
           (re.compile(r"`([^`]+)`"), r"<code>\1</code>"))


def _inline(text: str) -> str:
    html = escape(text, quote=False)
    for pattern, repl in _INLINE:
        html = pattern.sub(repl, html)
    return html


@lru_cache(maxsize=8)
def markdown_html(text: str) -> str:
    """The subset of Markdown our own texts use (never data): ``##`` headings, paragraphs, ``-`` lists."""
    out, para, items = [], [], []

    def flush() -> None:
        if para:
            out.append(f"<p>{_inline(' '.join(para))}</p>")
            para.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in text.strip().splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("## "):
            flush()
            out.append(f"<h2>{_inline(stripped[3:])}</h2>")
        elif stripped.startswith("- "):
            if para:
                flush()
            items.append(stripped[2:])
        elif items and line.startswith("  "):
            items[-1] += " " + stripped
        else:
            para.append(stripped)
    flush()
    return "".join(out)


# --- the first view's CSS: Streamlit's places and sizes (measured at 1400×1000 and 390×844) -------------

FIRST_CSS = """
html:not(.rsp-live) #root,html:not(.rsp-live) #root *{visibility:hidden!important}
body>noscript{display:none}
#rsp-first{position:fixed;inset:0;z-index:999990;overflow:auto;background:#fff;color:#31333f;
 font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-text-size-adjust:100%}
#rsp-first a{color:#0b5394}
#rsp-first h1{font-size:2.75rem;font-weight:700;line-height:1.2;margin:0;padding:1.25rem 0 1rem}
#rsp-first h2{font-size:1.5rem;margin:1.5rem 0 .5rem}
#rsp-first h3{font-size:1.25rem;margin:1rem 0 .5rem}
#rsp-first .rsp-card h2{margin:0 0 .25rem 0;padding:0}
#rsp-first .rsp-card h3{margin:.25rem 0 .4rem 0}
#rsp-first hr{border:0;border-top:1px solid rgba(49,51,63,.2);margin:2rem 0}
.rf-side{position:fixed;left:0;top:0;bottom:0;width:300px;box-sizing:border-box;padding:76px 30px 16px;background:#f8f8f7}
.rf-side ul{list-style:none;margin:0;padding:0}
.rf-side li a{display:block;padding:0 8px;line-height:2;border-radius:.5rem;color:#31333f;text-decoration:none;font-size:.875rem}
.rf-side li a[aria-current]{background:rgba(151,166,195,.25);font-weight:600}
.rf-side hr{margin:1.5rem 0 1rem!important}
.rf-top{display:none}
.rf-main{margin-left:300px;padding:112px 80px 80px;box-sizing:border-box}
.rf-row{display:flex;gap:32px;align-items:flex-start;margin-top:24px}
.rf-mapcol{width:calc(60% - 16px);min-width:0}
.rf-cardcol{width:calc(40% - 16px);min-width:0}
.rf-mapctl{display:flex;flex-direction:column;gap:1rem;align-items:stretch}
.rf-label{font-size:.875rem;margin:0 0 .25rem}
.rf-seg{display:flex;flex-wrap:wrap;margin:0}
.rf-seg a{padding:.4rem .8rem;line-height:1.45;border:1px solid rgba(49,51,63,.2);color:#31333f!important;text-decoration:none;font-size:.875rem;white-space:nowrap}
.rf-seg a:first-child{border-radius:.5rem 0 0 .5rem}.rf-seg a:last-child{border-radius:0 .5rem .5rem 0}
.rf-seg a[aria-current]{background:rgba(11,83,148,.08);border-color:#0b5394;color:#0b5394!important}
.rf-alt{font-size:.875rem;line-height:1.6;color:#4a4a4a;margin:19px 0 16px;min-height:45px}
.rf-map{display:block;width:100%;height:560px;background:#eef1f4}
.rf-map a:focus path{stroke:#000;stroke-width:3}
.rf-pick{box-sizing:border-box;min-height:152px;padding-top:86px;margin:0 0 1rem;display:flex;flex-direction:column;justify-content:flex-end;font-size:.875rem}
.rf-pick label{margin-bottom:.25rem}
.rf-pick-found .rsp-status{margin:0 0 16px!important;font-size:1rem}
.rf-pick-row{display:flex;gap:.5rem}
.rf-pick select{flex:1;min-width:0;height:2.5rem;font:inherit;font-size:1rem;border:1px solid rgba(49,51,63,.2);border-radius:.5rem;background:#f0f2f6;padding:0 .5rem}
.rf-pick button{height:2.5rem;font:inherit;border:1px solid rgba(49,51,63,.2);border-radius:.5rem;background:#fff;padding:0 1rem}
.rf-info{background:rgba(28,131,225,.1);color:#004280;padding:1rem;border-radius:.5rem;margin:0}
.rf-table{overflow-x:auto}
.rf-table table{border-collapse:collapse;font-size:.875rem;width:100%}
.rf-table th,.rf-table td{border:1px solid rgba(49,51,63,.15);padding:.25rem .5rem;text-align:left;vertical-align:top}
#rsp-first .rsp-contact-cards{display:none}
.rf-embed .rf-main{margin-left:0;padding:20px 16px 8px}
.rf-embed .rf-row{margin-top:0}
.rf-embed .rf-mapcol,.rf-embed .rf-cardcol{width:calc(50% - 16px)}
.rf-embed .rf-alt{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.rf-embed .rf-map{height:""" + str(EMBED_MAP_PX) + """px;margin-top:16px}
@media (max-width:640px){
 .rf-embed .rf-main{padding:12px 16px 8px}
 .rf-embed .rf-mapcol{width:100%}
 .rf-side{display:none}
 .rf-top{display:flex;justify-content:flex-end;align-items:center;height:60px;padding:0 1rem;box-sizing:border-box}
 .rf-main{margin-left:0;padding:8px 16px 48px}
 .rf-top+nav+.rf-main{padding-top:8px}
 #rsp-first h1{font-size:1.6rem;line-height:1.25;padding:0 0 1rem}
 .rsp-intro{font-size:.9rem}
 .rf-row{flex-direction:column;gap:16px}
 .rf-mapcol,.rf-cardcol,.rf-mapctl{display:contents}
 .rf-pick{order:1;margin:0;width:100%}
 .rf-switch,.rf-map{order:2}
 .rf-legend,.rf-legend-embed{order:3;margin-top:8px}
 .rf-cardcol>:not(.rf-pick){order:4}
 .rf-mapctl{flex-direction:column;min-height:0;gap:13px}
 .rf-mapctl>div{width:100%}
 .rf-alt{display:none}
 .rf-map{margin-top:14px}
 .rf-embed .rf-map{margin-top:24px}
 .rsp-legend ul{display:grid;grid-template-columns:1fr 1fr;column-gap:.75rem}
 .rsp-legend li{font-size:.85rem}
 #rsp-first .rsp-tables{display:none}
 #rsp-first .rsp-contact-cards{display:block}
}
"""


# --- Streamlit's index page: where the first view goes (a seam: tests/test_firstview.py checks the
# installed Streamlit's index.html still has every marker) -------------------------------------------

INDEX_LANG = re.compile(r'<html lang="[^"]*">')
INDEX_TITLE = "<title>Streamlit</title>"
INDEX_ICON = re.compile(r'<link rel="shortcut icon" href="\./favicon\.png"\s*/?>')
INDEX_BODY = "<body>"
# Streamlit's stylesheet blocks rendering where it stands: moved from the head to after the first view, it
# holds back only Streamlit's own page (Chrome renders what comes before a stylesheet in the body).
INDEX_STYLESHEET = re.compile(r'<link rel="stylesheet"[^>]*href="\./static/css/index\.[\w-]+\.css"[^>]*>')


def index_problems(index: str) -> list[str]:
    """The markers ``inject`` needs that this index page lacks ([] when all are there)."""
    return [name for name, found in (("<html lang>", INDEX_LANG.search(index)), ("<title>", INDEX_TITLE in index),
                                     ("favicon link", INDEX_ICON.search(index)), ("<body>", INDEX_BODY in index),
                                     ("stylesheet", INDEX_STYLESHEET.search(index)))
            if not found]


def inject(index: str, req: Request, model: Model, origin: str, base: str) -> str | None:
    """Streamlit's index page with the view's head and first view; None when a marker is missing."""
    if index_problems(index):
        return None
    page = INDEX_LANG.sub(f'<html lang="{req.state.lang}">', index, count=1)
    page = INDEX_ICON.sub("", page, count=1)
    page = page.replace(INDEX_TITLE, head_html(req, model, origin, base), 1)
    sheet = INDEX_STYLESHEET.search(page)
    after = ""
    if sheet and sheet.start() < page.index(INDEX_BODY):
        page, after = page[:sheet.start()] + page[sheet.end():], sheet.group(0)
    return page.replace(INDEX_BODY, INDEX_BODY + body_html(req, model) + after, 1)
