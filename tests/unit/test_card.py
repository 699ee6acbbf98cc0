"""geo/render/card.py: the HTML fragments (card, legend, lists, provenance); every value escaped."""

from __future__ import annotations

import re
from html import escape

import pytest
from support.data import MARKUP, app_model

from geo.data.model import ROW_COLUMNS
from geo.data.today import support_kinds
from geo.render.card import card_html, contact_cards_html, legend_html, matching_list_html, provenance_html
from geo.view.formatting import national_phone, support_kind_label


def hostile_row(**over) -> dict:
    row = dict.fromkeys(ROW_COLUMNS, MARKUP)
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
    assert hrefs == ["#rsp-karta", "tel:+46920284000", "https://ok.example/p?a=1&amp;b=2"]  # the map: in-page


BY_CODE = app_model().by_code


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
    from geo.render.card import share_html, source_html, status_html

    html = share_html('http://h/?q="><img src=x>', "sv")
    assert "<img" not in html and 'href="http://h/?q=&quot;&gt;&lt;img src=x&gt;"' in html
    assert 'data-url="http://h/?q=&quot;&gt;&lt;img src=x&gt;"' in html  # the copy button's address
    assert "<img" not in status_html(MARKUP)
    html = source_html({"source_url": "javascript:alert(1)", "period": MARKUP}, "en")
    assert "<img" not in html and 'href="javascript' not in html and "Source page" in html


# --- "Kontakta idag" leads with the action (issue 17) ---------------------------------------------------


def today_part(html: str) -> str:
    return html[html.index('class="rsp-today"') : html.index('class="rsp-to-map"')]


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


@pytest.mark.parametrize("code", sorted(c for c, r in BY_CODE.items() if r["today_support_url"]))
@pytest.mark.parametrize(
    "lang, action",
    [("sv", "Ansök om stöd till kommersiell service"), ("en", "Apply for support to commercial service")],
)
def test_the_first_link_today_is_the_regions_support_page(code, lang, action):
    row = BY_CODE[code]
    today = today_part(card_html(row, lang))
    assert hrefs(today)[0] == escape(row["today_support_url"], quote=True)
    assert re.search(r'<a class="rsp-action" href="[^"]*"[^>]*>' + action + " ↗</a>", today)
    assert escape(row["today_support_title"]) in today  # the page's title, and the kinds it names
    assert all(support_kind_label(k, lang) in today for k in support_kinds(row["today_support_kinds"]))
    assert hrefs(today)[1] == row["today_region_url"]  # then the region's website
    assert ("SFS 2024:1243" in today) == (row["today_support_era"] == "before_2025")


@pytest.mark.parametrize("code", sorted(c for c, r in BY_CODE.items() if not r["today_support_url"]))
def test_without_a_support_page_the_website_comes_first_with_a_hint(code):
    row = BY_CODE[code]
    today = today_part(card_html(row, "sv"))
    assert hrefs(today)[0] == row["today_region_url"] and "rsp-action" not in today
    assert "Sök på regionens webbplats efter ”stöd till kommersiell service”" in today


@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_an_old_number_is_tappable_only_where_that_body_is_todays_region(code):
    row = BY_CODE[code]
    html = card_html(row, "sv")
    tel = re.findall(r'href="tel:([^"]+)"', html)
    if row["org_type"] == "region":
        assert tel == [row["phone_e164"]] and "rsp-outdated" not in html
    else:
        assert tel == [] and "inaktuellt: organisationen ansvarar inte längre" in html
        assert f'<span class="rsp-phone-old">{national_phone(row["phone_e164"], row["phone"])}</span>' in html
    cards = contact_cards_html([row], "en")
    assert ('href="tel:' in cards) == (row["org_type"] == "region")


def test_stockholms_old_lansstyrelse_number_is_text_and_norrbottens_is_a_link():
    assert "tel:+46102231000" not in card_html(BY_CODE["01"], "sv")
    assert "010-223 10 00" in card_html(BY_CODE["01"], "sv")
    assert '<a href="tel:+46920284000">0920-28 40 00</a>' in card_html(BY_CODE["25"], "sv")


