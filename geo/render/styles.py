"""One home for the CSS, with named constants: the content's own (card, legend, notes, tables), the live page's
frame (phone order, focus, print, embed), the first view's (Streamlit's places and sizes, measured at
1400×1000 and 390×844) and the folium map's. Colours come from geo/render/palette.py.

The live page puts ``frame_html`` into every run (``st.html(..., unsafe_allow_javascript=True)``); its only
script sets ``<html lang>`` to the view's language code, one of the fixed codes in :data:`geo.i18n.LANGS`
(never data), so that screen readers pronounce Swedish as Swedish (WCAG 3.1.1), and listens for the share
box's copy button (``COPY_SCRIPT``; it reads the URL from the button, never writes data into the page). The first view carries
``FIRST_CSS`` in its head.
"""

from __future__ import annotations

from ..i18n import DEFAULT_LANG, LANGS
from .palette import (
    ACCENT,
    BLACK,
    CARD_BORDER,
    DEAD,
    FIELD,
    INFO_TEXT,
    INK,
    MAP_BACKGROUND,
    NOTE,
    PAPER,
    RULE,
    SHARE_BOX,
    SIDEBAR,
    STATUS_BG,
    STATUS_TEXT,
    SWATCH_BORDER,
    TABLE_HEAD,
    TEXT,
    UNKNOWN,
)

# --- sizes and places ------------------------------------------------------------------------------------------------
PHONE_MAX_PX = 640  # a phone: one column, no sidebar
HEADER_PX = 60  # Streamlit's fixed header: what a scroll to the card keeps clear of
SIDEBAR_PX = 300  # Streamlit's sidebar
MAP_PX = 560  # the map's height on the page
EMBED_MAP_PX = 420  # ?embed=true: the map and the card side by side inside a 700×720 frame
STACK_BELOW_PX = 780  # the contacts tables' least width: in a narrower column each row shows as a block
# Translucent greys of Streamlit's text colour (49, 51, 63): borders of fields and tables, rules
LINE = "rgba(49,51,63,.2)"
LINE_FAINT = "rgba(49,51,63,.15)"
ACCENT_TINT = "rgba(11,83,148,.08)"  # the selected segment: the accent at 8 %
CURRENT_PAGE = "rgba(151,166,195,.25)"  # Streamlit's current page in the navigation
INFO_BG = "rgba(28,131,225,.1)"  # Streamlit's st.info
SANS = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif'
SR_ONLY = "position:absolute!important;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap"

# The map page's parts on a phone, in this order: the search and the county select, the period switch with
# the map, the legend, the card. The live page (Streamlit containers with these keys) and the first view
# (its own classes) both take the order from here.
FIND_KEY = "rsp-find"
LEGEND_KEY = "rsp-legendbox"
CARD_KEY = "rsp-cardbox"
PHONE_ORDER = {"find": 1, "map": 2, "legend": 3, "card": 4}
# With a county chosen (a shared link, a search, a tap) the card comes first: what the link was sent for is on the
# first screen; the search follows it, the map is one tap away (the card's MAP_ANCHOR link).
PHONE_ORDER_CHOSEN = {"card": 1, "find": 2, "map": 3, "legend": 4}
MAP_ANCHOR = "rsp-karta"
_LIVE_PART = {"find": FIND_KEY, "legend": LEGEND_KEY, "card": CARD_KEY}  # "map": every other part
_FIRST_PART = {
    "find": ".rf-pick",
    "map": ".rf-switch,.rf-map",
    "legend": ".rf-legend,.rf-legend-embed",
    "card": ".rf-cardcol>:not(.rf-pick)",
}

