"""The map's colours: organisation types and today's status classes (Okabe–Ito, colour-blind safe).
Their labels are in the translations (geo/i18n.py: ``type_*``, ``status_class_*``)."""

from __future__ import annotations

from .contacts import ORG_TYPES
from .today import STATUS_CLASSES

COLOURS = {
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
