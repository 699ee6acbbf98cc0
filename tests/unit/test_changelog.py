"""The data's change log (geo/data/changelog.py), its page section and Atom feed (geo/render/changelog.py,
served by the guard), and facts checked too long ago (geo/view/formatting.checked_is_old): on the card, in
the first view, in the downloads and on the About page."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import xml.etree.ElementTree as ET

import pandas as pd
import pyogrio
import pytest
from support.data import STALE_COUNTY, cli, copy_file, digest
from support.firstview import Tags, asgi

from geo.data.changelog import COLUMNS, entry_problems
from geo.data.model import load
from geo.paths import TODAY_CSV
from geo.render.card import card_html, source_html
from geo.render.export import download_records, vcards
from geo.view.formatting import STALE_ENV, checked_is_old

ATOM = "{http://www.w3.org/2005/Atom}"
NEW_TITLE = "Investeringsbidrag för kommersiell service (ny rubrik)"


def _today_with(tmp_path, code: str, **values: str) -> tuple:
    """A copy of the committed today.csv with county ``code``'s ``values`` changed: (path, the old row)."""
    with open(TODAY_CSV, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    [old] = [dict(r) for r in rows if r["lan_kod"] == code]
    for row in rows:
        if row["lan_kod"] == code:
            row.update(values)
    path = tmp_path / "today.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path, old


def _log(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _child(node: ET.Element, name: str) -> ET.Element:
    found = node.find(f"{ATOM}{name}")
    assert found is not None, f"<{node.tag}> lacks <{name}>"
    return found


def _atom(body: bytes) -> ET.Element:
    """The feed, parsed, with RFC 4287's required elements checked: the feed's id, title, updated, author and
    self link; each entry's id, title, updated and link; every date RFC 3339; ids unique."""
    feed = ET.fromstring(body)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert _child(feed, name).text
    assert _child(_child(feed, "author"), "name").text
    rels = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert rels["self"].endswith("/_rsp/andringar.atom" + ("?lang=en" if "en" in feed.attrib.values() else ""))
    assert rels["alternate"].split("?")[0].endswith("/andringar")
    ids = [_child(feed, "id").text]
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "content"):
            assert _child(entry, name).text
        assert entry.find(f"{ATOM}link").get("href")
        ids.append(_child(entry, "id").text)
    for stamp in [_child(feed, "updated").text] + [_child(e, "updated").text for e in feed.findall(f"{ATOM}entry")]:
        assert dt.datetime.fromisoformat(stamp).tzinfo is not None, stamp
    assert len(ids) == len(set(ids))
    return feed


def test_a_changed_value_is_logged_once_and_the_page_and_feed_list_it(gpkg, tmp_path):
    out = copy_file(gpkg, tmp_path, "rsp.gpkg")  # the data as served before (built from the committed files)
    today, old = _today_with(tmp_path, "03", support_title=NEW_TITLE)
    res = cli("build", "--today", str(today), "--out", str(out))
    assert res.returncode == 0 and "1 change(s) appended" in res.stdout, res.stdout + res.stderr
    [entry] = _log(tmp_path / "changelog.csv")
    assert entry | {"built_at": ""} == {
        "built_at": "",
        "date": dt.datetime.now(dt.UTC).date().isoformat(),
        "lan_kod": "03",
        "lan": "Uppsala län",
        "field": "today_support_title",
        "old": old["support_title"],
        "new": NEW_TITLE,
        "source": old["source_url"],
    }
    logged = (tmp_path / "changelog.csv").read_bytes()
    res = cli("build", "--today", str(today), "--out", str(out))  # nothing changed since: nothing appended
    assert res.returncode == 0 and "no fact changed" in res.stdout
    assert (tmp_path / "changelog.csv").read_bytes() == logged
    assert [e["new"] for e in load(out).changelog] == [NEW_TITLE]  # the data file carries the log

    for lang, heading in (("sv", "Senaste ändringar i uppgifterna"), ("en", "Recent changes to the data")):
        query = b"lang=en" if lang == "en" else b""
        status, headers, body = asgi("/_rsp/andringar.atom", query=query, gpkg=out)
        assert status == 200 and headers[b"content-type"].startswith(b"application/atom+xml")
        feed = _atom(body)
        [item] = feed.findall(f"{ATOM}entry")
        content = _child(item, "content")
        assert content.get("type") == "html" and NEW_TITLE in content.text and old["support_title"] in content.text
        assert "Uppsala län" in _child(item, "title").text
        # cacheable: the same feed is not sent again
        etag = headers[b"etag"]
        status, headers, body = asgi("/_rsp/andringar.atom", query=query, headers=[(b"if-none-match", etag)], gpkg=out)
        assert (status, body, headers[b"etag"]) == (304, b"", etag)
        status, headers, page = asgi("/andringar", query=query, headers=[(b"accept-encoding", b"gzip")], gpkg=out)
        page = gzip.decompress(page).decode("utf-8")
        tags = Tags(page)
        [alternate] = tags.all("link", rel="alternate", type="application/atom+xml")
        assert alternate["href"].endswith("/_rsp/andringar.atom" + ("?lang=en" if lang == "en" else ""))
        assert heading in page and NEW_TITLE in page
        assert tags.all("a", href=old["source_url"])  # the new value's source, linked
        assert tags.all("a", href="_rsp/andringar.atom" + ("?lang=en" if lang == "en" else ""))


def test_an_edited_history_is_refused_and_nothing_is_written(gpkg, tmp_path):
    out = copy_file(gpkg, tmp_path, "rsp.gpkg")
    served = {
        "built_at": "2026-12-04T21:05:35+00:00",
        "date": "2026-12-04",
        "lan_kod": "12",
        "lan": "Skåne län",
        "field": "today_programme_status",
        "old": "not_found",
        "new": "period_not_stated",
        "source": "https://www.skane.se",
    }
    pyogrio.write_dataframe(pd.DataFrame([served], dtype=str), out, layer="changelog", driver="GPKG")
    with open(tmp_path / "changelog.csv", "w", encoding="utf-8", newline="") as fh:  # the entry, rewritten
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerow(served | {"old": "draft"})
    before = digest(out), (tmp_path / "changelog.csv").read_bytes()
    res = cli("build", "--out", str(out))
    assert res.returncode == 1 and "append-only" in res.stderr and "git checkout changelog.csv" in res.stderr
    assert (digest(out), (tmp_path / "changelog.csv").read_bytes()) == before


GOOD = {
    "built_at": "2026-12-04T21:05:35+00:00",
    "date": "2026-12-04",
    "lan_kod": "12",
    "lan": "Skåne län",
    "field": "today_programme_title",
    "old": "",
    "new": "Regionalt serviceprogram för Skåne",
    "source": "https://www.skane.se/x",
}


@pytest.mark.parametrize(
    "change, problem",
    [
        ({}, None),
        ({"new": "<b>markup is kept as text</b>"}, None),
        ({"built_at": "2026-12-04 21:05"}, "no time zone"),
        ({"built_at": "yesterday"}, "not an ISO date"),
        ({"date": "2026-12-05"}, "not built_at's day"),
        ({"lan_kod": "2"}, "not one of the 21"),
        ({"field": "today programme"}, "not a column name"),
        ({"new": "a\x1bb"}, "control characters"),
        ({"source": "javascript:alert(1)"}, "source"),
        ({"old": "x", "new": "x"}, "the same"),
    ],
)
def test_entry_problems(change, problem):
    problems = entry_problems(GOOD | change)
    assert (problems == []) if problem is None else any(problem in p for p in problems), problems


@pytest.mark.parametrize(
    "checked, today, months, old",
    [
        ("2025-12-07", "2026-12-07", "", False),  # exactly twelve months: not yet
        ("2025-12-06", "2026-12-07", "", True),
        ("2026-01-01", "2026-12-07", "", False),
        ("2024-02-27", "2025-02-28", "", True),
        ("2024-02-29", "2025-02-28", "", False),  # a month without the day: its last day
        ("2026-09-06", "2026-12-07", "3", True),  # RSP_STALE_MONTHS
        ("2026-09-07", "2026-12-07", "3", False),
        ("2025-12-06", "2026-12-07", "x", True),  # an unreadable setting: the default
        ("", "2026-12-07", "", False),  # no date: nothing to say
    ],
)
def test_checked_is_old(checked, today, months, old, monkeypatch):
    monkeypatch.setenv(STALE_ENV, months)
    assert checked_is_old(checked, dt.date.fromisoformat(today)) is old


STALE_WORDS = {"sv": "Kontrollerad för mer än ett år sedan.", "en": "Checked over a year ago."}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_old_check_is_marked_on_the_card_in_the_downloads_and_the_vcard(stale_gpkg, lang):
    rows = load(stale_gpkg).rows
    for row in rows:
        assert (STALE_WORDS[lang] in card_html(row, lang)) is (row["lan_kod"] == STALE_COUNTY)
        assert (STALE_WORDS[lang] in card_html(row, lang, compact=True)) is (row["lan_kod"] == STALE_COUNTY)
    _, records = download_records(rows, lang)
    marked = {r["lan_kod"]: (r["today_checked_old"], r["today_checked_old_label"]) for r in records}
    assert marked[STALE_COUNTY] == ("yes", STALE_WORDS[lang][:-1].lower())
    assert {v for k, v in marked.items() if k != STALE_COUNTY} == {("no", "")}
    assert vcards(rows, lang).count(STALE_WORDS[lang][:-1].lower()) == 1


def test_an_old_check_is_marked_in_the_first_view_and_the_servers_csv(stale_gpkg):
    _, _, page = asgi("/", query=b"lan=" + STALE_COUNTY.encode(), gpkg=stale_gpkg)
    assert STALE_WORDS["sv"] in page.decode("utf-8")
    _, _, page = asgi("/", query=b"lan=01&lang=en", gpkg=stale_gpkg)
    assert STALE_WORDS["en"] not in page.decode("utf-8")
    status, _, body = asgi("/_rsp/rsp-kontakter.csv", gpkg=stale_gpkg)
    rows = list(csv.DictReader(body.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert status == 200 and [r["lan_kod"].strip('="') for r in rows if r["today_checked_old"] == "yes"] == [
        STALE_COUNTY
    ]
    assert {r["today_checked_old_label"] for r in rows} == {"", "kontrollerad för mer än ett år sedan"}


@pytest.mark.parametrize("lang, label", [("sv", "Äldsta kontroll av dagens uppgifter"), ("en", "Oldest check")])
def test_the_about_page_names_the_oldest_check(lang, label):
    meta = load().meta
    html = source_html(meta, lang)
    assert label in html and meta["today_checked_oldest"] in html and "rsp-stale" not in html
    old = source_html(meta | {"today_checked_oldest": "2020-01-01"}, lang)
    assert STALE_WORDS[lang][:-1].lower() in old


def test_the_committed_log_is_the_one_the_data_file_carries():
    """data/changelog.csv begins the log with this issue's changes, and `make data` put it into the data."""
    entries = _log(TODAY_CSV.with_name("changelog.csv"))
    assert {(e["lan_kod"], e["field"], e["new"]) for e in entries} >= {
        (code, "today_programme_status", "period_not_stated") for code in ("12", "13", "25")
    }
    assert [dict(e) for e in load().changelog] == entries