# --- the content: card, legend, notes, lists, tables (the live page and the first view alike) -----------------
SMALL = f"font-size:.875rem;color:{NOTE}"
CONTENT_CSS = f"""
.rsp-small{{{SMALL}}}
.rsp-grey,.rsp-host,.rsp-outdated,.rsp-no-address{{color:{NOTE}}}
.rsp-dead{{color:{DEAD};font-weight:600}}
.rsp-stale{{color:{DEAD}}}
.rsp-intro{{margin:0 0 .5rem 0}}
.rsp-card p.rsp-to-map{{display:none;margin:.5rem 0 0}}
p.rsp-note-text,p.rsp-kommun-none,p.rsp-kommun-guess,p.rsp-notice,p.rsp-map-alt{{margin:0}}
.rsp-status{{margin:.25rem 0;padding:.5rem .75rem;border-radius:.5rem;background:{STATUS_BG};color:{STATUS_TEXT}}}
.rsp-swatch{{display:inline-block;width:.9em;height:.9em;border:1px solid {SWATCH_BORDER};margin-right:.4em;vertical-align:-.1em}}
.rsp-swatch-dimmed{{background:{UNKNOWN};opacity:.3}}
.rsp-swatch-line{{height:0;border:0;border-top:2px solid {INK};vertical-align:.25em}}
.rsp-legend ul{{margin:.25rem 0 0 0;padding:0}}
.rsp-legend li{{list-style:none;margin:.15rem 0}}
.rsp-card{{border:1px solid {CARD_BORDER};border-radius:.5rem;padding:.75rem 1rem;background:{PAPER};color:{INK};
 overflow-wrap:anywhere;min-width:0}}
.rsp-card h2{{margin:0 0 .25rem 0;padding:0;font-size:1.4rem;color:{INK}}}
.rsp-card h3{{margin:.25rem 0 .4rem 0;padding:0;font-size:1.1rem;color:{INK}}}
.rsp-card dl{{margin:0;padding:0}}
.rsp-card dt{{font-weight:600}}
.rsp-card dd{{margin:0 0 .4rem 0}}
.rsp-card p{{margin:0 0 .4rem 0}}
.rsp-card p.rsp-region{{font-size:1.1rem;font-weight:600}}
.rsp-card p.rsp-support{{margin:0 0 .15rem 0;font-size:1.05rem;font-weight:600}}
.rsp-card p.rsp-today-source{{margin:0}}
.rsp-card p.rsp-type{{margin:0 0 .5rem 0}}
.rsp-card p.rsp-note{{margin:.5rem 0 0 0;font-size:.9em}}
.rsp-card p.rsp-region-types{{margin:.6rem 0 0 0;font-size:.95rem}}
.rsp-history{{margin-top:.75rem;padding-top:.5rem;border-top:1px solid {RULE}}}
.rsp-persons{{margin:0;padding-left:1.2em}}
.rsp-provenance{{font-size:.85rem;color:{NOTE};margin:0}}
.rsp-publisher{{font-size:.85rem;color:{NOTE};margin:.25rem 0 0 0}}
.rsp-embed-foot{{margin:0;font-size:.8rem;color:{NOTE}}}
.rsp-open-full{{white-space:nowrap}}
.rsp-source{{margin:0;padding:0}}
.rsp-source dt{{font-weight:600}}
.rsp-source dd{{margin:0 0 .4rem 0}}
.rsp-share p{{margin:0}}
.rsp-share p.rsp-share-title{{margin:0 0 .25rem 0;font-weight:600}}
.rsp-share p.rsp-share-box{{padding:.5rem .75rem;background:{SHARE_BOX};border-radius:.5rem;font-family:monospace;overflow-wrap:anywhere}}
.rsp-share button.rsp-copy{{margin-left:.5rem;padding:.25rem .75rem;min-height:2.25rem;font:inherit;font-family:{SANS};font-size:.875rem;border:1px solid {LINE};border-radius:.5rem;background:{PAPER};color:{TEXT};cursor:pointer}}
.rsp-share p.rsp-share-help{{margin:.25rem 0 0 0}}
.rsp-matching ul{{margin:0;padding-left:1.2em;overflow-wrap:anywhere}}
.rsp-log{{overflow-wrap:anywhere}}
.rsp-log ol.rsp-log-builds{{margin:0;padding-left:0;list-style:none}}
.rsp-log h3.rsp-log-build{{font-size:1rem;margin:.75rem 0 .25rem}}
.rsp-log ul.rsp-log-changes{{margin:0;padding-left:1.2em}}
.rsp-log ins{{text-decoration:none;font-weight:600}}
ul.rsp-contact-cards{{margin:0;padding:0;overflow-wrap:anywhere;display:none}}
.rsp-contact-cards li{{list-style:none;border:1px solid {RULE};border-radius:.5rem;padding:.5rem .75rem;margin:0 0 .5rem 0}}
.rsp-table{{border-collapse:collapse;width:100%;font-size:.8125rem;line-height:1.45;margin:0 0 1.5rem}}
.rsp-table caption{{text-align:left;font-weight:600;font-size:1.05rem;padding:0 0 .4rem}}
.rsp-table th,.rsp-table td{{border:1px solid {LINE_FAINT};padding:.3rem .4rem;text-align:left;vertical-align:top;overflow-wrap:break-word}}
.rsp-table thead th{{background:{TABLE_HEAD};font-weight:600}}
.rsp-table tbody th{{font-weight:600}}
.rsp-table .rsp-host{{font-size:.8rem}}
.rsp-nowrap{{white-space:nowrap}}
.rsp-tables{{overflow-x:auto;container-type:inline-size}}
/* the contacts tables in a column narrower than their least width (a laptop with the sidebar open, 800–1,000
   px): each county a block, each cell under its column's name, instead of a table that scrolls sideways */
@container (max-width:{STACK_BELOW_PX}px){{
 .rsp-tables .rsp-table,.rsp-tables tbody,.rsp-tables tr,.rsp-tables th,.rsp-tables td{{display:block;width:auto}}
 .rsp-tables caption{{display:block}}
 .rsp-tables thead{{display:none}}
 .rsp-tables tbody tr{{border:1px solid {RULE};border-radius:.5rem;margin:0 0 .5rem;padding:.3rem .6rem}}
 .rsp-tables th,.rsp-tables td{{border:0;padding:.1rem 0}}
 .rsp-tables td::before{{content:attr(data-label) ": ";font-weight:600}}
 .rsp-tables td:empty{{display:none}}
}}
.rsp-md h2{{font-size:1.5rem;margin:1.5rem 0 .5rem}}
.rsp-md h3{{font-size:1.25rem;margin:1rem 0 .5rem}}
@media (max-width:{PHONE_MAX_PX}px){{
 .rsp-card p.rsp-to-map{{display:block}}
 .rsp-card h2{{font-size:1.3rem!important;line-height:1.3!important}}
 #{MAP_ANCHOR}{{scroll-margin-top:8px}}
 .rsp-legend ul{{display:grid;grid-template-columns:1fr 1fr;column-gap:.75rem}}
 .rsp-legend li{{font-size:.85rem}}
 .rsp-intro{{font-size:.9rem}}
 ul.rsp-contact-cards{{display:block}}
 .rsp-tables{{display:none!important}}
 .rsp-table-stack,.rsp-table-stack tbody,.rsp-table-stack tr,.rsp-table-stack th,.rsp-table-stack td{{display:block;width:auto}}
 .rsp-table-stack thead{{display:none}}
 .rsp-table-stack tr{{border:1px solid {RULE};border-radius:.5rem;margin:0 0 .5rem;padding:.3rem .6rem}}
 .rsp-table-stack th,.rsp-table-stack td{{border:0;padding:.1rem 0}}
 .rsp-table-stack td::before{{content:attr(data-label) ": ";font-weight:600}}
 .rsp-table-stack td:empty{{display:none}}
}}
"""
# The contacts tables printed: A4 landscape (an @page rule cannot be scoped, so it goes out with those tables
# only: geo/render/tables.py), the header on every page, no row split across two.
CONTACTS_PRINT_CSS = (
    "@media print{@page{size:A4 landscape;margin:10mm}.rsp-tables{overflow:visible}"
    ".rsp-table thead{display:table-header-group}.rsp-table tr{break-inside:avoid}"
    ".rsp-table-history{break-before:page}}"
)

