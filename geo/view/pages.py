"""The page registry: what each page is. app.py's navigation, the URL state, the guard and the first view read
it; adding a page is one entry here plus its content (its script in app_pages/ and its first-view body in
geo/render/firstview.py).

Also what follows from an address alone: which page and view it names (``request_of``), the links between
views and pages, and the words a link preview shows (title, description, image).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from ..data.contacts import Row
from ..i18n import t
from .formatting import period_text, programme_period_text, status_text
from .search import SEARCH_PARAM, Found
from .urlstate import ViewState, parse, to_params

SITE = "RSP-kartan"
# The parameters of a view (geo/view/urlstate.py); the contacts page alone keeps its search and order.
VIEW_PARAMS = ("lan", "kommun", "typ", "lang", "period", "zoom")
CONTACTS_PARAMS = (*VIEW_PARAMS, "q", "sort")


@dataclass(frozen=True)
class Page:
    key: str  # the page's name in the code: map, contacts, changes, about, not_found
    path: str  # its address below the site's root: "" for the map, "kontakter"
    script: str  # the live page (Streamlit), relative to the project's root
    title: str  # i18n key: its name in the navigation and the document title
    headings: tuple[tuple[str, str], ...]  # i18n key of its heading per map period ("" for every period)
    keeps: tuple[str, ...] = VIEW_PARAMS  # the URL parameters its address carries
    aliases: tuple[str, ...] = ()  # other addresses that open it, with the same parameters
    listed: bool = True  # in the navigation

    def heading(self, period: str) -> str:
        """The i18n key of the page's heading in a map period."""
        found = dict(self.headings)
        return found.get(period, found.get("", ""))


MAP = Page(
    "map",
    "",
    "app_pages/map.py",
    "page_map",
    (("idag", "map_heading_today"), ("2014-2020", "map_heading"), ("regiontyp", "map_heading_regiontyp")),
    aliases=("karta",),
)
PAGES = (
    MAP,
    Page("contacts", "kontakter", "app_pages/contacts.py", "page_contacts", (("", "page_contacts"),), CONTACTS_PARAMS),
    Page("changes", "andringar", "app_pages/changes.py", "page_changes", (("", "page_changes"),)),
    Page("about", "om", "app_pages/about.py", "page_about", (("", "page_about"),)),
)
NOT_FOUND = Page("not_found", "", "app_pages/not_found.py", "not_found_title", (("", "not_found_title"),), listed=False)
BY_KEY = {p.key: p for p in (*PAGES, NOT_FOUND)}
_BY_PATH = {path: p for p in PAGES for path in (p.path, *p.aliases)}
_SLUG = re.compile(r"[A-Za-z0-9._~-]{1,100}")


def page_at(url_path: str, base_path: str = "") -> Page:
    """The page an address names (``/kontakter``, ``/karta``, ``/``); NOT_FOUND for any other."""
    path = url_path.strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return _BY_PATH.get(path, NOT_FOUND)


def unknown_page(url_path: str, base_path: str = "") -> str | None:
    """The requested page's path segment when it is none of ours (for the app's own "not found" page).

    None for our pages and aliases, and for what cannot be a page path at all (several segments, odd
    characters): Streamlit's front end cannot be served under those, so the app never runs for them.
    """
    path = url_path.strip("/")
    base = base_path.strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    if path in _BY_PATH or not _SLUG.fullmatch(path):
        return None
    return path


def params_for(page: Page, state: ViewState) -> dict[str, str]:
    """The URL parameters of a view on ``page``: the view's, as far as the page keeps them."""
    return {k: v for k, v in to_params(state).items() if k in page.keeps}


def query(page: Page, state: ViewState, embed: bool = False, **changes) -> str:
    """A relative link to a view of the same page (``?lan=25&lang=en``, or ``?`` for the default view)."""
    params = params_for(page, state.with_(**changes) if changes else state) | ({"embed": "true"} if embed else {})
    return "?" + urlencode(params) if params else "?"


def page_link(page: Page, state: ViewState) -> str:
    """A relative link to ``page``, keeping the view (the pages are one segment deep)."""
    params = params_for(page, state)
    return "./" + page.path + ("?" + urlencode(params) if params else "")


# --- one address: which page, which view -----------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    page: Page
    state: ViewState
    missing: str = ""  # the unknown page's path segment
    embed: bool = False  # Streamlit's ?embed=true: the map, the legend and the card only
    found: Found | None = None  # the map page's search (?sok=…): its answer, shown under the form


def request_of(
    path: str,
    params: Mapping[str, list[str]],
    counties: Iterable[str],
    kommun_lan: Mapping[str, str],
    finder: Callable[[str], Found] | None = None,
) -> Request:
    """The page and view an address asks for. With ``finder`` (geo.view.search.find_in of a model), a map page's
    ``sok`` is answered as the live search box answers it: the view moves to the county it found."""
    state, _ = parse(params, counties, kommun_lan)
    page = page_at(path)
    typed = (params.get(SEARCH_PARAM) or [""])[-1]
    found = finder(typed) if finder and typed.strip() and page is MAP else None
    if found and found.lan:
        state = state.select(found.lan, found.kommun)
    embed = (params.get("embed") or [""])[-1].lower() == "true" and page is MAP
    missing = (unknown_page(path) or path.strip("/")) if page is NOT_FOUND else ""
    return Request(page, state, missing, embed, found)


def canonical(req: Request, origin: str, base: str) -> str:
    params = params_for(req.page, req.state)
    path = req.missing if req.page is NOT_FOUND else req.page.path
    return f"{origin}{base}/{path}" + ("?" + urlencode(params) if params else "")


def title(page: Page, state: ViewState, by_code: Mapping[str, Row]) -> str:
    """The document title of a view (the first response's and the live app's)."""
    lang = state.lang
    if page is MAP:
        if state.lan:
            return f"{by_code[state.lan]['lan']} – {t('title_question', lang)} – {SITE}"
        return f"{t(page.heading(state.period), lang)} – {SITE}"
    return f"{t(page.title, lang)} – {SITE}"


def description(req: Request, by_code: Mapping[str, Row]) -> str:
    """A link preview's text: for a county, its region and where to apply, and its programme."""
    lang = req.state.lang
    if req.page is MAP and req.state.lan:
        r = by_code[req.state.lan]
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


def image_key(req: Request) -> str:
    """Which preview image a view gets: the selected county (or none) in the view's colouring and language."""
    county = req.state.lan if req.page is MAP and req.state.lan else "sverige"
    return f"{county}-{req.state.period}-{req.state.lang}"
