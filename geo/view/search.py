"""Find a municipality from what a person types: tolerant of case, diacritics and small typos."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from ..data.counties import all_counties
from ..rules import (
    CLOSE_MATCH,
    EXACT_MATCH,
    MIN_MATCH,
    MIN_SPELLING_CHARS,
    OTHER_MATCHES,
    PREFIX_MATCH,
    SEARCH_MAX_CHARS,
    SPELLING_WEIGHT,
    WORD_MATCH,
)

SEARCH_PARAM = "sok"  # the map page's search as a URL parameter (the first view's form): answered, then dropped


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

    @property
    def is_guess(self) -> bool:
        """Only a similar spelling ("Borås stad" read as "Båstad" would be one): asked, never taken."""
        return self.score < CLOSE_MATCH


# The forms people add around a name: "Kiruna kommun", "Borås stad", "Region Gotland", "Dalarnas län".
_FORMS_AFTER = re.compile(r"\s+(?:kommun|kommune|stad|lan|municipality|county)$")
_FORMS_BEFORE = re.compile(r"^(?:region(?:en)?|kommun(?:en)?|landstinget)\s+")


def cores(query: str) -> list[str]:
    """The folded query, then what remains without the forms people add, and that without a genitive s
    ("Gotlands kommun" → ``["gotlands kommun", "gotlands", "gotland"]``), each once."""
    q = fold(query)[:SEARCH_MAX_CHARS]
    core = q
    for _ in range(2):  # "Region Gotlands län" has a form on each side
        core = _FORMS_BEFORE.sub("", _FORMS_AFTER.sub("", core)).strip()
    out = [q]
    if core and core != q:
        out.append(core)
        if core.endswith("s") and len(core) > 3:
            out.append(core[:-1])
    return [c for c in dict.fromkeys(out) if c]


def search(query: str, names: dict[str, str], limit: int = 5, min_score: float = MIN_MATCH) -> list[Match]:
    """Municipalities for ``query``, best first. ``names`` maps kommun_kod to name.

    The scores are geo.rules': an exact (folded) name, one of its words, a name or word that starts with the
    query, a name containing it, and otherwise the closest spelling (difflib ratio against the whole name
    and each word, weighted) when the ratio is at least ``min_score``. The query is tried as typed and
    without the forms people add (cores); the one with the best match wins, as typed first on a tie. A
    name found exactly is offered only with names that have the query as a word or a word's start: a
    spelling guess or a name that merely contains the letters ("Åre" in "Gällivare") never stands beside it.
    """
    best: list[Match] = []
    for q in cores(query):
        found = _search(q, names, min_score)
        if found and (not best or found[0].score > best[0].score):
            best = found
    if best and best[0].score == EXACT_MATCH:
        best = [m for m in best if m.score >= PREFIX_MATCH]
    return best[:limit]


def _search(q: str, names: dict[str, str], min_score: float) -> list[Match]:
    if re.fullmatch(r"\d{4}", q) and q in names:
        return [Match(q, names[q], EXACT_MATCH)]
    matches: list[Match] = []
    for code, name in names.items():
        f = fold(name)
        words = f.split()
        if f == q:
            score = EXACT_MATCH
        elif q in words:
            score = WORD_MATCH
        elif f.startswith(q) or any(w.startswith(q) for w in words):
            score = PREFIX_MATCH
        elif q in f:
            score = CLOSE_MATCH
        else:
            ratio = max(
                [difflib.SequenceMatcher(None, q, f).ratio()]
                + [difflib.SequenceMatcher(None, q, w).ratio() for w in words]
            )
            if len(q) < MIN_SPELLING_CHARS or ratio < min_score:
                continue
            score = SPELLING_WEIGHT * ratio
        matches.append(Match(code, name, score))
    matches.sort(key=lambda m: (-m.score, len(m.name), m.name))
    return matches


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


# --- what a search answers: the live page's box and the first view's form alike -----------------------------------


@dataclass(frozen=True)
class Found:
    """The answer to what a person typed: the municipality and county to show, close alternatives to offer,
    or only similar spellings to ask about (never switched to); none of them: nothing matched."""

    query: str  # what was typed, trimmed and cut to SEARCH_MAX_CHARS
    kommun: str | None = None  # the municipality chosen
    lan: str | None = None  # the county chosen: the municipality's, or the one the query names
    others: tuple[str, ...] = ()  # close alternatives (municipality codes), offered beside the choice
    guesses: tuple[str, ...] = ()  # only similar spellings ("Borås stad" is not Båstad): asked about

    @property
    def miss(self) -> bool:
        return not (self.lan or self.guesses)


def county_names(today_region: dict[str, str], counties) -> dict[str, tuple[str, ...]]:
    """Each county's names a person may type: its official and short names, and its region's today."""
    return {c.lan_kod: (c.lan, c.short, today_region.get(c.lan_kod, "")) for c in counties}


def find_in(model, query: str) -> Found:
    """What ``query`` finds in a data model (geo.data.model.Model): the live box and the first view's form."""
    names = model.derived(
        "search-county-names",
        lambda: county_names({c: r["today_region"] for c, r in model.by_code.items()}, all_counties()),
    )
    return find(query, model.kommun_name, model.kommun_lan, names)


def find(
    query: str, kommun_name: dict[str, str], kommun_lan: dict[str, str], counties: dict[str, tuple[str, ...]]
) -> Found:
    """What ``query`` finds. A municipality of that very name wins over a county ("Uppsala"); a county named
    exactly wins over a municipality only spelled like it; close alternatives are offered, not every loosely
    similar name."""
    text = " ".join(query.split())[:SEARCH_MAX_CHARS]
    found = search(text, kommun_name)
    county = county_for(text, counties)
    if found and found[0].is_guess and county is None:
        return Found(text, guesses=tuple(m.code for m in found[: 1 + OTHER_MATCHES]))
    if found and (found[0].score == EXACT_MATCH or county is None):
        others = tuple(m.code for m in found[1 : 1 + OTHER_MATCHES] if m.score >= CLOSE_MATCH)
        return Found(text, found[0].code, kommun_lan[found[0].code], others)
    if county:
        return Found(text, lan=county)
    return Found(text)
