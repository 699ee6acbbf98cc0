"""Organisation types: colours (Okabe–Ito, colour-blind safe) and labels in Swedish and English."""

from __future__ import annotations

from .contacts import ORG_TYPES
from .today import STATUS_CLASSES

COLOURS = {
    "lansstyrelse": "#0072B2",  # blue
    "region": "#E69F00",  # orange
    "samverkansorgan": "#CC79A7",  # reddish purple
}
LABELS = {
    "sv": {"lansstyrelse": "Länsstyrelse", "region": "Region", "samverkansorgan": "Samverkansorgan"},
    "en": {"lansstyrelse": "County administrative board", "region": "Region", "samverkansorgan": "Regional cooperation body"},
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
STATUS_LABELS = {
    "sv": {"adopted": "Antaget program", "draft": "Förslag (remiss)", "unstated": "Program utan angiven period",
           "not_found": "Inget program hittat"},
    "en": {"adopted": "Adopted programme", "draft": "Draft (consulted)", "unstated": "Programme, period not stated",
           "not_found": "No programme found"},
}
assert set(STATUS_COLOURS) == set(STATUS_CLASSES)
