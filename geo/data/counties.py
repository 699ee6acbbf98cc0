"""Sweden's 21 counties (SCB code, ISO 3166-2, names) and lookup of a county by any of its names."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ..paths import COUNTIES_CSV


@dataclass(frozen=True)
class County:
    lan_kod: str  # SCB code, two digits, text
    iso_3166_2: str
    lan: str  # official name, "Norrbottens län"
    short: str  # name on Tillväxtverket's page, "Norrbotten"


@lru_cache(maxsize=1)
def all_counties() -> tuple[County, ...]:
    with open(COUNTIES_CSV, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    counties = tuple(County(r["lan_kod"], r["iso_3166_2"], r["lan"], r["name_on_page"]) for r in rows)
    codes = [c.lan_kod for c in counties]
    if len(codes) != 21 or len(set(codes)) != 21 or not all(re.fullmatch(r"\d\d", c) for c in codes):
        raise ValueError(f"{COUNTIES_CSV} must list 21 distinct two-digit county codes")
    return counties


def by_code() -> dict[str, County]:
    return {c.lan_kod: c for c in all_counties()}


def _norm(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name)  # "Kalmar län (Regionförbundet)"
    name = name.split("/")[0]  # "Jämtland/Härjedalen"
    name = " ".join(name.replace("\u00a0", " ").split()).strip(" .,:;").casefold()
    name = re.sub(r"\s+län$", "", name)
    return name


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in all_counties():
        index[_norm(c.short)] = c.lan_kod
        index[_norm(c.lan)] = c.lan_kod
        # "Stockholms län" -> "stockholms"; also accept the genitive-less form of the full name
        index[_norm(c.lan).rstrip("s")] = c.lan_kod
    index["jämtland härjedalen"] = "23"
    return index


def lookup(name: str) -> County | None:
    """The county a name on the page refers to, or None when it names no county."""
    code = _name_index().get(_norm(name))
    return by_code()[code] if code else None