# --- the live page's frame -------------------------------------------------------------------------------------------
# The map page's columns: the card's column is first in the page (the keyboard path) but shows to the right of
# the map on a wide screen. On a phone the page is one column in PHONE_ORDER; the columns' boxes give way
# (display: contents) so that the parts of both columns take their places in one list.
MAP_ROW = '[data-testid="stHorizontalBlock"]:has(.rsp-map-alt)'


def _parts(row: str) -> str:
    """The parts of the map page's two columns, in ``row`` (the map's row, or that row with a card in it)."""
    return f'{row} > [data-testid="stColumn"] > [data-testid="stVerticalBlock"]'


_PARTS = _parts(MAP_ROW)


def _live_order() -> str:
    rules = []
    for row, order in ((MAP_ROW, PHONE_ORDER), (f"{MAP_ROW}:has(.rsp-card)", PHONE_ORDER_CHOSEN)):
        parts = _parts(row)
        rules.append(f"{parts} > * {{ order: {order['map']}; }}")
        for part, key in _LIVE_PART.items():
            rules.append(f"{parts} > *:has(.st-key-{key}), {parts} > .st-key-{key} {{ order: {order[part]}; }}")
    return "\n  ".join(rules)


def _first_order() -> str:
    return "\n ".join(
        ",".join(f"{row} {one}" for one in sel.split(",")) + f"{{order:{order[part]}}}"
        for row, order in ((".rf-row", PHONE_ORDER), (".rf-row:has(.rsp-card)", PHONE_ORDER_CHOSEN))
        for part, sel in _FIRST_PART.items()
    )


