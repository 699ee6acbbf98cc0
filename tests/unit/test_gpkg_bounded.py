"""Every read of the data file is bounded (geo/data/gpkg.py, geo/web/store.py): a GeoPackage crafted to make
a reader work without end is refused within the time limit, naming the file and the table, and a store that
was serving good data goes on serving it when the file is replaced by such a one."""

from __future__ import annotations

import sqlite3
import time

import pytest
from support.browser import wait_until
from support.data import CRAFTED_CASES, copy_file, crafted_gpkg

from geo.data.gpkg import DataUnavailable, check_file
from geo.data.model import load
from geo.web.store import Store

LIMIT_S = 2.0  # RSP_READ_LIMIT_S in these tests: a query that runs longer is stopped


@pytest.fixture
def limit(monkeypatch):
    monkeypatch.setenv("RSP_READ_LIMIT_S", str(LIMIT_S))


@pytest.fixture(scope="module")
def crafted(gpkg, tmp_path_factory):
    folder = tmp_path_factory.mktemp("crafted")
    return {case: crafted_gpkg(gpkg, folder, case) for case in CRAFTED_CASES}


@pytest.mark.parametrize("case", CRAFTED_CASES)
def test_a_crafted_file_is_refused_within_the_limit_naming_file_and_table(crafted, limit, case):
    path, named = crafted[case]
    started = time.monotonic()
    with pytest.raises(DataUnavailable) as refused:
        load(path)
    took = time.monotonic() - started
    message = str(refused.value)
    assert str(path) in message and named in message and "make data" in message, message
    # the schema's own read is one look (at most the limit), every other refusal comes before any slow query
    assert took < LIMIT_S + 2, f"{case}: refused after {took:.1f} s"


def test_a_view_anywhere_is_refused_before_any_query_runs_on_it(crafted, limit):
    path, _ = crafted["view:gpkg_contents"]
    started = time.monotonic()
    with pytest.raises(DataUnavailable, match=r"table 'gpkg_contents': it is a view, not a table"):
        check_file(path)
    assert time.monotonic() - started < 1


def test_triggers_do_not_matter_to_a_read_only_open(gpkg, tmp_path, limit):
    """A trigger that would loop without end on any write: the read never writes, so it never runs."""
    path = copy_file(gpkg, tmp_path, "trigger.gpkg")
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TRIGGER endless AFTER UPDATE ON counties BEGIN "
        "SELECT count(*) FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r); END;"
    )
    con.close()
    started = time.monotonic()
    assert len(load(path).rows) == 21
    assert time.monotonic() - started < LIMIT_S + 3


def test_a_store_keeps_serving_its_good_data_when_the_file_is_replaced_by_a_crafted_one(gpkg, crafted, tmp_path, limit):
    live = copy_file(gpkg, tmp_path, "live.gpkg")
    store = Store(live)
    good = store.model(timeout=30)
    for case in CRAFTED_CASES:
        bad, _ = crafted[case]
        live.write_bytes(bad.read_bytes())
        journal = bad.with_name(bad.name + "-journal")
        beside = live.with_name(live.name + "-journal")
        if journal.exists():
            beside.write_bytes(journal.read_bytes())
        started = time.monotonic()
        assert store.model(timeout=30) is good, case  # at once: the new version is read in the background
        assert time.monotonic() - started < 1, case
        wait_until(store.refused, timeout=LIMIT_S + 10, what=f"{case}: the new file refused")
        named = crafted[case][1].replace(bad.name, live.name)  # the table, or the journal beside the live file
        assert named in store.refused() and store.model() is good, case
        beside.unlink(missing_ok=True)
