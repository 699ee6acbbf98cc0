"""Organisation types: colours (Okabe–Ito, colour-blind safe) and labels in Swedish and English."""

from __future__ import annotations

from .contacts import ORG_TYPES

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
