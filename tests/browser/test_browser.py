"""Browser tier: a real `streamlit run`, Debian's Chromium, every non-loopback request aborted."""

from __future__ import annotations

from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe
from support.browser import ARTIFACTS, card, serious, session, wait_until

from geo.data.today import STATUS_CLASS, STATUS_CLASSES, read_today
from geo.paths import TODAY_CSV
from geo.render.palette import STATUS_COLOURS

pytestmark = pytest.mark.browser


def legend_counts(s) -> dict[str, int]:
    items = s.page.locator(".rsp-legend li")
    return {
        items.nth(i).get_attribute("data-type"): int(items.nth(i).inner_text().split(": ")[-1].split()[0])
        for i in range(items.count())
    }


def test_default_view_colours_by_todays_programme_status(browser, server):
    with session(browser, server) as s:
        s.open()
        assert s.paths().count() == 21
        wait_until(lambda: s.map.locator('path[data-period="idag"]').count() == 21, what="the idag colouring")
        counts = legend_counts(s)
        expected = Counter(STATUS_CLASS[r["programme_status"]] for r in read_today(TODAY_CSV))
        assert counts == {c: expected.get(c, 0) for c in STATUS_CLASSES} and sum(counts.values()) == 21
        fills = {p.get_attribute("data-lan"): p.get_attribute("fill") for p in s.paths().all()}
        assert Counter(fills.values()) == Counter({STATUS_COLOURS[c]: n for c, n in counts.items() if n})
        today = {r["lan_kod"]: r for r in read_today(TODAY_CSV)}
        assert all(fills[code] == STATUS_COLOURS[STATUS_CLASS[r["programme_status"]]] for code, r in today.items())
        s.screenshot("map-default-idag")
        assert s.exceptions() == 0


@pytest.mark.parametrize("viewport", [(1400, 1000), (1000, 800), (800, 800), (390, 844)], ids=lambda v: str(v[0]))
def test_orebros_card_says_the_class_its_map_colour_and_legend_say(browser, server, viewport):
    """Örebro was green ("Antaget program") on the map and "Period ej angiven" on its card, with a legend class
    of its own (issue 29, point 2): the card names the map's class with the legend's colour and words."""
    options = {"has_touch": True, "is_mobile": True} if viewport[0] < 500 else {}
    with session(browser, server, viewport=viewport, **options) as s:
        s.open("/?lan=18")
        shown = card(s).locator(".rsp-today-class")
        key = shown.get_attribute("data-class")
        assert key == STATUS_CLASS[read_status("18")]
        fill = s.map.locator('path[data-lan="18"]').get_attribute("fill")
        legend = s.page.locator(f'.rsp-legend li[data-type="{key}"]')
        swatch = "el => getComputedStyle(el.querySelector('.rsp-swatch')).backgroundColor"
        assert shown.evaluate(swatch) == legend.evaluate(swatch) == rgb(STATUS_COLOURS[key]) == rgb(fill)
        assert legend.inner_text().split(":")[0] == shown.inner_text().strip()
        s.screenshot(f"map-orebro-class-{viewport[0]}")


def read_status(code: str) -> str:
    return next(r["programme_status"] for r in read_today(TODAY_CSV) if r["lan_kod"] == code)


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i : i + 2], 16) for i in (0, 2, 4)))