def test_a_programme_without_an_address_names_its_source_and_kind():
    row = BY_CODE["19"]  # Västmanland: seen in local news only
    assert row["today_programme_url"] == "" and row["today_source_kind"] == "local_news"
    today = today_part(card_html(row, "en"))
    assert "Serviceprogram för Västmanlands län 2023–2030 <span" in today and "no address of its own" in today
    assert "local news, " in today and hrefs(today)[-1] == row["today_source_url"]
    assert "lokal nyhet" in today_part(card_html(row, "sv"))


def test_a_dead_link_says_so_with_the_day_it_was_checked():
    row = dict(BY_CODE["20"], links_dead="today_support_url=2026-12-01; info_url=2026-11-30")
    sv, en = card_html(row, "sv"), card_html(row, "en")
    assert (
        'Ansök om stöd till kommersiell service ↗</a> <span class="rsp-host">(regiondalarna.se)</span> <span class="rsp-dead"'
        in sv
    )
    assert "fungerade inte vid kontroll 2026-12-01" in sv and "fungerade inte vid kontroll 2026-11-30" in sv
    assert "did not work when checked on 2026-12-01" in en
    assert "fungerade inte" not in card_html(BY_CODE["20"], "sv")
    # an unreadable value never breaks the card (the GeoPackage's load refuses it)
    assert "rsp-dead" not in card_html(dict(row, links_dead=MARKUP), "sv")


def test_a_deceptive_label_shows_the_real_host():
    row = dict(BY_CODE["25"], programme_url="https://evil.example/norrbotten")
    assert "(evil.example)" in card_html(row, "sv")
    cards = contact_cards_html([dict(BY_CODE["09"], today_region_url="https://evil.example/")], "sv")
    assert 'Region Gotland</a> <span class="rsp-host">(evil.example)</span>' in cards


@pytest.mark.parametrize(
    "env, link",
    [
        ({}, None),
        (
            {"RSP_PUBLISHER": "Landsbygdsnätverket", "RSP_REPORT_URL": "https://github.com/x/rsp-kartan/issues"},
            'href="https://github.com/x/rsp-kartan/issues"',
        ),
        ({"RSP_REPORT_URL": "mailto:rattelser@example.se"}, 'href="mailto:rattelser@example.se"'),
        ({"RSP_REPORT_URL": "javascript:alert(1)"}, None),  # refused: the line points to the sources only
        ({"RSP_REPORT_URL": "mailto:x@y.se?body=<script>"}, None),
    ],
)
def test_the_publisher_line_names_who_publishes_and_where_to_report(env, link):
    from geo.render.card import publisher_html

    html = publisher_html("sv", env)
    assert f"Kartan ges ut av {env.get('RSP_PUBLISHER', 'RSP-kartan')}." in html
    assert "Tillväxtverket" in html  # the sources that correct their own part, always
    assert (link in html) if link else ("<a " not in html)


def test_the_publisher_name_is_text():
    from geo.render.card import publisher_html

    html = publisher_html("en", {"RSP_PUBLISHER": '<img src=x onerror="alert(1)">'})
    assert "<img" not in html and "&lt;img" in html


@pytest.mark.parametrize(
    "lang, own, every",
    [
        ("sv", "Länets källa (kontrollerad", "kontrollerade län för län"),
        ("en", "This county's source (checked", "checked county by county"),
    ],
)
def test_the_cards_day_and_the_footers_days_say_what_each_is(lang, own, every):
    """The card said "checked 2026-11-26" and the footer "checked 2026-12-02" (issue 29, point 9): the card
    names its own county's day, the footer the span from the county checked longest ago to the latest."""
    from geo.view.formatting import checked_span

    model = app_model()
    footer = provenance_html(model.meta, lang)
    assert f"{every} {checked_span(model.meta)}" in footer
    for code, row in BY_CODE.items():
        assert escape(f"{own} {row['today_checked']}):") in card_html(row, lang), code
        assert model.meta["today_checked_oldest"] <= row["today_checked"] <= model.meta["today_checked"]