PHONE_CSS = f"""
{MAP_ROW} {{ flex-direction: row-reverse; }}
/* a segmented switch wider than its column (English at 800 px, the CSV separator on a phone) wraps
   instead of cutting its labels */
[data-testid="stButtonGroup"] > div {{ flex-wrap: wrap; row-gap: 0.25rem; }}
[data-testid="stButtonGroup"] button {{ white-space: nowrap; }}
@media (max-width: {PHONE_MAX_PX}px) {{
  /* Streamlit's calc(100% - 24px) left a phone's columns 16 px from the left and 40 px from the right */
  [data-testid="stColumn"] {{ min-width: 100% !important; }}
  {MAP_ROW} {{ flex-direction: column; gap: 1rem; }}
  {MAP_ROW} > [data-testid="stColumn"], {_PARTS} {{ display: contents; }}
  {_live_order()}
  section.rsp-card, {MAP_ROW} iframe {{ scroll-margin-top: {HEADER_PX + 12}px; }}
  [data-testid="stMain"] a {{ overflow-wrap: anywhere; }}
  [data-testid="stMainBlockContainer"] {{ padding-top: 3.25rem; padding-left: 1rem; padding-right: 1rem; }}
  h1 {{ font-size: 1.6rem !important; line-height: 1.25 !important; padding-top: 0 !important; }}
  h2 {{ font-size: 1.3rem !important; line-height: 1.3 !important; }}
  h3 {{ font-size: 1.1rem !important; }}
  .rsp-map-alt {{ {SR_ONLY} }}
}}
"""

# Focus is visible on every Tab stop (WCAG 2.4.7; 1.4.11: the ring is the accent, 7:1 on white and on the
# sidebar): Streamlit's own marks were a 1.11:1 background change on the sidebar's page links (the same as
# the current page's) and nothing at all on its main area or a table's scroller, which Chrome makes Tab stops
# as scrollers; so every element that takes keyboard focus gets the ring.
FOCUS_RING = f"3px solid {ACCENT}"
FOCUS_CSS = f"""
:focus-visible {{ outline: {FOCUS_RING} !important; outline-offset: 2px !important; }}
[data-testid="stSidebarNavLink"]:focus-visible, [data-testid="stMain"]:focus-visible {{ outline-offset: -3px !important; }}
"""