def test_history_view_draws_21_counties_and_legend(browser, server):
    with session(browser, server) as s:
        s.open("/?period=2014-2020")
        assert s.paths().count() == 21
        legend = s.page.locator(".rsp-legend")
        for text in ("Länsstyrelse: 6 län", "Region: 14 län", "Samverkansorgan: 1 län"):
            assert legend.get_by_text(text).count() == 1
        assert len(s.full_colour()) == 21
        wait_until(lambda: s.map.locator('path[data-period="2014-2020"]').count() == 21, what="the 2014-2020 colouring")
        fills = {p.get_attribute("data-lan"): p.get_attribute("fill") for p in s.paths().all()}
        assert fills["20"] == "#0072B2" and fills["25"] == "#E69F00" and fills["08"] == "#CC79A7"
        # only our own Leaflet: no tiles, no CDN assets
        srcs = s.map.locator("script[src], link[rel=stylesheet]").evaluate_all(
            "els => els.map(e => e.getAttribute('src') || e.getAttribute('href'))"
        )
        assert any("/app/static/leaflet/leaflet.js?v=" in x for x in srcs)
        assert all(not x.startswith("http") for x in srcs), srcs
        assert s.map.locator("img.leaflet-tile").count() == 0
        s.paths().nth(0).hover()
        s.screenshot("map-default")
        assert s.exceptions() == 0


@pytest.mark.parametrize(
    "path, lines",
    [
        ("/?period=2014-2020", ["Dalarnas län", "Länsstyrelsen i Dalarna", "Länsstyrelse"]),
        ("/", ["Dalarnas län", "Region Dalarna", "Antaget program"]),
        ("/?lang=en", ["Dalarnas län", "Region Dalarna", "Adopted programme"]),
    ],
)
def test_hover_shows_county_organisation_and_type_or_status(browser, server, path, lines):
    with session(browser, server) as s:
        s.open(path)
        s.county("20").hover()
        tip = s.map.locator(".leaflet-tooltip")
        tip.wait_for()
        assert tip.inner_text().split("\n") == lines
        assert tip.bounding_box()["height"] < 90  # three short lines, not a word a line


def test_click_norrbotten_shows_card_and_updates_url_without_remount(browser, server):
    with session(browser, server) as s:
        s.open()
        frame = next(f for f in s.page.frames if "st_folium" in f.url)
        frame.evaluate("() => { window.__mounted = 'first'; }")
        s.county("25").click()
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
        # the map fits the clicked county; "Hela Sverige" zooms out again (and is part of the link)
        wait_until(lambda: s.map_view()["fitKey"] == "lan:25", what="the map to fit Norrbotten")
        s.all_of_sweden()
        s.wait_params({"lan": ["25"], "zoom": ["sverige"]})
        assert frame.evaluate("() => window.__mounted") == "first", "the map was remounted"
        # a second county, then back: each click counts
        s.county("20").click()
        c.get_by_text("Annika Eriksson").wait_for()
        s.wait_params({"lan": ["20"]})
        s.all_of_sweden()
        s.county("25").click()
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
        s.page.get_by_label("Ansvarig 2014–2020 (organisationstyp)").click()
        s.page.get_by_role("option", name="Länsstyrelse").click()
        s.page.keyboard.press("Escape")
        s.wait_params({"typ": ["lansstyrelse"], "period": ["idag"]})
        wait_until(lambda: len(s.full_colour()) == 6, what="6 counties at full colour")
        assert s.full_colour() == ["01", "04", "10", "17", "20", "24"]
        wait_until(lambda: s.page.locator(".rsp-matching li").count() == 6, what="6 counties listed under the map")
        # dimmed counties stay clickable
        s.county("25").click(force=True)
        card(s).get_by_text("Tomas Olsson Lasu").wait_for()
        s.wait_params({"lan": ["25"], "typ": ["lansstyrelse"], "period": ["idag"]})
        s.screenshot("map-filter-lansstyrelse")


