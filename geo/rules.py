"""Every limit and threshold of the app, named once: the modules that apply them import them from here."""

from __future__ import annotations

# --- finding a municipality (app_pages/map.py, geo/view/search.py) ----------------------------------
SEARCH_MAX_CHARS = 60  # the search box takes this many characters; longer text is cut, also when compared
EXACT_MATCH = 1.0  # the name itself (case, accents and spacing aside)
WORD_MATCH = 0.97  # one of its words ("Upplands Väsby" for "väsby")
PREFIX_MATCH = 0.95  # the name or one of its words starts with what was typed
CLOSE_MATCH = 0.85  # the name contains it; a match at least this good is offered among the "others"
SPELLING_WEIGHT = 0.8  # otherwise the closest spelling scores this times its difflib ratio (so below close)
MIN_MATCH = 0.72  # the lowest difflib ratio still taken as a spelling of the name
MIN_SPELLING_CHARS = 4  # shorter text is matched by its letters only, never by a similar spelling
OTHER_MATCHES = 3  # close alternatives offered beside the best match

# --- the URL (geo/view/urlstate.py) ---------------------------------------------------------------------
QUERY_MAX_CHARS = 100  # the contacts table's search: typed text is cut to this; a longer ?q= is dropped
MAX_PARAM_CHARS = 200  # any other parameter: a longer value is dropped, never parsed

# --- data files (geo/data/) -----------------------------------------------------------------------------
# The longest real value (a programme address) is about 200 characters. The cap only stops absurd values
# (a whole page in one cell); a long name below it is shown wrapped.
MAX_FIELD_LEN = 10_000
# Tillväxtverket's page is about 30 kB of text in a few hundred lines; a saved HTML copy a few MB.
MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_LINES = 50_000

# --- the GeoPackage the app reads (geo/data/gpkg.py) ---------------------------------------------------------
# What a layer may hold before a byte of it is read into memory: its number of rows, and the bytes of its
# geometry (the real file: 21 counties in 63 kB, 290 municipalities in 174 kB, 60 FA regions in 96 kB).
LAYER_LIMITS = {
    "counties": (21, 21),
    "municipalities": (250, 400),
    "fa_regions": (40, 100),
    "metadata": (1, 100),
    "changelog": (0, 20_000),  # the change log, every entry since it began (a few dozen a year)
}
MAX_GEOMETRY_BYTES = 20 * 2**20
MAX_GPKG_BYTES = 64 * 2**20  # the whole file (the real one: 0.6 MB)
MAX_SCHEMA_ROWS = 500  # entries in its schema (the real one: about 80 tables, indexes and triggers)
MAX_GPKG_META_ROWS = 1000  # rows in each of the GeoPackage's own gpkg_* tables (the real ones: a few)
GPKG_READ_LIMIT_S = 5.0  # any one look into the file: a query that runs longer is stopped (RSP_READ_LIMIT_S)
# Sweden, with a margin (EPSG:4326, lon/lat): 10.96–24.17 E, 55.34–69.06 N. A county outside it has moved,
# swapped its axes or changed its unit.
SWEDEN_BOX = (10.0, 55.0, 25.0, 69.5)

# How long a page waits for the first read of the data file before it says the data is unavailable
# (geo/web/store.py); a file changed later is read while the last good one goes on being served.
LOAD_WAIT_S = 10.0

# --- region types (geo/data/regiontypes.py) ---------------------------------------------------------------
FA_COUNT = 60  # FA regions in FA15
# A municipality lies in an FA region that holds at least this share of the part of it any FA region covers
# (the FA layer is drawn coarser along the coast: Öckerö's islands are 9 % inside it, all of that Göteborg).
MATCH_SHARE = 0.25
MIN_COVERED = 0.05  # less of a municipality than this inside any FA region: it lies in none (Öckerö: 9 %)
# An FA region is the union of its municipalities: their total area must be its own within this ratio (the
# data: 0.91–1.04). A municipality matched to a neighbour because its own region is missing fails it.
AREA_RATIO = (0.8, 1.2)
FA_SIMPLIFY_DEG = 0.005  # the map's FA layer (about 300–500 m): far below what the map shows of all Sweden

# --- the link check (geo/data/linkcheck.py) --------------------------------------------------------------
MAX_REDIRECTS = 5
MAX_PARALLEL = 4  # requests at a time, over all hosts; never more than one at a time to one host
LINK_TIMEOUT_S = 15.0  # seconds for each socket operation of a request (connect, each read)
LINK_REQUEST_DEADLINE_S = 30.0  # an address's whole check (every hop, the start of the body): past it, "timeout"
LINK_RUN_DEADLINE_S = 600.0  # the whole run: what is still open then is stopped, named and a "timeout"
LINK_BODY_BYTES = 4096  # of a page that answers a GET with 2xx, this much of its body must arrive too

# --- drawing (geo/render/) -----------------------------------------------------------------------------------
SVG_SIMPLIFY_M = 2500.0  # the first view's SVG map, in Web Mercator metres: ~1.3 km at 60° N, below a pixel

# --- the guard (geo/web/guard.py): download files asked of the other app processes ------------------
PEER_TIMEOUT_S = 10
MAX_PEER_BODY = 64 * 2**20  # the largest download (the GeoPackage) is under 1 MB

# The monthly refresh (python -m geo refresh): a check that finds more than this share of the addresses dead
# is taken for a network failure of this machine and refused (nothing written), not marked on every card.
MAX_DEAD_SHARE = 0.5
# A county's facts checked longer ago than this are marked "checked over a year ago" (RSP_STALE_MONTHS).
STALE_AFTER_MONTHS = 12
