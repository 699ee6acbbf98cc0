"""Browser tier for finding a contact: municipality search, the contacts page and its downloads, about."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
import vobject
from axe_playwright_python.sync_playwright import Axe
from support.browser import card, serious, session, wait_until
from support.data import app_model, excel_csv

from geo.render.export import download_records

pytestmark = pytest.mark.browser
ROWS = app_model().rows


def outline_count(s) -> int:
    return s.map.locator('.leaflet-rspOutlines-pane path[stroke-dasharray="6 4"]').count()


def borders_count(s) -> int:
    return s.map.locator("path:not(.leaflet-interactive)").count()


@pytest.mark.parametrize(
    "query, status, lan, person",
    [
        ("malung", "Malung-Sälen ligger i Dalarnas län.", "20", "Annika Eriksson"),
        ("goteborg", "Göteborg ligger i Västra Götalands län.", "14", "Jane Boyton"),
        ("orebro", "Örebro ligger i Örebro län.", "18", "Malena Pirsech"),
    ],
)
def test_search_to_card(browser, server, query, status, lan, person):
    with session(browser, server) as s:
        s.open()
        box = s.page.get_by_label("Hitta ditt län från din kommun")
        box.fill(query)
        box.press("Enter")
        s.page.get_by_text(status).wait_for()
        card(s).get_by_text(person).wait_for()
        wait_until(
            lambda: s.params().get("lan") == [lan] and len(s.params().get("kommun", [""])[0]) == 4,
            what=f"lan={lan} and a kommun in the URL, have {s.params()}",
        )
        wait_until(lambda: outline_count(s) == 1, what="the municipality's outline")
        wait_until(lambda: s.map.locator(f'path[data-lan="{lan}"][data-selected="1"]').count() == 1, what="highlight")
        if query == "malung":
            assert borders_count(s) == 15 + 2  # Dalarna's 15 municipal borders + the outline's halo and line
            s.settled()
            s.screenshot("map-search-malung")


def test_kommun_link_in_a_fresh_context(browser, server):
    with session(browser, server, fresh=True) as s:
        s.open("/?kommun=2023")
        s.page.get_by_text("Malung-Sälen ligger i Dalarnas län.").wait_for()
        card(s).get_by_text("Annika Eriksson").wait_for()
        assert card(s).locator("h2").inner_text() == "Dalarnas län"
        wait_until(lambda: outline_count(s) == 1, what="the municipality's outline")
        s.wait_params({"lan": ["20"], "kommun": ["2023"]})
        wait_until(lambda: s.map_view()["fitKey"] == "kommun:2023", what="the map to fit Malung-Sälen")
        # a click elsewhere drops the municipality and its outline
        s.all_of_sweden()
        s.county("25").click()
        card(s).get_by_text("Tomas Olsson Lasu").wait_for()
        s.wait_params({"lan": ["25"]})
        wait_until(lambda: outline_count(s) == 0, what="the outline to go")


def test_unknown_kommun_code_is_dropped(browser, server):
    with session(browser, server) as s:
        s.open("/?kommun=9999")
        s.page.locator(".rsp-notice").wait_for()
        assert card(s).count() == 0 and s.exceptions() == 0
        s.wait_params({})


def _nav(s, name: str):
    s.page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name).click()


def test_filter_and_language_survive_page_switches(browser, server):
    with session(browser, server) as s:
        s.open("/?typ=region&lang=en")
        _nav(s, "All contacts")
        s.page.get_by_text("Showing 14 of 21 counties.").wait_for()
        expected = {"typ": ["region"], "lang": ["en"], "period": ["2014-2020"]}
        s.wait_params(expected)
        s.page.get_by_role("heading", name="All contacts").wait_for()
        _nav(s, "About the data")
        s.page.get_by_role("heading", name="What is a regional service programme?").wait_for()
        s.wait_params(expected)
        _nav(s, "What changed")
        s.page.get_by_text("Comparison for all 21 counties").wait_for()
        s.wait_params(expected)
        _nav(s, "Map")
        s.wait_for_map()
        wait_until(lambda: len(s.full_colour()) == 14, what="14 regions at full colour")
        s.wait_params(expected)
        assert s.page.get_by_role("heading", name="Who was responsible for rural service in your county?").count() == 1


def _download(s, label: str, names: list | None = None) -> bytes:
    with s.page.expect_download() as info:
        s.page.get_by_role("button", name=label, exact=True).click()
    if names is not None:
        names.append(info.value.suggested_filename)
    return open(info.value.path(), "rb").read()


def test_downloads_parse_back(browser, server):
    with session(browser, server) as s:
        s.open("/kontakter?typ=lansstyrelse", wait_map=False)
        s.page.get_by_text("Visar 6 av 21 län.").wait_for()
        shown = sorted(r["lan_kod"] for r in ROWS if r["org_type"] == "lansstyrelse")

        names: list[str] = []
        data = _download(s, "CSV", names)
        # UTF-8 with a BOM and semicolons: what Excel with Swedish settings opens right, å/ä/ö intact
        assert data.startswith(b"\xef\xbb\xbf")
        raw = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
        # what Excel would turn into a number or a date is written ="…", which Excel shows as that text
        assert all(r["lan_kod"] == f'="{r["lan_kod"][2:-1]}"' for r in raw)
        back = excel_csv(data)
        assert sorted(r["lan_kod"] for r in back) == shown
        assert "Södermanlands län" in {r["lan"] for r in back}
        assert names[-1] == f"rsp-kontakter-lansstyrelse-{dt.date.today().isoformat()}.csv"
        expected = {r["lan_kod"]: r for r in download_records(ROWS)[1]}
        assert all(r == expected[r["lan_kod"]] for r in back)
        # every column says its period, and a code has its label beside it
        assert "period" not in back[0] and back[0]["org_type_label_2014_2020"] == "Länsstyrelse"
        assert all(r["org_name_2014_2020"].startswith("Länsstyrelsen") and r["today_region"] for r in back)
        assert {r["today_programme_status_label"] for r in back} <= {
            "Antaget",
            "Gäller från",
            "Förslag, på remiss",
            "Period ej angiven",
            "Inget program hittat",
        }

        wb = openpyxl.load_workbook(io.BytesIO(_download(s, "Excel (.xlsx)")))
        assert sorted(row[0] for row in list(wb.active.values)[1:]) == shown

        features = json.loads(_download(s, "GeoJSON"))["features"]
        assert sorted(f["properties"]["lan_kod"] for f in features) == shown

        gpkg = _download(s, "GeoPackage")
        assert gpkg[:16] == b"SQLite format 3\x00"

        cards = list(vobject.readComponents(_download(s, "Kontakterna som vCard (.vcf)").decode("utf-8")))
        # today's six regions; no card with a Länsstyrelse's number, which no longer answers for this
        assert len(cards) == 6 and not any(hasattr(c, "tel") for c in cards)
        assert all(c.org.value[0].startswith("Region") and "Kontakt idag" in c.note.value for c in cards)

        one = list(vobject.readComponents(_download(s, "Ladda ned vCard", names).decode("utf-8")))
        assert names[-1] == f"rsp-blekinge-lan-{dt.date.today().isoformat()}.vcf"
        assert len(one) == 1 and one[0].org.value == ["Region Blekinge"] and "idag" in one[0].note.value
        assert one[0].url_list[0].value == next(r["today_support_url"] for r in ROWS if r["lan_kod"] == "10")
        s.screenshot("contacts-lansstyrelse")


def test_contacts_search_and_sort_live_in_the_url(browser, server):
    with session(browser, server) as s:
        s.open("/kontakter?q=lindberg&lang=en", wait_map=False)
        s.page.get_by_text("Showing 1 of 21 counties.").wait_for()
        box = s.page.get_by_label("Search (county, organisation, person, phone)")
        wait_until(lambda: box.input_value() == "lindberg", what="the search box to show the URL's query")
        box.fill("dalarna")
        box.press("Enter")
        s.page.get_by_text("Showing 1 of 21 counties.").wait_for()
        s.wait_params({"q": ["dalarna"], "lang": ["en"]})
        s.page.get_by_label("Sort by").click()
        s.page.get_by_role("option", name="Organisation type").click()
        s.wait_params({"q": ["dalarna"], "lang": ["en"], "sort": ["typ"]})


@pytest.mark.parametrize(
    "path",
    [
        "/kontakter",
        "/om",
        "/kontakter?lang=en",
        "/om?lang=en",
        "/andringar",
        "/andringar?lang=en",
        "/finns-inte",
        "/finns-inte?lang=en",
    ],
)
def test_contacts_and_about_have_no_serious_axe_findings(browser, server, path):
    with session(browser, server) as s:
        s.open(path, wait_map=False)
        # an unknown address gets the guard's plain 404 page (its language link: .plain-lang)
        s.page.locator('.rsp-table, .rsp-source, [data-testid="stPageLink"], .plain-lang').first.wait_for()
        assert serious(Axe().run(s.page)) == []
        if path in ("/om", "/andringar"):
            s.screenshot(path.strip("/"))


@pytest.mark.parametrize("app", [None, "app.py"], ids=["serve.py", "plain-streamlit-run-app.py"])
def test_first_session_on_a_fresh_server_can_open_a_deep_link(browser, app):
    """Streamlit's legacy pages-folder mode used to greet the first visitor with "Page not found"; the page
    scripts live in app_pages/ so that it never starts, with `make run` and with plain `streamlit run app.py`."""
    from support.browser import streamlit_server

    from geo.paths import ROOT

    with streamlit_server(app=ROOT / app if app else None) as url, session(browser, url) as s:
        s.open("/kontakter?lang=en", wait_map=False)
        s.page.get_by_text("Showing 21 of 21 counties.").wait_for()
        assert s.page.get_by_text("Page not found").count() == 0
        assert s.page.locator('[role="dialog"]').count() == 0
