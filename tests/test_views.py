"""Unit tests: URL state, escaping of everything that reaches HTML, and the map's state script."""

from __future__ import annotations

import json
import re

import pytest

from geo.card import card_html, legend_html, provenance_html, safe_http_url
from geo.contacts import read_contacts
from geo.mapview import MapState, build_map, counties_geojson, safe_json, state_script, sweden_bounds
from geo.paths import CONTACTS_CSV
from geo.urlstate import ViewState, parse, to_params
from geo.gpkg import load_counties
from geo.views import ROW_COLUMNS, matching_list_html, rows_of

CODES = [r["lan_kod"] for r in read_contacts(CONTACTS_CSV)]
KOMMUN = {"2023": "20", "1480": "14", "1880": "18"}
HOSTILE = '<img src=x onerror="alert(1)"> `${alert(2)}` </script><script>alert(3)</script> [x](javascript:alert(4))'


@pytest.mark.parametrize(
    "params, state, dropped",
    [
        ({}, ViewState(), []),
        ({"lan": ["25"]}, ViewState(lan="25"), []),
        ({"lan": ["8"]}, ViewState(lan="08"), []),
        ({"lan": ["99"]}, ViewState(), ["lan"]),
        ({"lan": ["<script>"]}, ViewState(), ["lan"]),
        ({"lan": ["25", "01"]}, ViewState(lan="01"), []),
        ({"lan": ["x" * 10_000]}, ViewState(), ["lan"]),
        # a type filter without a period is a link from before the period switch: 2014–2020
        ({"typ": ["lansstyrelse"]}, ViewState(typ=("lansstyrelse",), period="2014-2020"), []),
        ({"typ": ["region,lansstyrelse"]}, ViewState(typ=("lansstyrelse", "region"), period="2014-2020"), []),
        ({"typ": [";;"]}, ViewState(), ["typ"]),
        ({"typ": ["region,foo"]}, ViewState(typ=("region",), period="2014-2020"), ["typ"]),
        ({"typ": ["region"], "period": ["idag"]}, ViewState(typ=("region",), period="idag"), []),
        ({"period": ["2014-2020"]}, ViewState(period="2014-2020"), []),
        ({"period": ["2014–2020"]}, ViewState(period="2014-2020"), []),
        ({"period": ["IDAG"]}, ViewState(period="idag"), []),
        ({"period": ["1999"]}, ViewState(), ["period"]),
        ({"period": ["<b>"], "typ": ["region"]}, ViewState(typ=("region",)), ["period"]),
        ({"period": [""]}, ViewState(), []),
        ({"typ": [""]}, ViewState(), []),
        ({"lang": ["en"]}, ViewState(lang="en"), []),
        ({"lang": ["EN"]}, ViewState(lang="en"), []),
        ({"lang": ["fi"]}, ViewState(), ["lang"]),
        ({"kommun": ["2023"]}, ViewState(lan="20", kommun="2023"), []),
        ({"kommun": ["2023"], "lan": ["25"]}, ViewState(lan="20", kommun="2023"), []),
        ({"kommun": ["9999"]}, ViewState(), ["kommun"]),
        ({"lan": ["08"], "typ": ["samverkansorgan"], "lang": ["en"]},
         ViewState("en", ("samverkansorgan",), "08", period="2014-2020"), []),
        ({"lan": ["25"], "period": ["idag"], "lang": ["en"]}, ViewState("en", (), "25"), []),
    ],
)
def test_parse(params, state, dropped):
    assert parse(params, CODES, KOMMUN) == (state, dropped)


@pytest.mark.parametrize(
    "state, params",
    [
        (ViewState(), {}),
        (ViewState(lan="25"), {"lan": "25"}),
        (ViewState(typ=("lansstyrelse", "region"), period="2014-2020"), {"typ": "lansstyrelse,region", "period": "2014-2020"}),
        (ViewState(typ=("region",)), {"typ": "region", "period": "idag"}),
        (ViewState("en", ("samverkansorgan",), "08", None, period="2014-2020"),
         {"lan": "08", "typ": "samverkansorgan", "lang": "en", "period": "2014-2020"}),
        (ViewState(lan="20", kommun="2023"), {"lan": "20", "kommun": "2023"}),
        (ViewState(lan="25", period="2014-2020"), {"lan": "25", "period": "2014-2020"}),
        (ViewState(lang="en", lan="25"), {"lan": "25", "lang": "en"}),
    ],
)
def test_to_params_round_trips(state, params):
    assert to_params(state) == params
    assert parse({k: [v] for k, v in params.items()}, CODES, KOMMUN) == (state, [])