# Printed (A4): no sidebar or toolbar, the map above the card, text inside the page width; Streamlit's scroll
# containers are let out so that every page prints, not only the first screen.
PRINT_CSS = f"""
@media print {{
  @page {{ size: A4; margin: 12mm; }}
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], .rsp-share,
  [data-testid="stTextInput"], [data-testid="stSelectbox"], [data-testid="stButtonGroup"],
  [data-testid="stDownloadButton"] {{ display: none !important; }}
  ul.rsp-contact-cards {{ display: none !important; }}
  /* a widget's box stays as an empty grey field without its element container going too */
  [data-testid="stElementContainer"]:has([data-testid="stTextInput"], [data-testid="stSelectbox"],
    [data-testid="stButtonGroup"], [data-testid="stDownloadButton"], [data-testid="stSkeleton"]) {{ display: none !important; }}
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {{
    overflow: visible !important; height: auto !important; min-height: 0 !important; position: static !important;
  }}
  [data-testid="stMain"] {{ margin-left: 0 !important; }}
  [data-testid="stMainBlockContainer"] {{ max-width: none !important; padding: 0 !important; }}
  /* Block layout: Chrome splits flex containers across pages badly (the card overprinted the list). */
  [data-testid="stVerticalBlock"], [data-testid="stHorizontalBlock"], [data-testid="stColumn"] {{
    display: block !important; width: 100% !important; max-width: 100% !important;
  }}
  [data-testid="stElementContainer"] {{ margin-bottom: 0.75rem; }}
  /* the map above the card, which comes first in the page: the map's column as the caption of a table
     (a caption shows above, wherever it stands; a flex column-reverse overprinted the card across pages) */
  {MAP_ROW} {{ display: table !important; width: 100% !important; }}
  {MAP_ROW} > [data-testid="stColumn"]:has(.rsp-map-alt) {{ display: table-caption !important; caption-side: top; }}
  * {{ overflow-wrap: anywhere; }}
  a {{ color: {BLACK} !important; }}
  /* on paper a link is its address: printed after the link (the host that follows it on screen goes) */
  [data-testid="stMain"] a[href^="http"]::after {{ content: " " attr(href); font-size: 0.8em; color: {SWATCH_BORDER}; word-break: break-all; }}
  [data-testid="stMain"] a[data-bare]::after {{ content: none; }}
  .rsp-table th, .rsp-table td {{ overflow-wrap: break-word; }}
  [data-testid="stMain"] .rsp-host {{ display: none !important; }}
  /* the card on one page of its own when it does not fit under the map; a heading stays with what follows */
  section.rsp-card {{ break-inside: avoid; }}
  h1, h2, h3 {{ break-after: avoid; }}
  h1 {{ font-size: 1.6rem !important; padding: 0 0 0.5rem !important; }}
}}
"""

# ?embed=true (Streamlit's own flag): the legend, a lower map, today's contact and a line with the sources and
# a link to the full view, inside a 720 px frame without an inner scroll bar.
EMBED_CSS = f"""
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ padding: 0.75rem 1rem 0.5rem !important; max-width: none !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: 0.5rem; }}
.rsp-map-alt {{ {SR_ONLY} }}
"""


# The share box's copy button (geo/render/card.py, share_html): one listener on the document, put in once
# per page (the frame runs on every rerun). It copies the button's data-url, with the clipboard API where the
# page is a secure context, else by selecting the link beside it; the button then says data-done for a while.
# The card's "Show on the map" link in the live page: the map is the component's frame, not an element with the
# link's id, so the listener scrolls to the frame (in the first view the link goes to the SVG map by its id).
TO_MAP_SCRIPT = (
    "if(!window.rspToMap){window.rspToMap=1;document.addEventListener('click',function(e){"
    f"var a=e.target.closest&&e.target.closest('p.rsp-to-map a');var m=a&&document.querySelector('{MAP_ROW} iframe');"
    "if(!m)return;e.preventDefault();m.scrollIntoView({block:'start'})})}"
)
COPY_SCRIPT = (
    "if(!window.rspCopy){window.rspCopy=1;document.addEventListener('click',function(e){"
    "var b=e.target.closest&&e.target.closest('button.rsp-copy');if(!b)return;"
    "var u=b.getAttribute('data-url'),l=b.textContent,done=function(){b.textContent=b.getAttribute('data-done');"
    "setTimeout(function(){b.textContent=l},4000)},sel=function(){var a=b.parentNode.querySelector('a'),"
    "r=document.createRange();r.selectNodeContents(a);var s=getSelection();s.removeAllRanges();s.addRange(r);"
    "try{document.execCommand('copy')&&done()}catch(x){}};"
    "if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(u).then(done,sel)}else{sel()}})}"
)


def frame_html(lang: str, embedded: bool = False) -> str:
    """The live page's CSS, its document language and the copy button's listener, once per run."""
    code = lang if lang in LANGS else DEFAULT_LANG
    css = CONTENT_CSS + FOCUS_CSS + PHONE_CSS + PRINT_CSS + (EMBED_CSS if embedded else "")
    return f'<style>{css}</style><script>document.documentElement.lang = "{code}";{COPY_SCRIPT}{TO_MAP_SCRIPT}</script>'


