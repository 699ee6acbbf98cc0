"""Browser tier for everyday use (issue "A map anyone can use"): scrolling over the map, the map following the
selection, the outline, the phone layout, the document language, embedding and printing."""

from __future__ import annotations

import pytest
from support.browser import ARTIFACTS, MAP_FRAME, card, record_outside, session, wait_until

pytestmark = pytest.mark.browser


def main_scroll(s) -> float:
    return s.page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop")


def test_a_wheel_over_the_map_scrolls_the_page_and_leaves_the_zoom(browser, server):
    with session(browser, server) as s:
        s.open("/")
        before = s.map_view()["zoom"]
        box = s.page.locator(MAP_FRAME).bounding_box()
        s.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 150)
        start = main_scroll(s)
        for _ in range(3):
            s.page.mouse.wheel(0, 300)
        wait_until(lambda: main_scroll(s) > start + 100, what="the page to scroll")
        assert s.map_view()["zoom"] == before
        s.map.locator(".rsp-hint.rsp-show").wait_for()  # the hint says how to zoom
        # with Ctrl held the wheel zooms the map
        s.page.locator(MAP_FRAME).scroll_into_view_if_needed()
        s.page.keyboard.down("Control")
        box = s.page.locator(MAP_FRAME).bounding_box()
        s.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        s.page.mouse.wheel(0, -200)
        s.page.keyboard.up("Control")
        wait_until(lambda: s.map_view()["zoom"] > before, what="Ctrl+wheel to zoom in")


def test_after_a_search_for_ystad_picking_norrbotten_shows_norrbotten(browser, server):
    with session(browser, server) as s:
        s.open("/")
        box = s.page.get_by_label("Hitta ditt län från din kommun")
        box.fill("Ystad")
        box.press("Enter")
        s.page.get_by_text("Ystad ligger i Skåne län.").wait_for()
        wait_until(lambda: s.map_view()["fitKey"] == "kommun:1286", what="the map to fit Ystad")
        select = s.page.get_by_role("combobox", name="Välj län")
        select.click()
        s.page.get_by_role("option", name="Norrbottens län").click()
        card(s).get_by_text("Tomas Olsson Lasu").wait_for()
        wait_until(lambda: s.map_view()["fitKey"] == "lan:25", what="the map to fit Norrbotten")
        # Norrbotten fills the map's view: its polygon is inside the map frame
        frame_box = s.page.locator(MAP_FRAME).bounding_box()
        path = s.map.locator('path[data-lan="25"]').bounding_box()
        assert path["width"] > frame_box["width"] * 0.3 or path["height"] > frame_box["height"] * 0.5
        assert frame_box["x"] - 5 <= path["x"] and path["x"] + path["width"] <= frame_box["x"] + frame_box["width"] + 5
        s.settled()
        s.screenshot("map-ystad-then-norrbotten")


def test_a_kommun_link_opens_zoomed_with_a_visible_outline(browser, server):
    with session(browser, server) as s:
        s.open("/?kommun=2023")
        wait_until(lambda: s.map_view()["fitKey"] == "kommun:2023", what="the map to fit Malung-Sälen")
        assert s.map_view()["zoom"] >= 7
        outline = s.map.locator('.leaflet-rspOutlines-pane path[stroke-dasharray="6 4"]')
        wait_until(lambda: outline.count() == 1, what="the outline")
        # drawn above the county fills: its pane is stacked over the overlay pane
        z = s.map.locator(".leaflet-rspOutlines-pane").evaluate("el => +getComputedStyle(el).zIndex")
        assert z > s.map.locator(".leaflet-overlay-pane").evaluate("el => +getComputedStyle(el).zIndex")
        assert outline.get_attribute("stroke") == "#000000" and float(outline.get_attribute("stroke-width")) >= 3
        s.page.locator(MAP_FRAME).scroll_into_view_if_needed()
        s.page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "map-kommun-2023-outline.png"))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_phone_map_in_first_screen_and_a_tap_brings_the_support_link(browser, server, lang):
    with session(browser, server, viewport=(390, 844)) as s:
        s.open("/" if lang == "sv" else "/?lang=en")
        frame = s.page.locator(MAP_FRAME).bounding_box()
        assert frame["y"] < 844 - 200, f"the map starts at {frame['y']:.0f} px"
        heading = s.page.locator("h1").bounding_box()
        assert heading["height"] < 130  # two or three lines, no word broken across lines
        s.screenshot(f"phone-first-screen-{lang}")
        s.county("20").click()
        # what to do today comes into view: the region's page for applying for support
        action = card(s).locator("a.rsp-action")
        action.wait_for()
        wait_until(
            lambda: action.bounding_box()["y"] >= 0 and action.bounding_box()["y"] + 20 <= 844,
            what="the support link in view after the tap",
        )
        s.screenshot(f"phone-after-tap-{lang}")


