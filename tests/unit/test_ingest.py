"""Unit tests: the page parser (text and HTML) and its validation."""

from __future__ import annotations

import re
import time

import phonenumbers
import pytest
from support.data import FIXTURES, HOSTILE_DIR, cli

from geo.data.contacts import COLUMNS, ORG_TYPES, read_contacts
from geo.data.ingest import IngestError, ingest, normalise_phone, read_links
from geo.data.page import looks_like_html, read_page
from geo.paths import CONTACTS_CSV, LINKS_CSV

LINKS = read_links(LINKS_CSV)


@pytest.fixture(scope="module", autouse=True)
def made_up_hosts_reviewed(tmp_path_factory):
    """The HTML copy of the page in tests/fixtures links to made-up hosts (example.org, example.se): reviewed
    here, beside the real list, so that these tests read the page's structure; test_hosts.py keeps the rule."""
    from geo.data import hosts

    path = tmp_path_factory.mktemp("hosts") / "hosts.csv"
    real = hosts.HOSTS_FILE.read_text(encoding="utf-8")
    path.write_text(
        real + "*,example.org,the test copy of the page\n*,example.se,the test copy of the page\n", encoding="utf-8"
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(hosts, "HOSTS_FILE", path)
        yield


def rows_by_code(text: str, **kw):
    return {r["lan_kod"]: r for r in ingest(text, LINKS, retrieved="2026-11-26", **kw).rows}


@pytest.fixture(scope="module")
def seed_rows(seed_text):
    return rows_by_code(seed_text)


@pytest.fixture(scope="module")
def html_rows(html_text):
    return rows_by_code(html_text)


def test_seed_gives_21_rows_with_contract_columns(seed_rows):
    assert len(seed_rows) == 21
    # SCB's 21 county codes (13 and 14 are Halland and Västra Götaland; 02, 11, 15, 16 are no longer used)
    assert sorted(seed_rows) == [
        "01",
        "03",
        "04",
        "05",
        "06",
        "07",
        "08",
        "09",
        "10",
        "12",
        "13",
        "14",
        "17",
        "18",
        "19",
        "20",
        "21",
        "22",
        "23",
        "24",
        "25",
    ]
    for row in seed_rows.values():
        assert tuple(row) == COLUMNS
        assert row["period"] == "2014-2020"
        assert row["org_type"] in ORG_TYPES


@pytest.mark.parametrize(
    "code, org_type, org_name, persons",
    [
        ("25", "region", "Region Norrbotten", "Johanna Lindberg; Tomas Olsson Lasu"),
        ("09", "region", "Gotlands kommun", "Peter Bloom"),
        ("08", "samverkansorgan", "Regionförbundet i Kalmar", "Daniel Granello"),
        ("22", "region", "Landstinget Västernorrland", "Niklas Selin"),
        ("20", "lansstyrelse", "Länsstyrelsen i Dalarna", "Annika Eriksson"),
        ("23", "region", "Region Jämtland Härjedalen", "Maria Kumpula"),
        ("14", "region", "Västra Götalandsregionen", "Jane Boyton"),
    ],
)
def test_seed_rows(seed_rows, html_rows, code, org_type, org_name, persons):
    for rows in (seed_rows, html_rows):
        row = rows[code]
        assert (row["org_type"], row["org_name"], row["contact_persons"]) == (org_type, org_name, persons)


def test_type_counts_come_from_the_responsibility_paragraph(seed_rows):
    counts = {t: sum(r["org_type"] == t for r in seed_rows.values()) for t in ORG_TYPES}
    assert counts == {"lansstyrelse": 6, "region": 14, "samverkansorgan": 1}


def test_every_phone_is_a_valid_swedish_e164_number(seed_rows):
    for row in seed_rows.values():
        parsed = phonenumbers.parse(row["phone_e164"])
        assert phonenumbers.is_valid_number(parsed) and parsed.country_code == 46, row
        assert row["phone_e164"] == normalise_phone(row["phone"])
    assert seed_rows["13"]["phone"] == "035 - 13 48 00"
    assert seed_rows["13"]["phone_e164"] == "+4635134800"


def test_text_takes_links_from_the_supplement(seed_rows):
    assert seed_rows["08"]["info_url"] == LINKS["08"]["info_url"]
    assert seed_rows["05"]["programme_url"] == LINKS["05"]["programme_url"]
    assert seed_rows["01"]["programme_url"] == ""


def test_html_takes_link_addresses_from_the_page(html_rows):
    assert html_rows["25"]["programme_url"] == "https://example.org/rsp/norrbotten.pdf"
    assert html_rows["25"]["info_url"] == "https://www.example.se/norrbotten"
    # Kalmar's programme line holds an empty link before the real one
    assert html_rows["08"]["programme_url"] == "https://example.org/rsp/kalmar.pdf"
    # Gotland's block has no website link: the supplement fills it
    assert html_rows["09"]["info_url"] == LINKS["09"]["info_url"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<!DOCTYPE html><html></html>", True),
        ("  <html lang=sv>", True),
        ("Rubrik\n<p>a</p>", True),
        ("Tillväxtverket\nRegion <img src=x onerror=alert(1)>", False),
        ("plain text", False),
    ],
)
def test_html_detection(text, expected):
    assert looks_like_html(text) is expected


