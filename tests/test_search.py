"""geo/search.py: finding a municipality from what was typed."""

from __future__ import annotations

import pytest

from geo.gpkg import load_municipalities
from geo.search import fold, search


@pytest.fixture(scope="module")
def kommun():
    k = load_municipalities()
    return dict(zip(k["kommun_kod"], k["kommun"])), dict(zip(k["kommun_kod"], k["lan_kod"]))


@pytest.mark.parametrize(
    "query, name, lan",
    [
        ("malung", "Malung-Sälen", "20"), ("goteborg", "Göteborg", "14"), ("orebro", "Örebro", "18"),
        ("ÖREBRO", "Örebro", "18"), ("Malung-Salen", "Malung-Sälen", "20"), ("goteborj", "Göteborg", "14"),
        ("stokholm", "Stockholm", "01"), ("uppsla", "Uppsala", "03"), ("vasteras", "Västerås", "19"),
        ("  kiruna ", "Kiruna", "25"), ("2023", "Malung-Sälen", "20"), ("dals ed", "Dals-Ed", "14"),
        ("ed", "Dals-Ed", "14"), ("salen", "Malung-Sälen", "20"), ("Jokkmok", "Jokkmokk", "25"),
    ],
)
def test_municipality_search(kommun, query, name, lan):
    names, lan_of = kommun
    best = search(query, names)[0]
    assert (best.name, lan_of[best.code]) == (name, lan)


@pytest.mark.parametrize("query", ["", "   ", "qqqqzz", "<script>", "x" * 500])
def test_search_without_a_match(kommun, query):
    assert search(query, kommun[0]) == []


def test_fold():
    assert fold("Malung-Sälen") == "malung salen" and fold("ÅRE") == "are" and fold("Örnsköldsvik") == "ornskoldsvik"