def test_shared_link_restores_kalmar_in_english(browser, server):
    with session(browser, server) as s:
        s.open("/?lan=08&typ=samverkansorgan&lang=en")
        c = card(s)
        c.get_by_text("Daniel Granello").wait_for()
        assert c.locator("h2").inner_text() == "Kalmar län"
        assert s.page.get_by_role("heading", name="Who was responsible for rural service in your county?").count() == 1
        wait_until(lambda: s.full_colour() == ["08"], what="only Kalmar at full colour")
        # a filtered link from before the period switch keeps its 2014–2020 map, now named in the URL
        s.wait_params({"lan": ["08"], "typ": ["samverkansorgan"], "lang": ["en"], "period": ["2014-2020"]})
        s.county("08").hover()
        assert s.map.locator(".leaflet-tooltip").inner_text().split("\n")[-1] == "Regional cooperation body"
        share = s.page.locator("a.rsp-share-link")
        # the whole address, a "/" before "?" (issue 29, point 6)
        assert share.inner_text() == server + "/?lan=08&typ=samverkansorgan&lang=en&period=2014-2020"
        assert share.get_attribute("href") == share.inner_text()
        s.screenshot("map-kalmar-en")


@pytest.mark.parametrize("viewport", [(1400, 1000), (1000, 800), (800, 800), (390, 844)], ids=lambda v: str(v[0]))
def test_copy_button_copies_the_view_and_the_copy_reopens_it(browser, server, viewport):
    with session(
        browser, server, viewport=viewport, fresh=True, permissions=["clipboard-read", "clipboard-write"]
    ) as s:
        s.open("/?lan=12&period=idag&lang=en")
        s.settled()
        button = s.page.locator("button.rsp-copy")
        assert button.inner_text() == "Copy link"
        button.click()  # at the end of the page: a person scrolls down to the link they want to share
        wait_until(lambda: button.inner_text() == "Copied ✓", what="the button to say the link is copied")
        copied = s.page.evaluate("navigator.clipboard.readText()")
        assert copied == server + "/?lan=12&lang=en" == s.share_link()  # Idag is the default view
        link_box, button_box = s.page.locator("a.rsp-share-link").bounding_box(), button.bounding_box()
        assert button_box["x"] + button_box["width"] <= viewport[0], "the copy button is cut at the right"
        assert button_box["y"] >= link_box["y"] - 8, "the button sits beside or under the link"
        s.screenshot(f"share-copy-{viewport[0]}")
        s.page.goto(copied)
        s.wait_for_map()
        s.wait_params({"lan": ["12"], "lang": ["en"]})
        assert card(s).get_attribute("data-lan") == "12"


@pytest.mark.parametrize(
    "query",
    [
        "?lan=99",
        "?lan=%3Cscript%3Ealert(1)%3C/script%3E",
        "?typ=;;",
        "?lan=" + "9" * 10_000,
        "?lan=25&lan=%3Cb%3E&typ=region&typ=x",
        "?lang=%00&kommun=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
    ],
)
def test_hostile_urls_render_without_exception(browser, server, query):
    with session(browser, server) as s:
        s.open("/" + query)
        s.page.locator(".rsp-legend").wait_for()
        assert s.exceptions() == 0
        assert s.page.locator("text=/kändes inte igen/").count() == 1


def test_hostile_data_stays_text(browser, hostile_server):
    with session(browser, hostile_server) as s:
        s.open("/?lan=25&period=2014-2020")  # the view whose tooltip names the 2014–2020 organisation
        c = card(s)
        c.wait_for()
        assert '<img src=x onerror="alert(1)">' in c.locator(".rsp-org").inner_text()
        assert "Per `rm -rf` ${x}" in c.inner_text()
        assert c.locator("img").count() == 0 and s.page.locator(".rsp-matching img").count() == 0
        s.county("25").hover()
        tip = s.map.locator(".leaflet-tooltip")
        tip.wait_for()
        assert "<img" in tip.inner_text() and tip.locator("img").count() == 0
        s.all_of_sweden()
        s.county("20").click()
        c.get_by_text("Eva").first.wait_for()
        assert s.page.evaluate("() => document.querySelectorAll('img[src=x]').length") == 0
        s.screenshot("map-hostile-data")