def test_document_language_follows_the_choice(browser, server):
    with session(browser, server) as s:
        s.open("/")
        wait_until(lambda: s.page.evaluate("document.documentElement.lang") == "sv", what="lang=sv")
        s.page.get_by_role("radiogroup", name="Språk").get_by_text("English").click()
        wait_until(lambda: s.page.evaluate("document.documentElement.lang") == "en", what="lang=en")
        s.page.goto(s.server + "/kontakter?lang=en")
        wait_until(lambda: s.page.evaluate("document.documentElement.lang") == "en", what="lang=en on contacts")


@pytest.mark.parametrize("size", [(1400, 1000), (390, 844)])
def test_embed_shows_only_the_map_the_legend_and_the_card(browser, server, size):
    with session(browser, server, viewport=size) as s:
        s.open("/?lan=25&embed=true")
        card(s).locator(".rsp-region").get_by_text("Region Norrbotten").wait_for()  # today's contact (compact card)
        s.page.locator(".rsp-legend").wait_for()
        sidebar = s.page.locator('[data-testid="stSidebar"]')
        assert sidebar.count() == 0 or not sidebar.is_visible()
        assert s.page.locator("h1").count() == 0 and s.page.locator(".rsp-matching").count() == 0
        assert s.page.get_by_label("Välj län").count() == 0 and s.page.locator(".rsp-share").count() == 0
        assert "listan" not in s.page.locator(".rsp-map-alt").inner_text()  # no list in the embed view
        s.screenshot(f"embed-{size[0]}")
        # a click in the embedded map changes the card and stays embedded
        s.all_of_sweden()
        s.county("20").click()
        card(s).locator(".rsp-region").get_by_text("Region Dalarna").wait_for()
        wait_until(lambda: "embed=true" in s.url() and "lan=20" in s.url(), what=f"an embedded ?lan=20, have {s.url()}")
        assert s.page.locator("h1").count() == 0


def test_print_has_no_sidebar_and_the_map_above_the_card(browser, server):
    with session(browser, server) as s:
        s.open("/?lan=25")
        card(s).get_by_text("Tomas Olsson Lasu").wait_for()
        s.settled()
        s.page.emulate_media(media="print")
        assert not s.page.locator('[data-testid="stSidebar"]').is_visible()
        frame = s.page.locator(MAP_FRAME).bounding_box()
        c = card(s).bounding_box()
        assert frame["y"] + frame["height"] <= c["y"] + 1, "the card overlaps the map"
        listing = s.page.locator(".rsp-matching").bounding_box()
        assert c["y"] + c["height"] <= listing["y"] + 1, "the card overlaps the list under it"
        width = s.page.evaluate("() => document.documentElement.clientWidth")
        overflow = s.page.evaluate(
            """w => [...document.querySelectorAll('.rsp-card, .rsp-card *, .rsp-matching, h1, p')]
            .filter(e => e.getBoundingClientRect().right > w + 1).length""",
            width,
        )
        assert overflow == 0
        pdf = ARTIFACTS / "print-norrbotten.pdf"
        s.page.pdf(path=str(pdf), format="A4", print_background=True)
        assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


def test_contacts_table_shows_all_rows_on_a_desktop_and_cards_on_a_phone(browser, server):
    with session(browser, server) as s:
        s.open("/kontakter", wait_map=False)
        tables = s.page.locator(".rsp-tables")
        tables.wait_for()
        assert s.page.locator(".rsp-table tbody tr").count() == 42  # 21 today and 21 in 2014–2020, no inner scroll
        assert not s.page.locator(".rsp-contact-cards").is_visible()
        s.screenshot("contacts-desktop")
    with session(browser, server, viewport=(390, 844)) as s:
        s.open("/kontakter", wait_map=False)
        cards = s.page.locator(".rsp-contact-cards li")
        cards.first.wait_for()
        assert cards.count() == 21 and not s.page.locator(".rsp-tables").is_visible()
        # a tappable number only where that organisation is today's region (14); the other 7 are text
        assert s.page.locator('.rsp-contact-cards a[href^="tel:+46"]').count() == 14
        assert s.page.locator(".rsp-contact-cards .rsp-phone-old").count() == 7
        width = s.page.evaluate("() => document.documentElement.clientWidth")
        assert all(b["x"] + b["width"] <= width + 1 for b in (cards.nth(i).bounding_box() for i in range(3)))
        s.screenshot("contacts-phone")


