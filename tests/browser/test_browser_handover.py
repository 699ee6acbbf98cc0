"""Browser tier, issue 28 (points 3 and 4): a click in the first view before the live app has taken over is
shown at once and kept by the live app, without a second page load; Back after three county clicks returns
to the second county, in the live app and in the first view, and the title follows the view.

The live app is held back by holding Streamlit's main script (its request is answered only when the test
lets it go), so "before the hand-over" is a state the test controls, not a race."""

from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, urlsplit

import pytest
from support.browser import session, wait_until

pytestmark = pytest.mark.browser

NAMES = {"01": "Stockholms län", "09": "Gotlands län", "20": "Dalarnas län", "25": "Norrbottens län"}
FIRST_CARD = "#rsp-first .rsp-card h2"
LIVE_CARD = "#root .rsp-card h2"
MARK = "window.rspNoReload = true"  # set once; a page load would lose it


@contextlib.contextmanager
def held_live_app(s):
    """Hold Streamlit's main script until ``release()`` is called: the first view alone is on the page."""
    held, free = [], []

    def hold(route):
        if free:
            route.continue_()
        else:
            held.append(route)

    s.context.route("**/static/js/index.*.js", hold)

    def release():
        free.append(True)
        for route in held:
            route.continue_()

    try:
        yield release
    finally:
        free.append(True)
        for route in held:
            with contextlib.suppress(Exception):
                route.continue_()


def _first_view_card(s, code: str) -> None:
    wait_until(
        lambda: s.page.locator(FIRST_CARD).count() == 1 and NAMES[code] in s.page.locator(FIRST_CARD).inner_text(),
        what=f"the first view's card of {code}",
    )


def _params(s) -> dict:
    return parse_qs(urlsplit(s.page.evaluate("location.href")).query)


def _tap_in_first_view(s, selector: str) -> None:
    """Press a first-view link where a person sees it: on the first screen, no scrolling before."""
    link = s.page.locator(selector).first
    box = link.bounding_box()
    width, height = s.page.evaluate("[innerWidth, innerHeight]")
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width, box
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    if s.context_options.get("has_touch"):
        s.page.touchscreen.tap(x, y)
    else:
        s.page.mouse.click(x, y)


def _choose_county(s, code: str) -> None:
    """The first view's county select and its "Visa" button, where a person finds them on the first screen."""
    s.page.locator("#rsp-first #rf-lan").select_option(code)
    _tap_in_first_view(s, "#rsp-first .rf-lanform button")


# what a person presses in the first view, on the first screen: (size, viewport, action, the address's change)
PRESSES = [
    ("desktop", (1400, 1000), "/", "county on the map", {"lan": ["25"]}),
    ("desktop", (1400, 1000), "/?lan=25", "period switch", {"lan": ["25"], "period": ["2014-2020"]}),
    ("phone", (390, 844), "/?lan=25", "language link", {"lan": ["25"], "lang": ["en"]}),
    ("small-phone", (360, 640), "/?lan=25", "language link", {"lan": ["25"], "lang": ["en"]}),
]


@pytest.mark.parametrize("size, viewport, start, action, expected", PRESSES)
def test_a_press_before_the_hand_over_is_shown_at_once_and_kept_by_the_live_app(
    browser, server, size, viewport, start, action, expected
):
    touch = {"has_touch": True, "is_mobile": True} if "phone" in size else {}
    with session(browser, server, viewport=viewport, fresh=True, **touch) as s, held_live_app(s) as release:
        s.page.goto(s.server + start, wait_until="commit")
        s.page.locator("#rsp-first svg").wait_for()
        s.page.evaluate(MARK)
        if action == "county on the map":
            _tap_in_first_view(s, '#rsp-first svg a[data-lan="25"] path')
        elif action == "period switch":
            _tap_in_first_view(s, '#rsp-first .rf-switch a[href*="period=2014-2020"]')
        else:
            _tap_in_first_view(s, "#rsp-first .rf-top a")
        # the new view at once, from the server, in place of the old one: the address and the title follow
        wait_until(lambda: {k: v for k, v in _params(s).items() if k in expected} == expected, what="the address")
        code = expected["lan"][0]
        _first_view_card(s, code)
        lang = expected.get("lang", ["sv"])[0]
        wait_until(lambda: s.page.evaluate("document.documentElement.lang") == lang, what="the page's language")
        if "period" in expected:
            current = s.page.locator('#rsp-first .rf-switch a[aria-current="true"]')
            wait_until(lambda: current.get_attribute("href").find("period=2014-2020") >= 0, what="the switch")
        assert s.page.title().startswith(NAMES[code])
        assert s.page.locator(LIVE_CARD).count() == 0  # still the first view: the live app is held
        release()
        s.wait_live()
        wait_until(lambda: NAMES[code] in s.page.locator(LIVE_CARD).inner_text(), what="the live card")
        assert s.page.evaluate("window.rspNoReload === true"), "the press loaded a new page"
        assert {k: v for k, v in _params(s).items() if k in expected} == expected
        assert s.page.evaluate("document.documentElement.lang") == lang
        assert s.page.title().startswith(NAMES[code]) and not s.errors, s.errors
        s.screenshot(f"handover-{action.replace(' ', '-')}-{size}")


def test_back_after_three_county_clicks_returns_to_the_second_live(browser, server):
    with session(browser, server) as s:
        s.open("/?lan=01")
        for code in ("09", "20", "25"):  # the county select, where a person finds it (the map fits each county)
            s.page.locator("#root").get_by_label("Välj län").click()
            s.page.get_by_role("option", name=NAMES[code], exact=True).click()
            wait_until(lambda c=code: NAMES[c] in s.page.locator(LIVE_CARD).inner_text(), what=f"the card of {code}")
            s.wait_params({"lan": [code]} | {k: v for k, v in _params(s).items() if k != "lan"})
        s.page.go_back()
        wait_until(lambda: _params(s).get("lan") == ["20"], what="the address of the second county")
        wait_until(lambda: NAMES["20"] in s.page.locator(LIVE_CARD).inner_text(), what="the second county's card")
        wait_until(lambda: s.page.title().startswith(NAMES["20"]), what="the title to follow")
        assert s.page.evaluate("location.pathname") == "/" and not s.errors, s.errors


def test_back_after_three_county_clicks_returns_to_the_second_in_the_first_view(browser, server):
    with session(browser, server, fresh=True) as s, held_live_app(s):
        s.page.goto(s.server + "/?lan=01", wait_until="commit")
        _first_view_card(s, "01")
        s.page.evaluate(MARK)
        for code in ("09", "20", "25"):
            _choose_county(s, code)
            _first_view_card(s, code)
        s.page.go_back(wait_until="commit")  # the page's load event waits for the held script
        _first_view_card(s, "20")
        assert _params(s).get("lan") == ["20"] and s.page.title().startswith(NAMES["20"])
        assert s.page.evaluate("window.rspNoReload === true") and not s.errors, s.errors