# --- the first view: Streamlit's places and sizes, so that the hand-over does not move anything ----------------
FIRST_ID = "rsp-first"  # the element the hand-over removes (app_pages/_map_component.js); its CSS is FIRST_ID-css
FIRST_CSS = (
    CONTENT_CSS
    + f"""
html:not(.rsp-live) #root,html:not(.rsp-live) #root *{{visibility:hidden!important}}
body>noscript{{display:none}}
#{FIRST_ID}{{position:fixed;inset:0;z-index:999990;overflow:auto;background:{PAPER};color:{TEXT};
 font:16px/1.6 {SANS};-webkit-text-size-adjust:100%}}
#{FIRST_ID} a{{color:{ACCENT}}}
#{FIRST_ID} h1{{font-size:2.75rem;font-weight:700;line-height:1.2;margin:0;padding:1.25rem 0 1rem}}
.rf-main>h2{{font-size:1.5rem;margin:1.5rem 0 .5rem}}
.rf-main>h3{{font-size:1.25rem;margin:1rem 0 .5rem}}
#{FIRST_ID} hr{{border:0;border-top:1px solid {LINE};margin:2rem 0}}
.rf-side{{position:fixed;left:0;top:0;bottom:0;width:{SIDEBAR_PX}px;box-sizing:border-box;padding:76px 30px 16px;background:{SIDEBAR}}}
.rf-side ul{{list-style:none;margin:0;padding:0}}
.rf-side li a{{display:block;padding:0 8px;line-height:2;border-radius:.5rem;color:{TEXT};text-decoration:none;font-size:.875rem}}
.rf-side li a[aria-current]{{background:{CURRENT_PAGE};font-weight:600}}
.rf-side hr{{margin:1.5rem 0 1rem!important}}
.rf-top{{display:none}}
.rf-main{{margin-left:{SIDEBAR_PX}px;padding:112px 80px 80px;box-sizing:border-box}}
.rf-row{{display:flex;gap:32px;align-items:flex-start;margin-top:24px}}
.rf-mapcol{{width:calc(60% - 16px);min-width:0}}
.rf-cardcol{{width:calc(40% - 16px);min-width:0}}
.rf-mapctl{{display:flex;flex-direction:column;gap:1rem;align-items:stretch}}
.rf-label{{font-size:.875rem;margin:0 0 .25rem}}
.rf-seg{{display:flex;flex-wrap:wrap;margin:0}}
.rf-seg a{{padding:.4rem .8rem;line-height:1.45;border:1px solid {LINE};color:{TEXT}!important;text-decoration:none;font-size:.875rem;white-space:nowrap}}
.rf-seg a:first-child{{border-radius:.5rem 0 0 .5rem}}.rf-seg a:last-child{{border-radius:0 .5rem .5rem 0}}
.rf-seg a[aria-current]{{background:{ACCENT_TINT};border-color:{ACCENT};color:{ACCENT}!important}}
.rf-alt{{{SMALL};line-height:1.6;margin:19px 0 16px;min-height:45px}}
.rf-map{{display:block;width:100%;height:{MAP_PX}px;background:{MAP_BACKGROUND}}}
.rf-map a:focus path{{stroke:{BLACK};stroke-width:3}}
.rf-pick{{box-sizing:border-box;margin:0 0 1rem;display:flex;flex-direction:column;gap:16px;font-size:.875rem}}
.rf-pick form{{display:flex;flex-direction:column;margin:0}}
.rf-pick label{{margin-bottom:.25rem}}
.rf-pick .rsp-status,.rf-pick>p{{margin:0!important;font-size:1rem}}
.rf-offers{{margin:0}}
.rf-pick-row{{display:flex;gap:.5rem}}
.rf-pick input[type=search]{{flex:1;min-width:0;height:2.5rem;box-sizing:border-box;font:inherit;font-size:1rem;border:1px solid {LINE};border-radius:.5rem;background:{FIELD};padding:0 .75rem}}
.rf-pick select{{flex:1;min-width:0;height:2.5rem;font:inherit;font-size:1rem;border:1px solid {LINE};border-radius:.5rem;background:{FIELD};padding:0 .5rem}}
.rf-pick button{{height:2.5rem;font:inherit;border:1px solid {LINE};border-radius:.5rem;background:{PAPER};padding:0 1rem}}
.rf-find{{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:flex-end;margin:1rem 0;font-size:.875rem}}
.rf-find label{{display:flex;flex-direction:column;gap:.25rem}}
.rf-find .rf-q{{flex:3 1 16rem}}.rf-find .rf-sort{{flex:1 1 8rem}}
.rf-find input[type=search],.rf-find select{{height:2.5rem;font:inherit;font-size:1rem;border:1px solid {LINE};border-radius:.5rem;background:{FIELD};padding:0 .5rem}}
.rf-find .rf-types{{flex:1 1 100%;border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}}
.rf-find .rf-types legend{{padding:0;margin-bottom:.25rem}}
.rf-find .rf-check{{flex-direction:row;align-items:center}}
.rf-find button{{height:2.5rem;font:inherit;border:1px solid {LINE};border-radius:.5rem;background:{PAPER};padding:0 1rem}}
.rf-info{{background:{INFO_BG};color:{INFO_TEXT};padding:1rem;border-radius:.5rem;margin:0}}
.rf-embed .rf-main{{margin-left:0;padding:20px 16px 8px}}
.rf-embed .rf-row{{margin-top:0}}
.rf-embed .rf-mapcol,.rf-embed .rf-cardcol{{width:calc(50% - 16px)}}
.rf-embed .rf-alt{{{SR_ONLY}}}
.rf-embed .rf-map{{height:{EMBED_MAP_PX}px;margin-top:16px}}
@media (max-width:{PHONE_MAX_PX}px){{
 .rf-embed .rf-main{{padding:12px 16px 8px}}
 .rf-embed .rf-mapcol{{width:100%}}
 .rf-side{{display:none}}
 .rf-top{{display:flex;justify-content:flex-end;align-items:center;height:{HEADER_PX}px;padding:0 1rem;box-sizing:border-box}}
 .rf-main{{margin-left:0;padding:8px 16px 48px}}
 .rf-top+nav+.rf-main{{padding-top:8px}}
 #{FIRST_ID} h1{{font-size:1.6rem;line-height:1.25;padding:0 0 1rem}}
 .rf-row{{flex-direction:column;gap:16px}}
 .rf-mapcol,.rf-cardcol,.rf-mapctl{{display:contents}}
 .rf-pick{{margin:0;width:100%}}
 {_first_order()}
 .rf-legend,.rf-legend-embed{{margin-top:8px}}
 .rf-mapctl{{flex-direction:column;min-height:0;gap:13px}}
 .rf-mapctl>div{{width:100%}}
 .rf-alt{{display:none}}
 .rf-map{{margin-top:14px}}
 .rf-embed .rf-map{{margin-top:24px}}
}}
"""
)

