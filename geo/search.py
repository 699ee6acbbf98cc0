"""Find a municipality from what a person types: tolerant of case, diacritics and small typos."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass


def fold(text: str) -> str:
    """Lower case, no diacritics, words separated by single spaces: "Malung-Sälen" -> "malung salen"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", stripped.replace("ø", "o").replace("æ", "ae")).split())


@dataclass(frozen=True)
class Match:
    code: str
    name: str
    score: float


def search(query: str, names: dict[str, str], limit: int = 5, min_score: float = 0.72) -> list[Match]:
    """Municipalities for ``query``, best first. ``names`` maps kommun_kod to name.

    Exact (folded) names score 1.0, one of its words 0.97, a name or one of its words starting with the query 0.95,
    a name containing it 0.85, and otherwise the closest spelling (difflib ratio against the
    whole name and each word) when it is at least ``min_score``.
    """
    q = fold(query)[:60]
    if not q:
        return []
    if re.fullmatch(r"\d{4}", q) and q in names:
        return [Match(q, names[q], 1.0)]
    matches: list[Match] = []
    for code, name in names.items():
        f = fold(name)
        words = f.split()
        if f == q:
            score = 1.0
        elif q in words:
            score = 0.97
        elif f.startswith(q) or any(w.startswith(q) for w in words):
            score = 0.95
        elif q in f:
            score = 0.85
        else:
            ratio = max([difflib.SequenceMatcher(None, q, f).ratio()] + [difflib.SequenceMatcher(None, q, w).ratio() for w in words])
            if len(q) < 4 or ratio < min_score:
                continue
            score = 0.8 * ratio
        matches.append(Match(code, name, score))
    matches.sort(key=lambda m: (-m.score, len(m.name), m.name))
    return matches[:limit]


def county_for(query: str, counties: dict[str, tuple[str, ...]]) -> str | None:
    """The county a query names exactly (case and diacritics aside), or None: "Dalarna", "skane",
    "Dalarnas län", "Region Jämtland Härjedalen". ``counties`` maps lan_kod to the county's names (its
    official and short names, and its region's)."""
    def bare(text: str) -> str:  # "Region Jämtland Härjedalen" -> "jamtland harjedalen"; "Dalarnas län" -> "dalarnas"
        return re.sub(r"^region(?:en)?\s+|\s+lan$|regionen$", "", fold(text)).strip()

    q = bare(query)
    if not q:
        return None
    for code, names in counties.items():
        for name in names:
            f = bare(name)
            if q in (f, f.rstrip("s")) or q.rstrip("s") == f:
                return code
    return None
