"""geo/card.py: the HTML fragments (card, legend, lists, provenance); every value escaped."""

from __future__ import annotations

import re

from data_support import MARKUP
from geo.card import card_html, legend_html, matching_list_html, provenance_html
from geo.gpkg import load_counties
from geo.views import ROW_COLUMNS, rows_of


def hostile_row(**over) -> dict:
    row = {c: MARKUP for c in ROW_COLUMNS}
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
    html = provenance_html({"source_url": "javascript:alert(1)", "period": MARKUP, "retrieved": "2026"}, "sv")
    assert "<img" not in html and 'href="javascript' not in html


def test_share_status_and_source_escape():
    from geo.card import share_html, source_html, status_html

    html = share_html('http://h/?q="><img src=x>', "sv")
    assert "<img" not in html and 'href="http://h/?q=&quot;&gt;&lt;img src=x&gt;"' in html
    assert "<img" not in status_html(MARKUP)
    html = source_html({"source_url": "javascript:alert(1)", "period": MARKUP}, "en")
    assert "<img" not in html and 'href="javascript' not in html and "Source page" in html
