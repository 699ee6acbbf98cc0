"""Browser tier for the hardening: clicks after a server restart, long names, and the HTTP guard."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from support.browser import ARTIFACTS, card, running_server, session, wait_until

from geo.paths import ROOT

pytestmark = pytest.mark.browser


def test_clicks_work_after_the_server_restarts_under_an_open_page(browser):
    with running_server() as server, session(browser, server.url) as s:
        s.open("/?lan=20")
        c = card(s)
        c.get_by_text("Annika Eriksson").wait_for()
        server.restart()
        # The page reconnects by itself; then a click on the map must change the card (it used to do nothing).
        wait_until(
            lambda: s.page.locator('[data-testid="stConnectionStatus"]').count() == 0,
            timeout=60,
            what="the page to reconnect",
        )
        s.all_of_sweden()  # the map fits the selected county; zoom out to reach the next one
        s.wait_params({"lan": ["20"], "zoom": ["sverige"]})
        s.county("25").click()
        c.get_by_text("Tomas Olsson Lasu").wait_for(timeout=30_000)
        s.wait_params({"lan": ["25"]})
        s.all_of_sweden()
        s.county("08").click()
        c.get_by_text("Daniel Granello").wait_for(timeout=30_000)
        s.wait_params({"lan": ["08"]})
        assert s.exceptions() == 0


@pytest.mark.parametrize("viewport", [(1400, 1000), (390, 844)])
def test_long_unbroken_names_wrap_in_the_card_and_the_tooltip(browser, hostile_server, viewport):
    with session(browser, hostile_server, viewport=viewport) as s:
        s.open("/?lan=24&period=2014-2020")
        c = card(s)
        c.locator(".rsp-org").wait_for()
        widths = c.evaluate("el => [el.scrollWidth, el.clientWidth, el.getBoundingClientRect().width]")
        assert widths[0] <= widths[1] + 1, f"the card overflows: {widths}"
        assert widths[2] <= viewport[0]
        s.county("24").hover()
        tip = s.map.locator(".leaflet-tooltip")
        tip.wait_for()
        assert 150 < tip.bounding_box()["width"] < 320  # wrapped at its maximum width, not one letter a line
        c.screenshot(path=str(ARTIFACTS / f"card-long-name-{viewport[0]}.png"))


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.headers.get("content-type", ""), resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("content-type", ""), err.read().decode("utf-8", "replace")


def test_the_guard_serves_only_leaflet_hides_metrics_and_answers_unknown_paths(browser, server):
    planted = ROOT / "static" / "planted.html"
    planted.write_text("<script>alert(1)</script>", encoding="utf-8")
    try:
        assert _get(server + "/app/static/leaflet/leaflet.js")[0] == 200
        assert _get(server + "/app/static/planted.html")[0] == 404
        assert _get(server + "/app/static/leaflet/../planted.html")[0] in (400, 404)
        assert _get(server + "/_stcore/metrics")[0] == 404
        assert _get(server + "/_stcore/health")[0] == 200
    finally:
        planted.unlink()
    status, ctype, body = _get(server + "/om/x")
    assert status == 404 and ctype.startswith("text/html") and "Sidan finns inte" in body and 'href="/"' in body
    with session(browser, server) as s:
        s.page.goto(server + "/om/x")
        s.page.get_by_role("link", name="Till kartan").click()
        s.wait_for_map()
        s.page.goto(server + "/karta%00")
        s.page.get_by_role("heading", name="Sidan finns inte").wait_for()


@pytest.mark.parametrize(
    "path, heading, link",
    [("/nope", "Sidan finns inte", "Till kartan"), ("/nope?lang=en&lan=25", "Page not found", "Go to the map")],
)
def test_an_unknown_page_gets_the_apps_own_not_found_in_the_chosen_language(browser, server, path, heading, link):
    with session(browser, server) as s:
        s.open(path, wait_map=False)
        s.page.get_by_role("heading", name=heading).wait_for()
        assert s.page.locator('[role="dialog"]').count() == 0  # not Streamlit's English dialog
        s.page.get_by_role("link", name=link).click()
        s.wait_for_map()
        if "lan=25" in path:
            card(s).get_by_text("Tomas Olsson Lasu").wait_for()
            s.wait_params({"lan": ["25"], "lang": ["en"]})
        s.screenshot(f"not-found-{heading.split()[0].lower()}")


def test_karta_is_the_map(browser, server):
    with session(browser, server) as s:
        s.open("/karta?lan=25&lang=en")
        card(s).get_by_text("Tomas Olsson Lasu").wait_for()
        s.wait_params({"lan": ["25"], "lang": ["en"]})
        assert s.page.locator('[role="dialog"]').count() == 0
