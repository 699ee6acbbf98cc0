"""Browser tier: a real `streamlit run`, Debian's Chromium, every non-loopback request aborted."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import card, serious, session, streamlit_server, wait_until

pytestmark = pytest.mark.browser


def test_default_view_draws_21_counties_and_legend(browser, server):
    with session(browser, server) as s:
        s.open()
        assert s.paths().count() == 21
        legend = s.page.locator(".rsp-legend")
        for text in ("Länsstyrelse: 6 län", "Region: 14 län", "Samverkansorgan: 1 län"):
            assert legend.get_by_text(text).count() == 1
        assert len(s.full_colour()) == 21
        fills = {p.get_attribute("data-lan"): p.get_attribute("fill") for p in s.paths().all()}
        assert fills["20"] == "#0072B2" and fills["25"] == "#E69F00" and fills["08"] == "#CC79A7"
        # only our own Leaflet: no tiles, no CDN assets
        srcs = s.map.locator("script[src], link[rel=stylesheet]").evaluate_all(
            "els => els.map(e => e.getAttribute('src') || e.getAttribute('href'))")
        assert any(x.endswith("leaflet/leaflet.js") for x in srcs)
        assert all(not x.startswith("http") for x in srcs), srcs
        assert s.map.locator("img.leaflet-tile").count() == 0
        s.paths().nth(0).hover()
        s.screenshot("map-default")
        assert s.exceptions() == 0


def test_hover_shows_county_organisation_and_type(browser, server):
    with session(browser, server) as s:
        s.open()
        s.map.locator('path[data-lan="20"]').hover()
        tip = s.map.locator(".leaflet-tooltip")
        tip.wait_for()
        assert tip.inner_text().split("\n") == ["Dalarnas län", "Länsstyrelsen i Dalarna", "Länsstyrelse"]


def test_click_norrbotten_shows_card_and_updates_url_without_remount(browser, server):
    with session(browser, server) as s:
        s.open()
        frame = next(f for f in s.page.frames if "st_folium" in f.url)
        frame.evaluate("() => { window.__mounted = 'first'; }")
        s.map.locator('path[data-lan="25"]').click()
        c = card(s)
        c.get_by_text("Tomas Olsson Lasu").wait_for()
        assert c.locator(".rsp-org").inner_text() == "Region Norrbotten"
        phone = c.locator(".rsp-phone a")
        assert phone.inner_text() == "0920-28 40 00" and phone.get_attribute("href") == "tel:+46920284000"
        assert c.locator(".rsp-persons li").all_inner_texts() == ["Johanna Lindberg", "Tomas Olsson Lasu"]
        s.wait_params({"lan": ["25"]})
        wait_until(lambda: s.map.locator('path[data-lan="25"][data-selected="1"]').count() == 1, what="highlight")
        assert s.map.locator('path[data-lan="25"]').get_attribute("stroke-width") == "3"
        assert frame.evaluate("() => window.__mounted") == "first", "the map was remounted"
        # the county select follows the map
        select = s.page.get_by_role("combobox", name="Välj län")
        wait_until(lambda: select.input_value() == "Norrbottens län", what="the select to follow the map")
        # a second county, then back: each click counts
        s.map.locator('path[data-lan="20"]').click()
        c.get_by_text("Annika Eriksson").wait_for()
        s.map.locator('path[data-lan="25"]').click()
        c.get_by_text("Johanna Lindberg").wait_for()
        s.wait_params({"lan": ["25"]})
        s.settled()
        s.screenshot("map-norrbotten")
        assert s.exceptions() == 0 and s.errors == []


def test_keyboard_path_select_county(browser, server):
    with session(browser, server) as s:
        s.open()
        box = s.page.get_by_label("Välj län")
        box.focus()
        s.page.keyboard.type("Kalmar")
        s.page.keyboard.press("Enter")
        card(s).get_by_text("Daniel Granello").wait_for()
        s.wait_params({"lan": ["08"]})
        wait_until(lambda: s.map.locator('path[data-lan="08"][data-selected="1"]').count() == 1, what="highlight")


def test_filter_lansstyrelse_dims_the_others(browser, server):
    with session(browser, server) as s:
        s.open()
        s.page.get_by_label("Organisationstyp").click()
        s.page.get_by_role("option", name="Länsstyrelse").click()
        s.page.keyboard.press("Escape")
        s.wait_params({"typ": ["lansstyrelse"]})
        wait_until(lambda: len(s.full_colour()) == 6, what="6 counties at full colour")
        assert s.full_colour() == ["01", "04", "10", "17", "20", "24"]
        wait_until(lambda: s.page.locator(".rsp-matching li").count() == 6, what="6 counties listed under the map")
        # dimmed counties stay clickable
        s.map.locator('path[data-lan="25"]').click(force=True)
        card(s).get_by_text("Tomas Olsson Lasu").wait_for()
        s.wait_params({"lan": ["25"], "typ": ["lansstyrelse"]})
        s.screenshot("map-filter-lansstyrelse")


def test_shared_link_restores_kalmar_in_english(browser, server):
    with session(browser, server) as s:
        s.open("/?lan=08&typ=samverkansorgan&lang=en")
        c = card(s)
        c.get_by_text("Daniel Granello").wait_for()
        assert c.locator("h2").inner_text() == "Kalmar län"
        assert s.page.get_by_role("heading", name="Who was responsible for rural service in your county?").count() == 1
        wait_until(lambda: s.full_colour() == ["08"], what="only Kalmar at full colour")
        assert s.params() == {"lan": ["08"], "typ": ["samverkansorgan"], "lang": ["en"]}
        s.map.locator('path[data-lan="08"]').hover()
        assert s.map.locator(".leaflet-tooltip").inner_text().split("\n")[-1] == "Regional cooperation body"
        share = s.page.locator("a.rsp-share-link")
        assert share.inner_text().endswith("?lan=08&typ=samverkansorgan&lang=en")
        assert share.get_attribute("href") == share.inner_text()
        s.screenshot("map-kalmar-en")


@pytest.mark.parametrize(
    "query",
    ["?lan=99", "?lan=%3Cscript%3Ealert(1)%3C/script%3E", "?typ=;;", "?lan=" + "9" * 10_000,
     "?lan=25&lan=%3Cb%3E&typ=region&typ=x", "?lang=%00&kommun=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E"],
)
def test_hostile_urls_render_without_exception(browser, server, query):
    with session(browser, server) as s:
        s.open("/" + query)
        s.page.get_by_text("Teckenförklaring").wait_for()
        assert s.exceptions() == 0
        assert s.page.locator("text=/kändes inte igen/").count() == 1


def test_hostile_data_stays_text(browser, tmp_path_factory):
    from test_app import HOSTILE  # noqa: F401  (the same hostile strings as the AppTest tier)
    import test_app

    gpkg = test_app.hostile_gpkg.__wrapped__(tmp_path_factory)
    with streamlit_server(env={"RSP_GPKG": str(gpkg)}) as url, session(browser, url) as s:
        s.open("/?lan=25")
        c = card(s)
        c.wait_for()
        assert "<img src=x onerror=\"alert(1)\">" in c.locator(".rsp-org").inner_text()
        assert "Per `rm -rf` ${x}" in c.inner_text()
        assert c.locator("img").count() == 0 and s.page.locator(".rsp-matching img").count() == 0
        s.map.locator('path[data-lan="25"]').hover()
        tip = s.map.locator(".leaflet-tooltip")
        tip.wait_for()
        assert "<img" in tip.inner_text() and tip.locator("img").count() == 0
        s.map.locator('path[data-lan="20"]').click()
        c.get_by_text("Eva").first.wait_for()
        assert s.page.evaluate("() => document.querySelectorAll('img[src=x]').length") == 0
        s.screenshot("map-hostile-data")


def test_map_page_has_no_serious_axe_findings(browser, server):
    with session(browser, server) as s:
        s.open("/?lan=25")
        card(s).wait_for()
        axe = Axe()
        assert serious(axe.run(s.page)) == []
        frame = next(f for f in s.page.frames if "st_folium" in f.url)
        assert serious(axe.run(frame)) == []