@pytest.mark.parametrize(
    "query", ["/?lan=25", "/?lan=25&lang=en", "/?lan=01&period=2014-2020", "/?kommun=2023&lang=en"]
)
def test_map_page_has_no_serious_axe_findings(browser, server, query):
    with session(browser, server) as s:
        s.open(query)
        card(s).wait_for()
        axe = Axe()
        assert serious(axe.run(s.page)) == []
        frame = next(f for f in s.page.frames if "st_folium" in f.url)
        assert serious(axe.run(frame)) == []


def test_today_link_restores_in_a_fresh_browser_and_card_leads_with_today(browser, server):
    for size, name in (((1400, 1000), "desktop"), ((390, 844), "phone")):
        with session(browser, server, viewport=size, fresh=True) as s:
            s.open("/?lan=25&period=idag&lang=en")
            c = card(s)
            c.locator(".rsp-today").wait_for()
            # idag is the default, so the canonical address leaves it out
            s.wait_params({"lan": ["25"], "lang": ["en"]})
            assert c.locator("h2").inner_text() == "Norrbottens län"
            today = c.locator(".rsp-today")
            assert today.locator("h3").inner_text() == "Contact today"
            assert today.locator(".rsp-region").inner_text() == "Region Norrbotten"
            # the action first: the region's page for applying for support, then its website
            links = today.locator("a")
            assert (
                links.nth(0).get_attribute("href")
                == "https://utvecklanorrbotten.se/foretagsstod/kommersiell-service/servicebidrag/"
            )
            assert links.nth(0).inner_text() == "Apply for support to commercial service ↗"
            assert links.nth(1).get_attribute("href") == "https://www.norrbotten.se"
            assert "Regionalt serviceprogram (RSP) för Norrbotten" in today.inner_text()
            assert today.locator('a[href^="tel:"]').count() == 0
            history = c.locator(".rsp-history")
            assert history.locator("h3").inner_text() == "Responsible in 2014–2020"
            assert history.locator('a[href="tel:+46920284000"]').count() == 1
            # the today section comes first on screen
            assert today.bounding_box()["y"] < history.bounding_box()["y"]
            wait_until(
                lambda: s.map.locator('path[data-lan="25"][data-selected="1"][data-period="idag"]').count() == 1,
                what="Norrbotten highlighted in the idag colouring",
            )
            assert s.page.locator(".rsp-legend").get_attribute("data-period") == "idag"
            assert (
                s.page.get_by_role("heading", name="Whom do you contact about rural service in your county?").count()
                == 1
            )
            s.settled()
            s.screenshot(f"map-norrbotten-idag-en-{name}")
            c.screenshot(path=str(ARTIFACTS / f"card-norrbotten-idag-en-{name}.png"))
            assert s.exceptions() == 0 and s.errors == []


def test_period_switch_recolours_the_mounted_map(browser, server):
    with session(browser, server) as s:
        s.open("/?lan=01")
        frame = next(f for f in s.page.frames if "st_folium" in f.url)
        frame.evaluate("() => { window.__mounted = 'first'; }")
        c = card(s)
        c.locator(".rsp-today .rsp-region").get_by_text("Region Stockholm").wait_for()
        assert "010-223 10 00" in c.locator(".rsp-history").inner_text()
        s.page.get_by_role("radiogroup", name="Kartan visar").get_by_text("2014–2020").click()
        s.wait_params({"lan": ["01"], "period": ["2014-2020"]})
        wait_until(
            lambda: s.map.locator('path[data-lan="20"]').get_attribute("fill") == "#0072B2", what="org-type colours"
        )
        s.page.locator('.rsp-legend[data-period="2014-2020"]').wait_for()
        assert frame.evaluate("() => window.__mounted") == "first", "the map was remounted"
        s.settled()
        s.screenshot("map-stockholm-2014-2020")