# --- a small page of our own (geo/render/plain.py: not found, data unavailable) ---------------------------------
PLAIN_CSS = (
    f"body{{font:16px/1.5 {SANS};max-width:40rem;margin:3rem auto;padding:0 1rem;color:{INK}}}a{{color:{ACCENT}}}"
    f"h1{{font-size:1.8rem;margin:.5rem 0 1rem}}.plain-lang{{text-align:right;margin:0}}"
    f"pre{{background:{SHARE_BOX};padding:.5rem .75rem;border-radius:.5rem}}"
)

# --- the folium map's own frame ------------------------------------------------------------------------------------------
MAP_CSS = (
    f"<style>.leaflet-container{{background:{MAP_BACKGROUND}}}"
    # The counties are out of the Tab order (the county select is the keyboard path); the map itself is one
    # Tab stop (arrow keys pan, +/- zoom), and its focus is always visible.
    "path.leaflet-interactive:focus{outline:none}"
    ".leaflet-container:focus-visible,.rsp-home:focus-visible,.leaflet-control-zoom a:focus-visible"
    f"{{outline:{FOCUS_RING};outline-offset:2px}}"
    # Long names wrap inside the tooltip instead of stretching it across the page.
    ".leaflet-tooltip{white-space:normal;overflow-wrap:anywhere;width:max-content;max-width:16rem}"
    f".rsp-home{{font:600 13px/1.2 system-ui,sans-serif;padding:6px 8px;background:{PAPER};color:{INK};"
    "border:2px solid rgba(0,0,0,.3);border-radius:4px;cursor:pointer}"
    ".rsp-hint{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);z-index:1000;"
    f"background:rgba(31,31,31,.85);color:{PAPER};padding:8px 12px;border-radius:6px;font:14px system-ui,sans-serif;"
    "pointer-events:none;opacity:0;transition:opacity .2s;max-width:80%;text-align:center}"
    ".rsp-hint.rsp-show{opacity:1}"
    "@media print{.leaflet-control-container,.rsp-hint{display:none}}</style>"
)
