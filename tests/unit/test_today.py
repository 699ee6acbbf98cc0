"""Unit tests: today's data file (data/today.csv): strict reading, and a build that refuses a broken file."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib

import pytest
from support.data import app_model, cli

from geo.data.counties import by_code
from geo.data.today import COLUMNS, STATUSES, TodayError, read_today, support_kinds
from geo.paths import CONTACTS_CSV, ROOT, TODAY_CSV

GOOD = list(csv.DictReader(open(TODAY_CSV, encoding="utf-8", newline="")))


def write(path, rows, columns=COLUMNS, bom=False):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def edited(code: str, **changes) -> list[dict]:
    return [dict(r, **changes) if r["lan_kod"] == code else dict(r) for r in GOOD]


def test_committed_file_is_valid_and_complete():
    rows = read_today(TODAY_CSV)
    assert [r["lan_kod"] for r in rows] == sorted(by_code())
    assert all(
        r["region"] and r["region_url"].startswith("https://") and r["source_url"] and r["checked"] for r in rows
    )
    found = [r for r in rows if r["programme_status"] != "not_found"]
    assert all(r["programme_title"] for r in found)
    # a programme without an address of its own is backed by its source (issue 17: 11 → 15 of 21 found; issue 27:
    # Skåne, Halland and Norrbotten say so on their own pages, 18 of 21)
    assert len(found) == 18 and sum(not r["programme_url"] for r in found) == 7
    assert {r["programme_status"] for r in rows} <= set(STATUSES)


# Copies of the shared reference files the rows were brought in from (shared/reference/, November 2026)
REFERENCE = ROOT / "tests" / "fixtures" / "reference"


def reference(name: str) -> dict[str, dict]:
    return {r["lan_kod"]: r for r in csv.DictReader(open(REFERENCE / name, encoding="utf-8", newline=""))}


def test_support_pages_and_programmes_are_the_references():
    rows = {r["lan_kod"]: r for r in read_today(TODAY_CSV)}
    support = reference("support-today.csv")
    assert {c: r["support_url"] for c, r in rows.items()} == {c: r["support_url"] for c, r in support.items()}
    # 16 on the region's own host (the reference counts Gävleborg's copy on another host as a 17th: left out)
    assert sum(bool(r["support_url"]) for r in rows.values()) == 16
    for code, ref in support.items():
        kinds = [k.strip() for k in ref["support_kinds"].split(";") if k.strip()]
        assert support_kinds(rows[code]["support_kinds"]) == kinds
        # a page whose own text shows the old rules (SFS 2000:284, the 2014–2020 set-up) is marked so
        if ref["support_url"] and ("SFS 2000:284" in ref["era_evidence"] or ref["era_evidence"].startswith("old")):
            assert rows[code]["support_era"] == "before_2025", code
    found = {**reference("programmes-found-2026-12.csv"), **reference("programmes-found-2026-12-04.csv")}
    assert len(found) == 7  # four in the first search, three more on 2026-12-04 (issue 27)
    for code, ref in found.items():
        row = rows[code]
        assert (row["programme_title"], row["programme_status"], row["source_url"], row["programme_url"]) == (
            ref["programme_title"],
            ref["programme_status"],
            ref["source_url"],
            "",
        )
        kind = {"local news": "local_news", "the region's own page": "region"}.get(
            ref["source_kind"], row["source_kind"]
        )
        assert row["source_kind"] == kind, code


def test_a_saved_by_excel_bom_is_accepted(tmp_path):
    assert read_today(write(tmp_path / "t.csv", GOOD, bom=True)) == read_today(TODAY_CSV)


@pytest.mark.parametrize(
    "rows, needle",
    [
        ([r for r in GOOD if r["lan_kod"] != "25"], "Norrbottens län (25): missing"),
        (GOOD + [GOOD[0]], "Stockholms län (01): listed twice"),
        (
            edited("01", region_url="javascript:alert(1)"),
            "Stockholms län (01): region_url: 'javascript:alert(1)' is not an http(s) address",
        ),
        (edited("04", programme_url="javascript:alert(1)"), "Södermanlands län (04): programme_url:"),
        (edited("04", source_url=""), "Södermanlands län (04): source_url is empty"),
        (edited("05", source_url='https://a.se/"onclick=x'), "Östergötlands län (05): source_url:"),
        (edited("08", region="Region <script>alert(1)</script>"), "Kalmar län (08): region looks like markup"),
        (
            edited("08", programme_title="<img src=x onerror=alert(1)>"),
            "Kalmar län (08): programme_title looks like markup",
        ),
        (edited("09", region="Region\x1bGotland"), "Gotlands län (09): region contains control characters (U+001B)"),
        (edited("09", region="Region \u202eGotland"), "Gotlands län (09): region contains control characters (U+202E)"),
        (edited("10", programme_status="maybe"), "Blekinge län (10): programme_status 'maybe' is not one of"),
        (
            edited("03", programme_url="https://regionuppsala.se/p"),
            "Uppsala län (03): programme_url must be empty when programme_status is not_found",
        ),
        (
            edited("20", programme_period="2030-2023"),
            "Dalarnas län (20): programme_period '2030-2023' ends before it starts",
        ),
        (edited("20", programme_period="2023 to 2030"), "Dalarnas län (20): programme_period '2023 to 2030' is not"),
        (edited("20", status_date="2023-13"), "Dalarnas län (20): status_date '2023-13' is not a real date"),
        (edited("21", programme_title=""), "Gävleborgs län (21): programme_title is empty"),
        (edited("22", checked="yesterday"), "Västernorrlands län (22): checked: 'yesterday' is not a date"),
        (
            edited("22", checked=(dt.date.today() + dt.timedelta(days=2)).isoformat()),
            "Västernorrlands län (22): checked:",
        ),
        (edited("23", lan="Jämtland"), "Jämtlands län (23): lan is 'Jämtland', expected 'Jämtlands län'"),
        (edited("24", lan_kod="99"), "unknown county code '99'"),
        (edited("25", region=" "), "Norrbottens län (25): region is empty"),
        (
            edited("20", support_url="javascript:alert(1)"),
            "Dalarnas län (20): support_url: 'javascript:alert(1)' is not an http(s) address",
        ),
        (edited("20", support_url='https://x.se/"onmouseover=alert(1)'), "Dalarnas län (20): support_url:"),
        (edited("20", support_title=""), "Dalarnas län (20): support_title is empty"),
        (edited("20", support_kinds=""), "Dalarnas län (20): support_kinds is empty"),
        (
            edited("20", support_kinds="servicebidrag; gratis pengar"),
            "Dalarnas län (20): support_kinds: 'gratis pengar' is not one of",
        ),
        (edited("20", support_era="2019"), "Dalarnas län (20): support_era '2019' is not one of before_2025, undated"),
        (edited("20", support_title="<b>Stöd</b>"), "Dalarnas län (20): support_title looks like markup"),
        (
            edited("09", support_title="Stöd"),
            "Gotlands län (09): support_title must be empty when support_url is empty",
        ),
        (edited("09", support_era="undated"), "Gotlands län (09): support_era must be empty when support_url is empty"),
        (edited("19", source_kind="blog"), "Västmanlands län (19): source_kind 'blog' is not one of"),
        (edited("19", source_kind=""), "Västmanlands län (19): source_kind '' is not one of"),
    ],
)
def test_broken_rows_name_the_county(tmp_path, rows, needle):
    with pytest.raises(TodayError) as err:
        read_today(write(tmp_path / "today.csv", rows))
    assert any(needle in p for p in err.value.problems), err.value.problems


def test_wrong_columns_are_refused(tmp_path):
    with pytest.raises(TodayError, match="columns are"):
        read_today(write(tmp_path / "t.csv", GOOD, columns=COLUMNS[:-1]))


def test_text_is_nfc_normalised(tmp_path):
    decomposed = "Region Sko\u0308ne"  # o + combining diaeresis
    rows = read_today(write(tmp_path / "t.csv", edited("12", region=decomposed)))
    assert next(r for r in rows if r["lan_kod"] == "12")["region"] == "Region Sk\u00f6ne"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("today") / "rsp.gpkg"
    res = cli("build", "--contacts", str(CONTACTS_CSV), "--today", str(TODAY_CSV), "--out", str(out))
    assert res.returncode == 0, res.stderr
    return out


@pytest.mark.parametrize(
    "rows, needle",
    [
        ([r for r in GOOD if r["lan_kod"] != "13"], "Hallands län (13): missing"),
        (edited("01", region_url="javascript:alert(1)"), "Stockholms län (01): region_url"),
        (edited("14", region="Västra <b>Götaland</b>"), "Västra Götalands län (14): region looks like markup"),
    ],
)
def test_build_refuses_a_broken_file_and_leaves_the_geopackage(built, tmp_path, rows, needle):
    before = hashlib.sha256(built.read_bytes()).hexdigest()
    broken = write(tmp_path / "today.csv", rows)
    res = cli("build", "--contacts", str(CONTACTS_CSV), "--today", str(broken), "--out", str(built))
    assert res.returncode == 1
    assert needle in res.stderr and "nothing was written" in res.stderr
    assert hashlib.sha256(built.read_bytes()).hexdigest() == before
    assert [p.name for p in built.parent.iterdir()] == ["rsp.gpkg"]  # no temporary file left behind


def test_geopackage_carries_both_periods_and_the_checked_date(built):
    from geo.data.gpkg import load_counties, load_metadata

    counties = load_counties(built)
    today = {r["lan_kod"]: r for r in read_today(TODAY_CSV)}
    assert counties["today_region"].tolist() == [today[c]["region"] for c in counties["lan_kod"]]
    assert counties["today_programme_status"].tolist() == [today[c]["programme_status"] for c in counties["lan_kod"]]
    meta = load_metadata(built)
    assert meta["today_checked"] == max(r["checked"] for r in today.values())
    assert meta["today_checked_oldest"] == min(r["checked"] for r in today.values())


@pytest.mark.parametrize(
    "meta, expected",
    [
        ({"today_checked": "2026-12-02", "today_checked_oldest": "2026-11-26"}, "2026-11-26–2026-12-02"),
        ({"today_checked": "2026-12-02", "today_checked_oldest": "2026-12-02"}, "2026-12-02"),
        ({"today_checked": "2026-12-02"}, "2026-12-02"),  # a file built before the oldest day was kept
    ],
)
def test_the_checked_days_are_named_as_a_span(meta, expected):
    from geo.view.formatting import checked_span

    assert checked_span(meta) == expected


def test_what_changed_is_the_seven_non_region_counties():
    from geo.view.changes import changed, comparison, to_csv

    rows = app_model().rows
    moved = changed(rows)
    assert sorted(c["lan_kod"] for c in moved) == sorted(r["lan_kod"] for r in rows if r["org_type"] != "region")
    assert sorted(c["org_type_2014_2020"] for c in moved) == ["lansstyrelse"] * 6 + ["samverkansorgan"]
    assert all(c["org_type_today"] == "region" for c in comparison(rows))
    back = list(csv.DictReader(to_csv(rows).decode("utf-8").splitlines()))
    assert len(back) == 21 and sum(r["type_changed"] == "yes" for r in back) == 7
    kalmar = next(r for r in back if r["lan_kod"] == "08")
    assert kalmar["org_name_2014_2020"] != kalmar["org_name_today"] == "Region Kalmar län"