def hostile_row(**over) -> dict:
    row = {c: HOSTILE for c in ROW_COLUMNS}
    row.update(lan_kod="25", org_type="region", phone_e164="+46920284000", phone="0920-28 40 00")
    row.update(over)
    return row


def assert_no_markup(html: str) -> None:
    assert "<img" not in html and "<script" not in html and 'href="javascript' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_card_escapes_every_value():
    html = card_html(hostile_row(), "sv")
    assert "<img" not in html and "<script" not in html
    assert 'href="javascript' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "`${alert(2)}`" in html  # backticks and ${} are plain text in HTML


def test_card_links_only_http_urls_and_tel():
    html = card_html(hostile_row(info_url="javascript:alert(1)", programme_url="https://ok.example/p?a=1&b=2"), "en")
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["tel:+46920284000", "https://ok.example/p?a=1&amp;b=2"]


@pytest.mark.parametrize(
    "url, ok",
    [("https://a.se/x", True), ("http://a.se", True), ("javascript:alert(1)", False), ("//a.se", False),
     ("https://a.se/\"onmouseover=x", False), ("data:text/html,x", False), ("", False)],
)
def test_safe_http_url(url, ok):
    assert (safe_http_url(url) is not None) is ok


BY_CODE = {r["lan_kod"]: r for r in rows_of(load_counties())}


def test_card_for_norrbotten():
    row = BY_CODE["25"]
    html = card_html(row, "sv")
    assert '<a href="tel:+46920284000">0920-28 40 00</a>' in html
    assert "<li>Johanna Lindberg</li><li>Tomas Olsson Lasu</li>" in html
    assert "Ingen programlänk registrerad" in html and "https://www.norrbotten.se" in html
    # the website once (it used to follow "Ingen programlänk registrerad — webbplats: …" as well)
    assert html.count(">https://www.norrbotten.se</a>") == 1 and "— webbplats" not in html
    assert "Länsstyrelsen i Norrbottens län" in html


def test_lansstyrelse_card_has_no_investment_note():
    assert "rsp-note" not in card_html(BY_CODE["20"], "sv")


def test_legend_list_and_provenance_escape():
    assert "6 län" in legend_html({"lansstyrelse": 6, "region": 14, "samverkansorgan": 1}, "sv")
    english = legend_html({"lansstyrelse": 6, "region": 14, "samverkansorgan": 1}, "en")
    assert "Region: 14 counties" in english and "Regional cooperation body: 1 county<" in english
    assert_no_markup(matching_list_html([hostile_row()], "sv"))
    html = provenance_html({"source_url": "javascript:alert(1)", "period": HOSTILE, "retrieved": "2026"}, "sv")
    assert "<img" not in html and 'href="javascript' not in html


def test_safe_json_cannot_close_a_script_element():
    text = safe_json({"x": HOSTILE + "\u2028"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": HOSTILE + "\u2028"}


@pytest.fixture(scope="module")
def counties():
    from geo.gpkg import load_counties

    return load_counties()


def test_map_script_is_constant_and_holds_no_raw_markup(counties):
    hostile = counties.copy()
    hostile["org_name"] = HOSTILE
    gj = counties_geojson(hostile)
    scripts = [build_map(gj, sweden_bounds(hostile)).get_root().render() for _ in range(2)]
    body = [re.sub(r"[0-9a-f]{32}", "", s) for s in scripts]
    assert body[0] == body[1]  # independent of anything but the data
    assert "<img" not in scripts[0] and "</script><script>" not in scripts[0]
    assert "cdn" not in scripts[0].lower() and "https://" not in scripts[0].split("<body>")[0]


def test_state_script_is_small_and_escaped():
    js = state_script(MapState("en", ("region",), "25"), [("municipality", {"type": "FeatureCollection", "features": [], "name": HOSTILE})])
    assert '"lan":"25"' in js and '"types":["region"]' in js
    assert "<" not in js.replace("</", "") and "<img" not in js


def test_share_status_and_source_escape():
    from geo.card import share_html, source_html, status_html

    html = share_html('http://h/?q="><img src=x>', "sv")
    assert "<img" not in html and 'href="http://h/?q=&quot;&gt;&lt;img src=x&gt;"' in html
    assert "<img" not in status_html(HOSTILE)
    html = source_html({"source_url": "javascript:alert(1)", "period": HOSTILE}, "en")
    assert "<img" not in html and 'href="javascript' not in html and "Source page" in html
