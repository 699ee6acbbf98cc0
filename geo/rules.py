"""The app's limits and thresholds, each named once (the modules that apply them import them from here)."""

from __future__ import annotations

# Finding a municipality (app_pages/map.py, geo/search.py)
SEARCH_MAX_CHARS = 60  # the search box takes this many characters; longer text is cut, also when compared
EXACT_MATCH = 1.0  # the name itself (case, accents and spacing aside)
WORD_MATCH = 0.97  # one of its words ("Upplands Väsby" for "väsby")
PREFIX_MATCH = 0.95  # the name or one of its words starts with what was typed
CLOSE_MATCH = 0.85  # the name contains it; a match at least this good is offered among the "others"
SPELLING_WEIGHT = 0.8  # otherwise the closest spelling scores this times its difflib ratio (so below close)
MIN_MATCH = 0.72  # the lowest difflib ratio still taken as a spelling of the name
MIN_SPELLING_CHARS = 4  # shorter text is matched by its letters only, never by a similar spelling
OTHER_MATCHES = 3  # close alternatives offered beside the best match

# The contacts table's search (app_pages/contacts.py, ?q= in geo/urlstate.py)
QUERY_MAX_CHARS = 100  # typed text is cut to this; a link with a longer ?q= drops it (and says so)

# Any URL parameter (geo/urlstate.py)
MAX_PARAM_CHARS = 200  # a longer value is dropped, never parsed
