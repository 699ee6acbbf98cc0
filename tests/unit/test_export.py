"""geo/export.py: the downloads (CSV, Excel, GeoJSON, GeoPackage, vCards), hostile values included."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import geopandas as gpd
import openpyxl
import pytest
import vobject
from support.data import app_model, excel_csv

from geo.data.contacts import COLUMNS
from geo.render.export import (
    download_records,
    excel_text,
    file_stem,
    slug,
    to_csv,
    to_geojson,
    to_gpkg,
    to_xlsx,
    vcards,
)

MODEL = app_model()
ROWS = MODEL.rows


HOSTILE = '=cmd|"/c calc"!A1 <img src=x onerror=alert(1)>; a, b\\ c\nd'


@pytest.fixture(scope="module")
def counties():
    return MODEL.counties


SHOWN = [r for r in ROWS if r["org_type"] == "region"][:5]


def read_csv_download(data: bytes, delimiter: str = ";") -> list[dict]:
    """The cells as written (="…" included)."""
    assert data.startswith("\ufeff".encode("utf-8")), "no UTF-8 byte-order mark (Swedish Excel needs it)"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize("separator, delimiter", [("semikolon", ";"), ("komma", ",")])
def test_csv_download_has_a_bom_the_chosen_separator_and_the_shown_rows(separator, delimiter):
    back = excel_csv(to_csv(SHOWN, separator), delimiter)
    assert back == download_records(SHOWN)[1]
    assert any("ä" in r["lan"] or "ö" in r["lan"] for r in back)


def test_csv_download_names_the_period_of_every_column_and_labels_its_codes():
    back = read_csv_download(to_csv(SHOWN, "komma"), ",")
    names = list(back[0])
    assert "period" not in names
    history = [c for c in COLUMNS if c not in ("period", "lan_kod", "lan", "iso_3166_2")]
    assert all(f"{c}_2014_2020" in names for c in history)
    assert [c for c in names if not (c.endswith("_2014_2020") or c.startswith(("today_", "area_pct_")))] == [
        "lan_kod",
        "lan",
        "iso_3166_2",
        "links_dead",
    ]
    first = SHOWN[0]
    assert back[0]["org_name_2014_2020"] == first["org_name"] and back[0]["today_region"] == first["today_region"] != ""
    assert back[0]["org_type_label_2014_2020"] == "Region"
    labels = {r["today_programme_status"]: r["today_programme_status_label"] for r in back}
    assert (
        labels.get("adopted", "Antaget") == "Antaget"
        and labels.get("not_found", "Inget program hittat") == "Inget program hittat"
    )
    english = read_csv_download(to_csv(SHOWN, "komma", "en"), ",")
    assert english[0]["org_type_label_2014_2020"] == "Region" and "Antaget" not in {
        r["today_programme_status_label"] for r in english
    }


@pytest.mark.parametrize(
    "value, excel",
    [
        ("-2030", '="-2030"'),
        ("2022-10", '="2022-10"'),
        ("2023-12", '="2023-12"'),
        ("01", '="01"'),
        ("+46102231000", '="+46102231000"'),
        ("2026-11-26", '="2026-11-26"'),
        ("33.3", '="33.3"'),
        ("2014-2020", '="2014-2020"'),
        ("010-223 10 00", "010-223 10 00"),
        ("Region Gävleborg", "Region Gävleborg"),
        ("=1+1", "=1+1"),
        ('"=1"', '"=1"'),
    ],
)
def test_excel_csv_keeps_what_excel_would_turn_into_numbers_and_dates_as_text(value, excel):
    assert excel_text(value) == excel


def test_the_excel_csv_writes_programme_periods_and_dates_as_text_and_the_other_csv_as_they_are():
    rows = [dict(SHOWN[0], today_programme_period="-2030", today_status_date="2022-10")]
    excel = read_csv_download(to_csv(rows, "semikolon"), ";")[0]
    plain = read_csv_download(to_csv(rows, "komma"), ",")[0]
    assert excel["today_programme_period"] == '="-2030"' and excel["today_status_date"] == '="2022-10"'
    assert excel["lan_kod"] == f'="{rows[0]["lan_kod"]}"'
    assert plain["today_programme_period"] == "-2030" and plain["today_status_date"] == "2022-10"


def test_xlsx_opens_and_keeps_formulas_as_text():
    rows = SHOWN + [dict(ROWS[-1], org_name=HOSTILE)]
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(rows)))
    ws = wb.active
    values = list(ws.values)
    assert list(values[0]) == list(download_records(rows)[0])  # the CSV's columns
    names = list(values[0])
    assert [v[0] for v in values[1:]] == [r["lan_kod"] for r in rows]
    # the formula is a text cell holding exactly the value: no apostrophe to see, nothing to run
    assert values[-1][names.index("org_name_2014_2020")] == HOSTILE
    assert ws.cell(row=len(values), column=names.index("org_name_2014_2020") + 1).data_type == "s"
    assert values[1][names.index("today_region")] == rows[0]["today_region"]
    assert all(cell.data_type == "s" for row in ws.iter_rows(min_row=2) for cell in row if cell.value is not None)


def test_geojson_has_one_feature_per_row(counties):
    data = json.loads(to_geojson(counties, SHOWN))
    assert [f["properties"]["lan_kod"] for f in data["features"]] == [r["lan_kod"] for r in SHOWN]
    assert [f["properties"]["today_region"] for f in data["features"]] == [r["today_region"] for r in SHOWN]
    assert data["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_gpkg_download_round_trips(counties, tmp_path):
    path = tmp_path / "x.gpkg"
    path.write_bytes(to_gpkg(counties, SHOWN))
    back = gpd.read_file(path, layer="counties")
    assert back["lan_kod"].tolist() == [r["lan_kod"] for r in SHOWN] and back.crs.to_epsg() == 4326
    assert back["today_programme_status"].tolist() == [r["today_programme_status"] for r in SHOWN]
    sqlite3.connect(path).execute("select count(*) from gpkg_contents").fetchone()


def test_vcards_parse_with_name_org_phone():
    cards = list(vobject.readComponents(vcards(ROWS)))
    # today's region per county; the 2014–2020 persons of the 14 organisations that are today's region
    # (Norrbotten has two); none of the six Länsstyrelser or Kalmar's Regionförbundet
    assert len(cards) == 21 + 15
    assert {c.org.value[0] for c in cards if hasattr(c, "tel")} == {
        r["org_name"] for r in ROWS if r["org_type"] == "region"
    }
    by_name = {c.fn.value: c for c in cards}
    tomas = by_name["Tomas Olsson Lasu"]
    assert tomas.org.value == ["Region Norrbotten"] and tomas.tel.value == "+46920284000"
    assert tomas.n.value.family == "Lasu" and tomas.n.value.given == "Tomas Olsson"
    assert "2014–2020" in tomas.note.value and "Historik" in tomas.note.value


@pytest.mark.parametrize(
    "lang, today_word, history_word", [("sv", "Kontakt idag", "Historik"), ("en", "Contact today", "History")]
)
def test_vcard_notes_say_which_period_in_the_ui_language(lang, today_word, history_word):
    cards = list(vobject.readComponents(vcards([r for r in ROWS if r["lan_kod"] == "03"], lang)))
    region, person = cards
    support = next(r["today_support_url"] for r in ROWS if r["lan_kod"] == "03")
    assert region.fn.value == "Region Uppsala" and not hasattr(region, "tel")
    # the page to apply on first, then the website; the note names the support page too
    assert [u.value for u in region.url_list] == [support, "https://www.regionuppsala.se"]
    assert today_word in region.note.value and support in region.note.value
    assert person.fn.value == "Toni Jonsson" and history_word in person.note.value and "2014–2020" in person.note.value
    assert person.tel.value == next(r["phone_e164"] for r in ROWS if r["lan_kod"] == "03")


@pytest.mark.parametrize("code", ["01", "04", "08", "10", "17", "20", "24"])
def test_vcard_leaves_out_the_persons_of_an_organisation_no_longer_responsible(code):
    row = next(r for r in ROWS if r["lan_kod"] == code)
    text = vcards([row])
    (region,) = vobject.readComponents(text)
    assert region.fn.value == row["today_region"] and "TEL" not in text and row["org_name"] not in text


def test_vcard_escapes_hostile_values():
    row = dict(ROWS[1], org_name=HOSTILE, contact_persons="Eva; Per,Son")
    cards = list(vobject.readComponents(vcards([row])))[1:]
    assert [c.fn.value for c in cards] == ["Eva", "Per,Son"]
    assert cards[0].org.value == [HOSTILE]


@pytest.mark.parametrize(
    "parts, expected",
    [
        (("kontakter",), "rsp-kontakter-2026-11-27"),
        (("kontakter", "Länsstyrelse"), "rsp-kontakter-lansstyrelse-2026-11-27"),
        (("Norrbottens län",), "rsp-norrbottens-lan-2026-11-27"),
        (("contacts", "search <b>x</b>"), "rsp-contacts-search-b-x-b-2026-11-27"),
    ],
)
def test_file_names_say_what_is_in_them(parts, expected):
    assert file_stem(*parts, day="2026-11-27") == expected
    assert slug("Örebro län / Åre") == "orebro-lan-are"


def test_csv_download_quotes_line_breaks_and_neutralises_formulas():
    row = dict(
        ROWS[1],
        org_name="A\rB",
        contact_persons='=HYPERLINK("http://x")',
        phone="@SUM(1)",
        info_url="+1+cmd|' /C calc'!A0",
        phone_e164="+46102231000",
    )
    text = to_csv([row], "komma").decode("utf-8-sig")
    back = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(back) == 1  # the bare CR did not split the record
    assert back[0]["org_name_2014_2020"] == "A\rB"
    assert (
        back[0]["contact_persons_2014_2020"] == '\'=HYPERLINK("http://x")' and back[0]["phone_2014_2020"] == "'@SUM(1)"
    )
    assert back[0]["info_url_2014_2020"].startswith("'+1+cmd")
    assert back[0]["phone_e164_2014_2020"] == "+46102231000"  # a plain signed number stays as it is


def test_vcard_cannot_be_split_and_escapes_every_break():
    row = dict(
        ROWS[-1],
        info_url="https://www.norrbotten.se\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Injected",
        org_name="Region\x0bNorr\x85botten\u2028X\x0cY",
        contact_persons="Anna\u2029Berg; Per\x1bSon",
    )
    text = vcards([row])
    cards = list(vobject.readComponents(text))
    assert len(cards) == 3  # today's region and the two persons; no injected card
    assert all(c.fn.value != "Injected" for c in cards)
    assert not any(ch in text for ch in "\x0b\x85\u2028\u2029\x0c\x1b")
    assert [c.fn.value for c in cards[1:]] == ["Anna\nBerg", "PerSon"]
    assert cards[1].org.value == ["Region\nNorr\nbotten\nX\nY"]
    assert not hasattr(cards[1], "url")


def test_xlsx_links_are_clickable_and_the_header_has_a_filter():
    import openpyxl

    rows = [dict(r) for r in ROWS]
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(rows))).active
    header = [c.value for c in ws[1]]
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(header)).column_letter}{len(rows) + 1}"
    col = header.index("today_support_url") + 1
    linked = [ws.cell(row=r, column=col) for r in range(2, len(rows) + 2) if ws.cell(row=r, column=col).value]
    assert linked and all(c.hyperlink is not None and c.hyperlink.target == c.value for c in linked)
    assert ws.cell(row=2, column=header.index("org_name_2014_2020") + 1).hyperlink is None


def test_xlsx_never_links_an_address_the_rules_refuse():
    import openpyxl

    row = dict(ROWS[0], info_url="javascript:alert(1)", programme_url="https://x@evil.example/")
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx([row]))).active
    header = [c.value for c in ws[1]]
    for name in ("info_url", "programme_url"):
        cell = ws.cell(row=2, column=header.index(f"{name}_2014_2020") + 1)
        assert cell.hyperlink is None and cell.value == row[name]


def _strict_vcard_lines(data: bytes) -> list[str]:
    """RFC 6350 §3.2 read strictly: every line ends in CRLF (no bare LF or CR), no line is over 75 octets,
    a folded line starts with one space; returns the unfolded logical lines."""
    assert data.endswith(b"\r\n")
    raw = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in raw), "a bare LF or CR"
    assert all(len(line) <= 75 for line in raw), "a line over 75 octets"
    logical: list[bytes] = []
    for line in raw:
        if line.startswith(b" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return [line.decode("utf-8") for line in logical]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_vcards_read_strictly_crlf_folded_and_every_card_whole(lang):
    rows = [dict(r) for r in ROWS]
    lines = _strict_vcard_lines(vcards(rows, lang).encode("utf-8"))
    begins = [n for n, line in enumerate(lines) if line == "BEGIN:VCARD"]
    ends = [n for n, line in enumerate(lines) if line == "END:VCARD"]
    assert len(begins) == len(ends) >= 21 and all(b < e for b, e in zip(begins, ends))
    for b, e in zip(begins, ends):
        card = lines[b + 1 : e]
        assert card[0] == "VERSION:3.0" and any(line.startswith("FN:") for line in card)
        assert all(re.match(r"^[A-Z-]+(;[^:]*)?:", line) for line in card), card