def test_keyboard_only_reaches_the_support_link_in_ten_key_presses(browser, server):
    with session(browser, server) as s:
        s.open("/")
        presses = 0

        def press(key: str) -> None:
            nonlocal presses
            presses += 1
            s.page.keyboard.press(key)

        def focused_href() -> str:
            return s.page.evaluate("() => document.activeElement.getAttribute('href') || ''")

        press("Tab")  # Streamlit's "Skip to main content"
        press("Enter")
        press("Tab")  # the municipality search
        press("Tab")  # the county select
        assert s.page.evaluate("() => document.activeElement.getAttribute('aria-label') || ''").startswith(
            "Välj län"
        ) or s.page.get_by_role("combobox", name="Välj län").evaluate("el => el === document.activeElement")
        press("ArrowDown")  # opens the list on its first county
        press("Enter")
        support = card(s).locator("a.rsp-action")  # the first county, Stockholm: its region's support page
        support.wait_for()
        target = support.get_attribute("href")
        while focused_href() != target and presses < 10:
            press("Tab")
            # focus is always visible: the focused element draws an outline
            outline = s.page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus on {focused_href()}"
        assert focused_href() == target, f"no support link after {presses} key presses"
        assert presses <= 10


def test_back_after_three_clicks_returns_through_the_counties_to_the_first_view(browser, server):
    with session(browser, server) as s:
        s.open("/")
        # neighbouring counties: each stays in view after the map fits the one before
        for code in ("20", "21", "22"):
            s.click_visible(code)
            s.wait_params({"lan": [code]})
            card(s).locator(f'xpath=self::*[@data-lan="{code}"]').wait_for()
        for code in ("21", "20"):
            s.page.go_back()
            s.wait_params({"lan": [code]})
            card(s).locator(f'xpath=self::*[@data-lan="{code}"]').wait_for()
            wait_until(
                lambda code=code: s.map.locator(f'path[data-lan="{code}"][data-selected="1"]').count() == 1,
                what=f"the map to show {code} again",
            )
        s.page.go_back()
        s.wait_params({})
        s.page.get_by_text("Inget län valt. Klicka på kartan eller välj ett län i listan.").wait_for()
        wait_until(lambda: s.map.locator('path[data-selected="1"]').count() == 0, what="no county selected")
        s.page.go_forward()
        s.wait_params({"lan": ["20"]})
        card(s).locator('xpath=self::*[@data-lan="20"]').wait_for()


def test_on_a_touch_screen_one_finger_scrolls_the_page_and_two_move_the_map(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    outside: list[str] = []
    record_outside(context, server, outside)
    try:
        page = context.new_page()
        page.goto(server + "/")
        frame_locator = page.frame_locator(MAP_FRAME)
        wait_until(lambda: frame_locator.locator("path.leaflet-interactive").count() == 21, what="the map")
        frame = next(f for f in page.frames if "st_folium" in f.url)
        # one-finger drags are left to the page (it scrolls); Leaflet's two-finger gesture pans and zooms
        gestures = frame.evaluate("() => window.rspMap.view()")
        assert gestures["dragging"] is False
        assert gestures["touchZoom"] is True
        touch_action = "() => getComputedStyle(document.querySelector('.leaflet-container')).touchAction"
        # the class that sets it comes with the gesture handling, a moment after the counties are drawn
        wait_until(lambda: "pan-y" in frame.evaluate(touch_action), timeout=15, what="touch-action pan-y on the map")
        frame.evaluate("""() => { const c = document.querySelector('.leaflet-container');
            const t = new Touch({identifier: 1, target: c, clientX: 100, clientY: 100});
            c.dispatchEvent(new TouchEvent('touchmove', {touches: [t], bubbles: true})); }""")
        frame_locator.locator(".rsp-hint.rsp-show").wait_for()
        assert "två fingrar" in frame_locator.locator(".rsp-hint").inner_text()
        assert outside == []
    finally:
        context.close()


# --- unknown addresses (issue 29, point 7) ---------------------------------------------------------------


@pytest.mark.parametrize("path", ["/foo", "/om/x", "/kontakter.php", "/wp-login.php?lan=25", "/Karta?lang=en"])
def test_an_unknown_address_is_a_404_over_http(server, path):
    """Streamlit answered /foo with its "Page not found" and 200 (a soft 404): the status is 404 over HTTP,
    with the guard's page in the chosen language and a link back to the map."""
    import urllib.error
    import urllib.request

    try:
        urllib.request.urlopen(server + path, timeout=20)
        raise AssertionError(f"{path} answered 2xx")
    except urllib.error.HTTPError as err:
        status, body = err.code, err.read().decode("utf-8")
    assert status == 404
    english = "lang=en" in path
    assert ("Page not found" if english else "Sidan finns inte") in body
    assert 'href="/' in body


def test_an_unknown_address_shows_the_guards_page_in_the_browser(browser, server):
    with session(browser, server, viewport=(390, 844), has_touch=True, is_mobile=True) as s:
        response = s.page.goto(server + "/foo")
        assert response.status == 404
        s.page.get_by_role("heading", name="Sidan finns inte").wait_for()
        link = s.page.get_by_role("link", name="Till kartan")
        assert link.bounding_box()["y"] < 640  # the way back to the map, on the first screen
        link.click()
        s.page.locator("h1").first.wait_for()
        assert s.page.evaluate("location.pathname") == "/"
