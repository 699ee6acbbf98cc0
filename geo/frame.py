"""The page frame's own CSS and the document language: phone layout, print layout and the embed view.

Returned as one HTML fragment for ``st.html(..., unsafe_allow_javascript=True)``; its only script sets
``<html lang>`` to the view's language code, which is one of the fixed codes in :data:`geo.i18n.LANGS`
(never data), so that screen readers pronounce Swedish as Swedish (WCAG 3.1.1).
"""

from __future__ import annotations

from .i18n import DEFAULT_LANG, LANGS

# Visually hidden but read by screen readers.
SR_ONLY = "position:absolute!important;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap"

# The map page's columns: the card's column is first in the page (the keyboard path) but shows to the right
# of the map on a wide screen. On a phone the page is one column: the search and the county select
# (FIND_KEY) above the map, the legend (LEGEND_KEY) and the card (CARD_KEY) under it, so that the map's top
# stays on the first screen; the columns' boxes give way (display: contents) so that the parts of both
# columns take their places in one list.
MAP_ROW = '[data-testid="stHorizontalBlock"]:has(.rsp-map-alt)'
FIND_KEY = "rsp-find"
LEGEND_KEY = "rsp-legendbox"
CARD_KEY = "rsp-cardbox"
HEADER_PX = 60  # Streamlit's fixed header: what a scroll to the card keeps clear of
_PARTS = f'{MAP_ROW} > [data-testid="stColumn"] > [data-testid="stVerticalBlock"]'

PHONE_CSS = f"""
{MAP_ROW} {{ flex-direction: row-reverse; }}
/* a segmented switch wider than its column (English at 800 px, the CSV separator on a phone) wraps
   instead of cutting its labels */
[data-testid="stButtonGroup"] > div {{ flex-wrap: wrap; row-gap: 0.25rem; }}
[data-testid="stButtonGroup"] button {{ white-space: nowrap; }}
.rsp-contact-cards {{ display: none; }}
@media (max-width: 640px) {{
  .rsp-contact-cards {{ display: block; }}
  /* Streamlit's calc(100% - 24px) left a phone's columns 16 px from the left and 40 px from the right */
  [data-testid="stColumn"] {{ min-width: 100% !important; }}
  {MAP_ROW} {{ flex-direction: column; gap: 1rem; }}
  {MAP_ROW} > [data-testid="stColumn"], {_PARTS} {{ display: contents; }}
  {_PARTS} > * {{ order: 2; }}
  {_PARTS} > *:has(.st-key-{FIND_KEY}), {_PARTS} > .st-key-{FIND_KEY} {{ order: 1; }}
  {_PARTS} > *:has(.st-key-{LEGEND_KEY}), {_PARTS} > .st-key-{LEGEND_KEY} {{ order: 3; }}
  {_PARTS} > *:has(.st-key-{CARD_KEY}), {_PARTS} > .st-key-{CARD_KEY} {{ order: 4; }}
  section.rsp-card {{ scroll-margin-top: {HEADER_PX + 12}px; }}
  /* the contacts tables only: their rows show as cards (every other table stays) */
  .rsp-tables {{ display: none !important; }}
  [data-testid="stMain"] a {{ overflow-wrap: anywhere; }}
  [data-testid="stMainBlockContainer"] {{ padding-top: 3.25rem; padding-left: 1rem; padding-right: 1rem; }}
  h1 {{ font-size: 1.6rem !important; line-height: 1.25 !important; padding-top: 0 !important; }}
  h2 {{ font-size: 1.3rem !important; line-height: 1.3 !important; }}
  h3 {{ font-size: 1.1rem !important; }}
  .rsp-intro {{ font-size: 0.9rem; }}
  .rsp-map-alt {{ {SR_ONLY} }}
  .rsp-legend ul {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: 0.75rem; }}
  .rsp-legend li {{ font-size: 0.85rem; }}
}}
"""

# Focus is visible on every Tab stop (WCAG 2.4.7; 1.4.11: the ring is #0b5394, 7:1 on white and on the
# sidebar): Streamlit's own marks were a 1.11:1 background change on the sidebar's page links (the same
# as the current page's) and nothing at all on its main area or the table's scroller, which Chrome makes
# Tab stops as scrollers; so every element that takes keyboard focus gets the ring.
FOCUS_RING = "#0b5394"
FOCUS_CSS = f"""
:focus-visible {{ outline: 3px solid {FOCUS_RING} !important; outline-offset: 2px !important; }}
[data-testid="stSidebarNavLink"]:focus-visible, [data-testid="stMain"]:focus-visible {{ outline-offset: -3px !important; }}
"""

# Printed (A4): no sidebar or toolbar, the map above the card, text inside the page width; Streamlit's
# scroll containers are let out so that every page prints, not only the first screen.
PRINT_CSS = f"""
@media print {{
  @page {{ size: A4; margin: 12mm; }}
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], .rsp-share,
  [data-testid="stTextInput"], [data-testid="stSelectbox"], [data-testid="stButtonGroup"],
  [data-testid="stDownloadButton"] {{ display: none !important; }}
  .rsp-contact-cards {{ display: none !important; }}
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
  a {{ color: #000 !important; }}
  /* on paper a link is its address: printed after the link (the host that follows it on screen goes) */
  [data-testid="stMain"] a[href^="http"]::after {{ content: " " attr(href); font-size: 0.8em; color: #333; word-break: break-all; }}
  [data-testid="stMain"] a[data-bare]::after {{ content: none; }}
  .rsp-table th, .rsp-table td {{ overflow-wrap: break-word; }}
  [data-testid="stMain"] .rsp-host {{ display: none !important; }}
  /* the card on one page of its own when it does not fit under the map; a heading stays with what follows */
  section.rsp-card {{ break-inside: avoid; }}
  h1, h2, h3 {{ break-after: avoid; }}
  h1 {{ font-size: 1.6rem !important; padding: 0 0 0.5rem !important; }}
}}
"""

# ?embed=true (Streamlit's own flag): the legend, a lower map, today's contact and a line with the sources
# and a link to the full view, inside a 720 px frame without an inner scroll bar.
EMBED_MAP_PX = 420
EMBED_CSS = f"""
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ padding: 0.75rem 1rem 0.5rem !important; max-width: none !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: 0.5rem; }}
.rsp-map-alt {{ {SR_ONLY} }}
"""


def frame_html(lang: str, embedded: bool = False) -> str:
    code = lang if lang in LANGS else DEFAULT_LANG
    css = FOCUS_CSS + PHONE_CSS + PRINT_CSS + (EMBED_CSS if embedded else "")
    return f'<style>{css}</style><script>document.documentElement.lang = "{code}";</script>'