def test_a_click_is_sent_once_and_a_page_link_right_after_it_is_followed(browser, server):
    """The map component's own click handler would send the clicked county again 250 ms later, geometry
    and all (app_pages/_map_component.js stops that); that second rerun used to undo a page switch made
    in between."""
    with session(browser, server) as s:
        s.open("/")
        s.click_visible("20")
        s.page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Alla kontakter").click()
        s.page.get_by_role("heading", name="Alla kontakter").wait_for()
        s.page.get_by_role("button", name="CSV", exact=True).wait_for()
        assert "/kontakter" in s.url()
        s.open("/")
        s.click_visible("25")
        card(s).filter(has_text="Norrbottens län").wait_for()
        frame = next(f for f in s.page.frames if "st_folium" in f.url)
        stored = frame.evaluate("() => window.__GLOBAL_DATA__.last_active_drawing")
        assert stored["geometry"] is None and stored["properties"]["lan_kod"] == "25"


SUPPORT = {r["lan_kod"]: r["support_url"] for r in read_today(TODAY_CSV)}


def test_who_to_call_today_leads_with_the_support_page_and_never_offers_an_outdated_number(browser, server):
    """Issue 17 in a real browser, at desktop and phone size: Dalarna's first link under "Kontakta idag" is
    the region's support page (it opens in a new tab), Gotland's is the website with a hint, Stockholm's
    old Länsstyrelse number is text, Norrbotten's (the same body today) is still a tel: link."""
    for size, name in (((1400, 1000), "desktop"), ((390, 844), "phone")):
        with session(browser, server, viewport=size) as s:
            s.open("/?lan=20")
            today = card(s).locator(".rsp-today")
            action = today.locator("a").first
            action.wait_for()
            assert (
                action.get_attribute("href") == SUPPORT["20"]
                and action.inner_text() == "Ansök om stöd till kommersiell service ↗"
            )
            assert action.get_attribute("target") == "_blank"
            assert "Stöd till kommersiell service från Region Dalarna" in today.inner_text()
            assert s.page.locator('a[href^="tel:"]').count() == 0  # Länsstyrelsen i Dalarna's number is history
            assert "inaktuellt" in card(s).locator(".rsp-phone").inner_text()
            if name == "desktop":  # the card stands beside the map on the first screen: click where a person would
                # on its text (a link that wraps has a box larger than its text): the first line's rectangle
                box = action.evaluate(
                    "a => { const r = a.getClientRects()[0]; return {x: r.x, y: r.y, width: r.width, height: r.height}; }"
                )
                assert box["y"] + box["height"] <= size[1], f"the action is below the first screen ({box['y']:.0f} px)"
                with s.page.expect_popup() as popup:
                    s.page.mouse.click(box["x"] + 20, box["y"] + box["height"] / 2)
                # the new tab asks for the region's page (aborted here: tests never leave the loopback origin)
                wait_until(lambda: s.outside == [SUPPORT["20"]], what="the support page asked for in the new tab")
                s.outside.clear()  # the one outside request this test makes on purpose
                popup.value.close()
            s.settled()
            card(s).screenshot(path=str(ARTIFACTS / f"card-dalarna-support-{name}.png"))

            s.open("/?lan=09&lang=en")
            today = card(s).locator(".rsp-today")
            today.locator(".rsp-support-none").wait_for()
            assert today.locator("a").first.get_attribute("href") == "https://www.gotland.se"
            assert "Search the region's website for" in today.inner_text()
            card(s).screenshot(path=str(ARTIFACTS / f"card-gotland-no-support-page-{name}.png"))

            s.open("/?lan=01")
            card(s).locator(".rsp-phone-old").wait_for()
            assert s.page.locator('a[href^="tel:"]').count() == 0
            assert "010-223 10 00" in card(s).locator(".rsp-phone").inner_text()

            s.open("/?lan=25")
            card(s).locator('.rsp-phone a[href="tel:+46920284000"]').wait_for()
            assert card(s).locator(".rsp-outdated").count() == 0
            assert s.exceptions() == 0 and s.errors == []
