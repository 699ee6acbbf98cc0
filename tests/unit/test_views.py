"""geo/views.py: the contact rows counted, filtered, searched and sorted."""

from __future__ import annotations

import pytest
from support.data import app_model

from geo.view.rows import search_rows, sort_rows, table_records

ROWS = app_model().rows


@pytest.mark.parametrize(
    "query, codes",
    [
        ("norrbotten", ["25"]),
        ("lindberg", ["25"]),
        ("LÄNSSTYRELSE", ["01", "04", "10", "17", "20", "24"]),
        ("region jonkoping", ["06"]),
        ("0920", ["25"]),
        ("0920284000", ["25"]),
        ("kalmar granello", ["08"]),
        ("county administrative board dalarna", ["20"]),
        ("nothing here", []),
    ],
)
def test_contacts_search(query, codes):
    assert sorted(r["lan_kod"] for r in search_rows(ROWS, query)) == codes


def test_sort_is_swedish():
    names = [r["lan"] for r in sort_rows(ROWS, "lan")]
    assert (
        names.index("Gotlands län")
        < names.index("Gävleborgs län")
        < names.index("Örebro län")
        < names.index("Östergötlands län")
    )
    assert [r["org_type"] for r in sort_rows(ROWS, "typ")][:6] == ["lansstyrelse"] * 6


def test_table_records_drop_unsafe_links():
    row = dict(ROWS[0], info_url="javascript:alert(1)")
    assert table_records([row], "sv")[0]["website"] == ""
