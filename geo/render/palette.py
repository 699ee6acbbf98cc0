"""Every colour the app draws with, named once: the map's classes (Okabe–Ito and viridis, colour-blind safe) and
the page's own (text, notes, borders, the accent). Their labels are in the translations (geo/i18n.toml:
``type_*``, ``status_class_*``, ``ur6_*``). geo/render/styles.py, the SVG map, the folium map and the preview
images take their colours from here."""

from __future__ import annotations

from ..data.contacts import ORG_TYPES
from ..data.today import STATUS_CLASSES

# --- the page --------------------------------------------------------------------------------------------------
ACCENT = "#0b5394"  # links, focus rings, the selected switch: 7:1 on white, WCAG AA on its own light tint
INK = "#1f1f1f"  # headings and the card's text
TEXT = "#31333f"  # Streamlit's body text (the first view matches it)
NOTE = "#4a4a4a"  # small grey notes: 8.9:1 on white
DEAD = "#8a1c1c"  # "fungerade inte vid kontroll": a link the check found dead
RULE = "#d0d4d9"  # the card's inner rule, the contact cards' borders
CARD_BORDER = "#9aa0a6"
SWATCH_BORDER = "#333333"
PAPER = "#ffffff"
BLACK = "#000000"
SHARE_BOX = "#f3f4f6"  # the "link to this view" box
TABLE_HEAD = "#f5f6f8"
SIDEBAR = "#f8f8f7"  # Streamlit's sidebar (the first view matches it)
FIELD = "#f0f2f6"  # Streamlit's input fields
INFO_TEXT = "#004280"  # Streamlit's st.info
STATUS_BG, STATUS_TEXT = "#e6f4ea", "#0d4f1c"  # a found municipality, announced to screen readers
MAP_BACKGROUND = "#eef1f4"  # the sea and the land outside Sweden: the folium map, the SVG map, the previews
UNKNOWN = "#777777"  # a value without a colour of its own (never in the real data), and the faded swatch
MUNICIPAL_BORDER = SWATCH_BORDER  # the municipal borders of the chosen county

# --- the map's classes ---------------------------------------------------------------------------------------------
COLOURS = {  # 2014–2020: the organisation type
    "lansstyrelse": "#0072B2",  # blue
    "region": "#E69F00",  # orange
    "samverkansorgan": "#CC79A7",  # reddish purple
}
assert set(COLOURS) == set(ORG_TYPES)

# Today's view: the current programme's status (Okabe–Ito green, sky blue and yellow, and a neutral grey),
# a palette of its own so that the two legends are never confused.
STATUS_COLOURS = {
    "adopted": "#009E73",  # bluish green
    "draft": "#56B4E9",  # sky blue
    "unstated": "#F0E442",  # yellow
    "not_found": "#C8C8C8",  # grey
}
assert set(STATUS_COLOURS) == set(STATUS_CLASSES)

# The region-type view: Tillväxtanalys' six urban–rural types of the FA regions, a sequential palette
# (viridis, six steps: perceptually even and colour-blind safe) from metropolitan (dark) to very remote
# rural (light). County borders go above it as a white halo under a dark line, visible on every step.
REGION_TYPE_COLOURS = {
    "1": "#440154",
    "2": "#414487",
    "3": "#2A788E",
    "4": "#22A884",
    "5": "#7AD151",
    "6": "#FDE725",
}

# How a county is drawn: at full colour or faded by the type filter; its border, and the selected one's.
FULL_OPACITY = 0.85
DIM_OPACITY = 0.15
STROKES = {
    "border": PAPER,  # between counties
    "selected": BLACK,  # the chosen county's outline
    "county_line": INK,  # the region-type view: county borders above the FA regions
    "halo": PAPER,  # under a line that must show on every fill
    "unknown": UNKNOWN,
    "municipal": MUNICIPAL_BORDER,
}
