"""Browser tier, issue 28: on a phone a chosen county's card comes first, its first action on the first screen
(live and without JavaScript); the first view's municipality search is a real form the server answers."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from support.browser import ARTIFACTS, MAP_FRAME, serious, session, wait_until

from geo.data.today import read_today
from geo.paths import TODAY_CSV

pytestmark = pytest.mark.browser

PHONES = {"390x844": (390, 844), "360x640": (360, 640)}
SHARED = ["/?lan=25", "/?kommun=2023", "/?lan=09&lang=en"]  # links a person is sent
# the card's first action: the region's page for the support, or its website where there is none (Gotland)
FIRST_ACTION = {r["lan_kod"]: r["support_url"] or r["region_url"] for r in read_today(TODAY_CSV)}
FIRST = "#rsp-first" + " "  # the first view's elements; the live page's are under #root
BOX = "(e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }"
HIT = (
    "([x, y]) => { const e = document.elementFromPoint(x, y); const a = e && e.closest('a');"
    " return a ? a.getAttribute('href') : (e ? e.tagName : null); }"
)


def _lan_of(path: str) -> str:
    return "20" if "kommun=2023" in path else path.split("lan=")[1][:2]


@pytest.mark.parametrize("script", ["live", "no-js"])
@pytest.mark.parametrize("phone", PHONES)
def test_a_shared_county_link_has_the_card_and_its_first_action_on_a_phone_s_first_screen(
    browser, server, phone, script
):
    width, height = PHONES[phone]
    js = script == "live"
    with session(
        browser, server, viewport=(width, height), has_touch=True, is_mobile=True, java_script_enabled=js
    ) as s:
        for path in SHARED:
            s.page.goto(s.server + path)
            if js:
                s.wait_live()
            scope = "#root " if js else FIRST
            card = s.page.locator(scope + ".rsp-card")
            heading, action = card.locator("h2"), card.locator(".rsp-today a").first
            wait_until(lambda a=action: a.count() == 1 and a.evaluate(BOX)[3] > 0, what=f"the action of {path}")
            hx, hy, hw, hh = heading.evaluate(BOX)
            x, y, w, h = action.evaluate(BOX)
            assert hy >= 0 and hy + hh <= height, (path, phone, script, "heading", hy)
            assert y >= 0 and y + h <= height and x >= 0 and x + w <= width, (path, phone, script, "action", x, y)
            expected = FIRST_ACTION[_lan_of(path)]
            # the middle of the link's first line (a wrapped link's box has gaps beside its lines)
            centre = action.evaluate(
                "(e) => { const r = e.getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2]; }"
            )
            assert s.page.evaluate(HIT, centre) == expected, (path, phone, script)
            s.page.screenshot(path=str(ARTIFACTS / f"answer-{script}-{phone}-{path.strip('/?')}.png"))
            with s.page.context.expect_page() as opened:  # target=_blank: a new tab, to the region's page
                s.page.touchscreen.tap(*centre)
            wait_until(
                lambda e=expected: e.rstrip("/") in [u.rstrip("/") for u in s.outside],
                timeout=15,
                what=f"a request to {expected}",
            )
            opened.value.close()
            s.outside.clear()  # the one request that was meant to leave (Chromium here cannot reach it)
        assert s.errors == []


@pytest.mark.parametrize("script", ["live", "no-js"])
def test_on_a_phone_the_card_s_map_link_brings_the_map_onto_the_screen(browser, server, script):
    js = script == "live"
    with session(browser, server, viewport=(390, 844), has_touch=True, is_mobile=True, java_script_enabled=js) as s:
        s.page.goto(s.server + "/?lan=20")
        if js:
            s.wait_live()
        scope = "#root " if js else FIRST
        link = s.page.locator(scope + ".rsp-card p.rsp-to-map a")
        link.scroll_into_view_if_needed()  # the link follows the card's first part; a person scrolls to it
        link.tap()
        target = s.page.locator(f"#root {MAP_FRAME}" if js else FIRST + "svg.rf-map")

        def map_top_on_screen() -> bool:
            top = target.evaluate(BOX)[1]
            return 0 <= top < 844 / 2

        wait_until(map_top_on_screen, what="the map's top on the screen")
        assert "lan=20" in s.page.url
        assert s.page.locator(".rsp-to-map").first.evaluate("e => getComputedStyle(e).display") == "block"
    with session(browser, server, viewport=(1400, 1000), java_script_enabled=js) as s:  # on a desktop: no link
        s.page.goto(s.server + "/?lan=20")
        if js:
            s.wait_live()
        assert s.page.locator(("#root " if js else FIRST) + ".rsp-to-map").evaluate("e => e.offsetHeight") == 0


# typed, the county it shows, words on the page
SEARCHES = [
    ("Malungs kommun", "Dalarnas län", "Malung-Sälen ligger i Dalarnas län"),
    ("Borås stad", "Västra Götalands län", "Borås ligger i Västra Götalands län"),
    ("Gotlands kommun", "Gotlands län", "Gotland ligger i Gotlands län"),
    ("xyzzy", None, "Ingen kommun eller inget län matchar ”xyzzy”"),
]


@pytest.mark.parametrize("size", [(390, 844), (1400, 1000)], ids=["phone", "desktop"])
def test_without_javascript_the_search_form_finds_the_county(browser, server, size):
    phone = size[0] < 500
    options = {"has_touch": True, "is_mobile": True} if phone else {}
    with session(browser, server, viewport=size, java_script_enabled=False, **options) as s:
        s.page.goto(s.server + "/")
        answers: list[str] = []
        for typed, county, words in SEARCHES:
            box = s.page.locator("#rf-sok")
            box.fill(typed)
            box.press("Enter")
            s.page.wait_for_url(lambda url, t=typed: parse_qs(urlsplit(url).query).get("sok") == [t], timeout=15_000)
            wait_until(lambda t=typed: s.page.locator("#rf-sok").input_value() == t, timeout=15, what="the answer")
            text = s.page.locator("#rsp-first").inner_text()
            assert words in text, typed
            card = s.page.locator(FIRST + ".rsp-card h2")
            if county:
                assert card.inner_text() == county
                assert s.page.title().startswith(county)
            else:
                assert card.count() == 0
            answers.append(s.page.url)
            s.page.screenshot(path=str(ARTIFACTS / f"answer-search-nojs-{size[0]}-{typed.split()[0]}.png"))
    # axe needs a script: the same answers with Streamlit's scripts blocked (a script filter), the first view stays
    with session(browser, server, viewport=size, fresh=True, **options) as s:
        s.context.route("**/static/js/**", lambda route: route.abort())
        for url in answers:
            s.page.goto(url, wait_until="load")
            assert s.page.locator("#rsp-first").is_visible()
            results = Axe().run(s.page)
            assert serious(results) == [], (url, serious(results))
        assert s.errors == []


def test_the_live_app_keeps_what_the_first_view_s_search_typed_and_the_view_it_reached(browser, server):
    with session(browser, server, viewport=(390, 844), has_touch=True, is_mobile=True) as s:
        s.page.goto(s.server + "/?sok=Malungs+kommun")
        s.wait_live()
        box = s.page.locator("#root .st-key-rsp-find [data-testid=stTextInputField]")
        wait_until(lambda: box.input_value() == "Malungs kommun", what="the typed text in the live box")
        s.wait_params({"lan": ["20"], "kommun": ["2023"]})
        assert "Malung-Sälen ligger i Dalarnas län" in s.page.locator("#root .st-key-rsp-find").inner_text()
        assert s.page.locator("#root .rsp-card h2").inner_text() == "Dalarnas län"
