"""The region-type view in Chromium against a real `streamlit run` (serve.py, with the guard): the switch, the
FA layer fetched only for its view, a click selecting the county under the point, the card's shares, the
shareable link, the municipality download, desktop and phone, screenshots."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from support.browser import card, serious, session, wait_until
from support.data import app_model, excel_csv

from geo.render.mapview import fa_layer

DATA = app_model()
FA_FILE = fa_layer(DATA)[0]
PHONE = {"viewport": (390, 844), "is_mobile": True, "has_touch": True}


def _fa_requests(s) -> list[str]:
    found: list[str] = []
    s.page.on("request", lambda r: found.append(r.url) if re.search(r"/_rsp/fa-[0-9a-f]{16}\.json$", r.url) else None)
    return found


def _switch(s, label: str, option: str):
    return s.page.get_by_role("radiogroup", name=label).get_by_text(option, exact=True)


def _fa_state(s) -> str:
    return s.map.locator(".leaflet-container").get_attribute("data-fa") or ""


def test_the_switch_fetches_the_fa_layer_once_and_only_for_its_view(browser, server):
    with session(browser, server, fresh=True) as s:  # an empty cache: the layer is fetched, once
        fetched = _fa_requests(s)
        s.open("/?lan=20")
        assert fetched == [] and _fa_state(s) == ""  # the default view never asks for it
        # the switch is on the first screen: press it where a person would, without scrolling
        button = _switch(s, "Kartan visar", "Regiontyp")
        box = button.bounding_box()
        assert box["y"] + box["height"] <= 1000, "the switch is below the first screen"
        s.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        s.wait_params({"lan": ["20"], "period": ["regiontyp"]})
        wait_until(lambda: _fa_state(s) == "shown", what="the FA layer on the map")
        assert len(fetched) == 1 and fetched[0].endswith(FA_FILE)
        legend = s.page.locator(".rsp-legend").first
        assert sum(int(n) for n in re.findall(r"(\d+) FA-regioner", legend.inner_text())) == 60
        # 60 FA regions under the 21 county polygons; the counties keep the clicks
        assert s.map.locator(".leaflet-rspFa-pane path").count() == 60
        assert s.paths().count() == 21
        s.settled()
        s.screenshot("regiontyp-desktop")
        # back to today: the layer leaves the map and is not fetched again
        _switch(s, "Kartan visar", "Idag").click()
        s.wait_params({"lan": ["20"]})
        wait_until(lambda: _fa_state(s) == "hidden", what="the FA layer hidden")
        _switch(s, "Kartan visar", "Regiontyp").click()
        wait_until(lambda: _fa_state(s) == "shown", what="the FA layer shown again")
        assert len(fetched) == 1
        assert s.errors == [] and s.exceptions() == 0


def test_a_click_selects_the_county_under_the_point_and_the_card_shows_its_shares(browser, server):
    with session(browser, server) as s:
        s.open("/?period=regiontyp&lang=en")
        wait_until(lambda: _fa_state(s) == "shown", what="the FA layer on the map")
        s.click_visible("24")  # Västerbotten
        s.wait_params({"lan": ["24"], "period": ["regiontyp"], "lang": ["en"]})
        line = card(s).locator(".rsp-region-types")
        line.wait_for()
        row = DATA.by_code["24"]
        rural = round(float(row["area_pct_ur3_3"]))
        assert (
            line.inner_text().startswith("Region type (FA15):")
            and f"{rural} % of the area in rural regions" in line.inner_text()
        )
        # the county is outlined above the FA fills, and the hover names its shares
        wait_until(lambda: s.map.locator(".leaflet-rspOutlines-pane path").count() >= 2, what="the county outlined")
        s.map.locator('path[data-lan="24"]').hover(force=True)
        tip = s.map.locator(".leaflet-tooltip")
        tip.wait_for()
        assert "Västerbottens län" in tip.inner_text() and "rural regions" in tip.inner_text()
        assert s.errors == []


def test_the_shared_link_reopens_the_view_in_a_fresh_browser_at_both_sizes(browser, server):
    for name, kw in (("desktop", {}), ("phone", PHONE)):
        with session(browser, server, fresh=True, **kw) as s:
            s.open("/?period=regiontyp&kommun=2023&lang=en")
            wait_until(lambda: _fa_state(s) == "shown", what="the FA layer on the map")
            status = s.page.locator(".rsp-status").first
            assert "FA region Malung-Sälen, rural region, very remote" in status.inner_text()
            assert card(s).get_attribute("data-lan") == "20"
            s.settled()
            shared = s.share_link()
            assert "period=regiontyp" in shared and "kommun=2023" in shared
            s.screenshot(f"regiontyp-kommun-{name}")
        with session(browser, server, fresh=True, **kw) as again:  # the link as someone else opens it
            again.page.goto(shared)
            again.wait_for_map()
            wait_until(lambda: _fa_state(again) == "shown", what="the FA layer on the reopened view")
            assert card(again).get_attribute("data-lan") == "20"
            assert again.params() == {"period": ["regiontyp"], "kommun": ["2023"], "lang": ["en"], "lan": ["20"]}


def test_the_phone_shows_the_view_and_a_tap_selects_a_county(browser, server):
    with session(browser, server, **PHONE) as s:
        s.open("/?period=regiontyp")
        wait_until(lambda: _fa_state(s) == "shown", what="the FA layer on the map")
        s.click_visible("23")  # Jämtland
        s.wait_params({"lan": ["23"], "period": ["regiontyp"]})
        card(s).locator(".rsp-region-types").wait_for()
        s.screenshot("regiontyp-phone")
        assert s.errors == []


def test_a_failed_fa_layer_says_so_and_the_counties_still_work(browser, server):
    with session(browser, server, fresh=True) as s:  # a route of its own
        s.context.route(
            re.compile(r".*/_rsp/fa-[0-9a-f]{16}\.json$"), lambda route: route.fulfill(status=503, body="busy")
        )
        s.open("/?period=regiontyp")
        wait_until(lambda: _fa_state(s) == "failed", what="the FA layer failing")
        assert "Regiontyperna kunde inte hämtas" in s.map.locator(".rsp-hint").text_content()
        s.click_visible("25")
        s.wait_params({"lan": ["25"], "period": ["regiontyp"]})


def test_the_municipality_download_has_290_rows(browser, server):
    with session(browser, server) as s:
        s.open("/kontakter", wait_map=False)
        with s.page.expect_download() as info:
            s.page.get_by_role("button", name="Kommuner med FA-region och regiontyp (CSV, 290 rader)").click()
        rows = excel_csv(open(info.value.path(), "rb").read())
        assert len(rows) == 290 and info.value.suggested_filename.startswith("rsp-kommuner-regiontyp-")
        malung = next(r for r in rows if r["kommun_kod"] == "2023")
        assert (malung["fa_namn"], malung["ur6"], malung["ur6_sv"]) == (
            "Malung-Sälen",
            "6",
            "Landsbygdsregioner mycket avlägset belägna",
        )
        # the same file without any script, from the first view's link
        response = s.page.request.get(server + "/_rsp/rsp-kommuner.csv")
        assert response.ok and response.body().decode("utf-8-sig").count("\r\n") == 291


def test_the_view_has_no_serious_axe_findings(browser, server):
    with session(browser, server) as s:
        s.open("/?period=regiontyp&lan=20")
        wait_until(lambda: _fa_state(s) == "shown", what="the FA layer on the map")
        assert serious(Axe().run(s.page)) == []
        frame = next(f for f in s.page.frames if "st_folium" in f.url)
        assert serious(Axe().run(frame)) == []