def _drop_block(text: str, name: str) -> str:
    pattern = re.compile(rf"\n{name}\n\nHär finns.*?(?=\n\n[A-ZÅÄÖ][a-zåäö ]+\n\nHär finns|\Z)", re.S)
    out, n = pattern.subn("", text)
    assert n == 1
    return out


@pytest.mark.parametrize(
    "mutate, message",
    [
        (
            lambda t: _drop_block(t, "Kalmar"),
            r"Kalmar län \(08\): named in 'Ansvariga organisationer' but has no contact block",
        ),
        (lambda t: _drop_block(t, "Skåne"), r"Skåne län \(12\).*no contact block"),
        (
            lambda t: t.replace("Telefon: 0920-28 40 00", "Telefon: 12"),
            r"Norrbottens län \(25\): phone '12' is not a valid",
        ),
        (
            lambda t: t.replace("Telefon: 026-15 40 00\nCarina Munter", "Telefon: 026-15 40 00\n"),
            r"Gävleborgs län \(21\): .*no contact person",
        ),
        (lambda t: t.replace("\nGotland\n", "\nGotlandia\n"), r"contact block 'Gotlandia': unknown county name"),
        (lambda t: t.replace("Blekinge, Dalarna,", "Blekinge, Lappland, Dalarna,"), r"unknown county name 'Lappland'"),
        (lambda t: t.replace(" Halland,", ""), r"Hallands län \(13\): has a contact block but is not named"),
        (lambda t: t.replace("Ansvariga organisationer", "Organisationer"), r"no 'Ansvariga organisationer'"),
        (lambda t: t.replace("Regionala serviceprogram 2014-2020", "Regionala serviceprogram"), r"no programme period"),
        (
            lambda t: t.replace("Region Halland\nTelefon", "\nTelefon"),
            r"Hallands län \(13\): contact block has no organisation",
        ),
    ],
)
def test_validation_failures_name_the_county(seed_text, mutate, message):
    with pytest.raises(IngestError) as err:
        ingest(mutate(seed_text), LINKS)
    assert any(re.search(message, p) for p in err.value.problems), err.value.problems


def test_markup_is_kept_literally_with_a_warning(seed_text):
    hostile = seed_text.replace("Anna Althini", "Anna <img src=x onerror=alert(1)> `${x}`")
    result = ingest(hostile, LINKS)
    row = next(r for r in result.rows if r["lan_kod"] == "10")
    assert row["contact_persons"] == "Anna <img src=x onerror=alert(1)> `${x}`"
    assert any("Blekinge län (10): contact_persons looks like markup" in w for w in result.warnings)


def test_html_javascript_link_is_dropped_with_a_warning(html_text):
    hostile = html_text.replace("https://www.example.se/norrbotten", "javascript:alert(1)")
    result = ingest(hostile, LINKS)
    row = next(r for r in result.rows if r["lan_kod"] == "25")
    assert row["info_url"] == LINKS["25"]["info_url"]
    assert any("Norrbottens län (25) website link" in w for w in result.warnings)


def test_html_lines_keep_headings_and_links(html_text):
    lines, kind = read_page(html_text)
    assert kind == "html"
    assert not any("Fake" in ln.text for ln in lines)  # script contents are not text
    norrbotten = next(ln for ln in lines if ln.text == "Norrbotten")
    assert norrbotten.heading == 3


def test_html_variants_each_person_in_its_own_paragraph_and_h2_counties(html_text):
    """Another page layout: county headings at the same rank as the section, one <p> per line."""
    variant = html_text.replace("<h3>", "<h2>").replace("</h3>", "</h2>")
    variant = variant.replace("<br>", "</p>\n<p>")
    rows = {r["lan_kod"]: r for r in ingest(variant, LINKS).rows}
    assert len(rows) == 21
    assert rows["25"]["contact_persons"] == "Johanna Lindberg; Tomas Olsson Lasu"
    assert rows["25"]["org_name"] == "Region Norrbotten" and rows["25"]["phone_e164"] == "+46920284000"
    assert rows["25"]["programme_url"] == "https://example.org/rsp/norrbotten.pdf"


def test_text_after_the_last_block_is_not_a_person(seed_text):
    rows = {r["lan_kod"]: r for r in ingest(seed_text + "\n\nSenast uppdaterad: 12 maj 2021\n", LINKS).rows}
    assert rows["05"]["contact_persons"] == "Ulf Wixtröm"


def test_cr_only_line_endings_read_like_the_seed(tmp_path):
    out = tmp_path / "contacts.csv"
    retrieved = read_contacts(CONTACTS_CSV)[0]["retrieved"]
    res = cli("ingest", str(HOSTILE_DIR / "page-cr-line-endings.txt"), "--out", str(out), "--retrieved", retrieved)
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == CONTACTS_CSV.read_bytes()


def test_a_person_line_with_a_colon_is_reported_not_dropped(tmp_path):
    out = tmp_path / "contacts.csv"
    res = cli("ingest", str(HOSTILE_DIR / "page-person-with-colon.txt"), "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "Norrbottens län (25): 2 line(s) after the phone were not read as contact persons" in res.stderr
    assert "'Roll: samordnare', 'Tomas Olsson Lasu'" in res.stderr
    row = next(r for r in read_contacts(out) if r["lan_kod"] == "25")
    assert row["contact_persons"] == "Johanna Lindberg"


def test_ingest_is_linear_in_the_lines_after_the_contacts_heading():
    """Four times the lines must not take sixteen times as long (it was quadratic): a ratio of CPU times in one
    run, not a speed target (that is bench/ingest.py's)."""
    from geo.data.ingest import IngestError, ingest, read_links
    from geo.paths import LINKS_CSV

    seed = (FIXTURES / "regional-samordning.txt").read_text(encoding="utf-8")
    links = read_links(LINKS_CSV)

    def seconds(n: int) -> float:
        text = seed + "\n" + "\n".join(f"rad {i}" for i in range(n))
        best = float("inf")
        for _ in range(5):  # CPU time of this process, best of five: other processes on the machine do not count
            start = time.process_time()
            try:
                ingest(text, links)
            except IngestError:
                pass
            best = min(best, time.process_time() - start)
        return best

    small, large = seconds(10_000), seconds(40_000)
    assert large / small < 8, f"4× the lines took {large / small:.1f}× the time"
