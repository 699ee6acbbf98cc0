"""Browser tier, the first response (issue 16): with JavaScript off the server's first view is the page
(the card, 21 county links, language and period links, the other pages' tables); a link preview reads its
title, description and image from the raw HTML; with JavaScript on the live app takes over in place, with
the same URL and card, no layout shift to speak of and its elements where the first view had them."""

from __future__ import annotations

import io
import re
import urllib.request
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from support.browser import ARTIFACTS, MAP_FRAME, card, serious, session, wait_until

from geo.data.counties import by_code

pytestmark = pytest.mark.browser

SIZES = (((1400, 1000), "desktop"), ((390, 844), "phone"))
# What the hand-over compares: the same element in the first view and in the live app
PAIRS = {
    "heading": ("#rsp-first h1", "#root h1"),
    "intro": ("#rsp-first .rsp-intro", "#root .rsp-intro"),
    "legend": ("#rsp-first .rsp-legend", "#root .rsp-legend"),
    "map": ("#rsp-first svg.rf-map", f"#root {MAP_FRAME}"),
    "card": ("#rsp-first .rsp-card", "#root .rsp-card"),
    "find": ("#rsp-first .rf-pick", "#root .st-key-rsp-find"),  # above the map on a phone
    "select": ("#rsp-first #rf-lan", "#root .st-key-w_lan [data-testid=stSelectbox] > div"),
}
BOX = (
    "(sel) => { const e = document.querySelector(sel); if (!e) return null;"
    " const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }"
)
CLS = (
    "window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries())"
    " if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});"
)


def no_js(browser, server, size=(1400, 1000)):
    return session(browser, server, viewport=size, java_script_enabled=False)


def test_without_javascript_norrbotten_in_english_is_the_page(browser, server):
    for size, name in SIZES:
        with no_js(browser, server, size) as s:
            s.page.goto(s.server + "/?lan=25&lang=en")
            first = s.page.locator("#rsp-first")
            c = first.locator(".rsp-card")
            assert c.locator("h2").inner_text() == "Norrbottens län"
            assert c.locator(".rsp-region").inner_text() == "Region Norrbotten"
            assert "Responsible in 2014–2020" in c.inner_text() and "Johanna Lindberg" in c.inner_text()
            assert c.locator("a.rsp-action").get_attribute("href").startswith("https://utvecklanorrbotten.se/")
            assert s.page.locator("svg a[data-lan]").count() == 21
            assert s.page.evaluate("document.documentElement.lang") == "en"
            assert s.page.title().startswith("Norrbottens län – whom do you contact")
            # nothing of Streamlit's shows: no "You need to enable JavaScript"
            assert "enable JavaScript" not in s.page.locator("body").inner_text()
            s.page.screenshot(path=str(ARTIFACTS / f"firstview-nojs-norrbotten-en-{name}.png"), full_page=False)


def test_without_javascript_every_county_link_opens_its_card(browser, server):
    with no_js(browser, server) as s:
        s.page.goto(s.server + "/?lang=en&period=2014-2020")
        counties = by_code()
        for code in sorted(counties):
            link = s.page.locator(f'svg a[data-lan="{code}"]')
            href = link.get_attribute("href")
            assert href == f"?lan={code}&lang=en&period=2014-2020"
            link.dispatch_event("click")  # a small county (Gotland, Blekinge) may sit under another's outline
            s.page.wait_for_url(re.compile(rf"\?lan={code}&lang=en&period=2014-2020$"))
            assert s.page.locator("#rsp-first .rsp-card h2").inner_text() == counties[code].lan
            assert s.page.locator(f'svg a[data-lan="{code}"][aria-current="true"] path[stroke="#000000"]').count() == 1


def test_without_javascript_the_language_period_and_county_form_work(browser, server):
    with no_js(browser, server) as s:
        s.page.goto(s.server + "/?lan=20")
        side = s.page.locator("#rsp-first .rf-side")
        side.get_by_role("link", name="English").click()
        s.page.wait_for_url(re.compile(r"\?lan=20&lang=en$"))
        assert s.page.locator("#rsp-first h1").inner_text() == "Whom do you contact about rural service in your county?"
        s.page.locator("#rsp-first .rf-switch").get_by_role("link", name="2014–2020").click()
        s.page.wait_for_url(re.compile(r"\?lan=20&lang=en&period=2014-2020$"))
        assert s.page.locator('#rsp-first .rsp-legend[data-period="2014-2020"]').count() == 1
        # the county select is a plain form
        s.page.locator("#rf-lan").select_option("25")
        s.page.locator("#rsp-first .rf-lanform button").click()
        s.page.wait_for_url(re.compile(r"lan=25"))
        assert s.page.locator("#rsp-first .rsp-card h2").inner_text() == "Norrbottens län"
        assert "lang=en" in s.page.url and "period=2014-2020" in s.page.url


@pytest.mark.parametrize("size", [(1400, 1000), (390, 844)], ids=["desktop", "phone"])
def test_without_javascript_the_contacts_search_filter_order_and_downloads_work(browser, server, size):
    """Without JavaScript /kontakter had no search, filter or order and only the CSV (issue 29, point 5): a
    plain GET form gives the live page's address, the Excel and vCard files are links the server answers,
    with the same selection."""
    from openpyxl import load_workbook

    with no_js(browser, server, size) as s:
        s.page.goto(s.server + "/kontakter?lang=en")
        form = s.page.locator("#rsp-first form.rf-find")
        form.get_by_label("County administrative board").check()
        form.get_by_role("combobox", name="Sort by").select_option("org")
        form.get_by_role("button", name="Show").click()
        s.page.wait_for_url(re.compile(r"typ=lansstyrelse"))
        # the period named, as the live page's address has it with a type filter (a link from before the
        # period switch, with a filter and no period, is read as 2014–2020)
        assert parse_qs(urlsplit(s.page.url).query) == {
            "lang": ["en"],
            "typ": ["lansstyrelse"],
            "sort": ["org"],
            "period": ["idag"],
        }
        rows = s.page.locator("#rsp-first .rsp-table").first.locator("tbody tr")
        assert rows.count() == 6
        s.page.locator("#rsp-first form.rf-find input[name=q]").fill("stockholm")
        s.page.locator("#rsp-first form.rf-find").get_by_role("button", name="Show").click()
        s.page.wait_for_url(re.compile(r"q=stockholm"))
        assert rows.count() == 1 and "Stockholms län" in rows.first.inner_text()
        assert s.page.locator("#rsp-first form.rf-find input[name=q]").input_value() == "stockholm"  # kept
        # the files: the same selection, as links the server answers (no script)
        with s.page.expect_download() as got:
            s.page.locator("#rsp-first").get_by_role("link", name=re.compile("Excel")).click()
        assert got.value.suggested_filename.endswith(".xlsx")
        sheet = load_workbook(io.BytesIO(got.value.path().read_bytes()), read_only=True).worksheets[0]
        assert [r[:2] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]] == [("01", "Stockholms län")]
        with s.page.expect_download() as got:
            s.page.locator("#rsp-first").get_by_role("link", name=re.compile("vCard")).click()
        assert got.value.suggested_filename.endswith(".vcf")
        cards = got.value.path().read_text(encoding="utf-8")
        assert cards.count("BEGIN:VCARD") == 1 and "Stockholm" in cards
        s.page.screenshot(path=str(ARTIFACTS / f"firstview-nojs-contacts-{size[0]}.png"), full_page=False)


VISIBLE_POINT = """code => {  // a point of the county's link on the first screen where it is the top element
    const r = document.querySelector(`svg a[data-lan="${code}"] path`).getBoundingClientRect();
    const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, innerWidth), y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, innerHeight);
    for (let i = 1; i < 16; i++) for (let j = 1; j < 16; j++) {
        const x = x0 + (x1 - x0) * i / 16, y = y0 + (y1 - y0) * j / 16, hit = document.elementFromPoint(x, y);
        const a = hit && hit.closest("a[data-lan]");
        if (a && a.getAttribute("data-lan") === code) return [x, y];
    }
    return null; }"""


def test_without_javascript_the_region_type_view_works_by_plain_links(browser, server):
    """Issue 20 with no script at all, desktop and phone: the switch's link, the FA regions under the county
    links, a click on a county where it shows on the first screen (no scrolling), the card's shares."""
    for size, name in SIZES:
        # on a phone a chosen county's card comes first (issue 28): the switch is on the first screen without one
        start, after = ("/?lan=20", "lan=20&period=regiontyp") if name == "desktop" else ("/", "period=regiontyp")
        with no_js(browser, server, size) as s:
            s.page.goto(s.server + start)
            switch = s.page.locator("#rsp-first .rf-switch").get_by_role("link", name="Regiontyp")
            box = switch.bounding_box()
            assert box["y"] + box["height"] <= size[1], f"{name}: the switch is below the first screen"
            s.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            s.page.wait_for_url(re.compile(rf"\?{after}$"))
            assert s.page.locator('#rsp-first .rsp-legend[data-period="regiontyp"]').count() == 1
            assert s.page.locator("svg.rf-map g path[fill^='#']").count() == 60
            # a neighbour of Dalarna on the map fitted to it: Gävleborg; on a phone, where the search comes
            # first and only the top of the map of Sweden shows, Norrbotten
            code, county = ("21", "Gävleborgs län") if name == "desktop" else ("25", "Norrbottens län")
            point = s.page.evaluate(VISIBLE_POINT, code)
            assert point, f"{name}: {county} is not on the first screen"
            s.page.mouse.click(*point)
            s.page.wait_for_url(re.compile(rf"\?lan={code}&period=regiontyp$"))
            assert s.page.locator("#rsp-first .rsp-card h2").inner_text() == county
            assert "Regiontyp (FA15):" in s.page.locator("#rsp-first .rsp-card .rsp-region-types").inner_text()
            s.page.screenshot(path=str(ARTIFACTS / f"firstview-nojs-regiontyp-{name}.png"), full_page=False)


@pytest.mark.parametrize(
    "path, heading, rows",
    [
        ("/kontakter", "Alla kontakter", 21 + 21),
        ("/andringar?lang=en", "What changed", 7 + 21),
        ("/om", "Om uppgifterna", 21),
    ],
)
def test_without_javascript_the_other_pages_carry_their_text_and_tables(browser, server, path, heading, rows):
    for size, name in SIZES:
        with no_js(browser, server, size) as s:
            s.page.goto(s.server + path)
            first = s.page.locator("#rsp-first")
            assert first.locator("h1").inner_text() == heading
            assert first.locator("tbody tr").count() == rows
            if path == "/kontakter":  # as the live page: the table on a desktop, cards with numbers on a phone
                cards = first.locator(".rsp-contact-cards li")
                assert cards.count() == 21 and cards.first.is_visible() == (name == "phone")
                assert first.locator(".rsp-tables").is_visible() == (name == "desktop")
            width = s.page.evaluate("() => document.documentElement.clientWidth")
            assert first.locator("main").bounding_box()["width"] <= width
            s.page.screenshot(path=str(ARTIFACTS / f"firstview-nojs-{path.strip('/').split('?')[0]}-{name}.png"))
    with no_js(browser, server) as s:
        s.page.goto(s.server + "/kontakter")
        with s.page.expect_download() as dl:
            s.page.locator('#rsp-first a[href="./_rsp/rsp-kontakter.csv"]').click()
        data = open(dl.value.path(), "rb").read()
        assert data.startswith("\ufeff".encode()) and data.count(b"\r\n") == 22


class Head(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content", "")
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title and not self.title:
            self.title = data


def test_a_link_preview_reads_title_description_and_image_from_the_raw_html(server):
    with urllib.request.urlopen(server + "/?lan=25&lang=en", timeout=30) as r:
        raw = r.read().decode("utf-8")
    head = Head(raw)
    assert head.title == "Norrbottens län – whom do you contact about rural service? – RSP-kartan"
    assert head.meta["og:title"] == head.title and "Region Norrbotten" in head.meta["og:description"]
    assert head.meta["description"] == head.meta["og:description"] == head.meta["twitter:description"]
    image = head.meta["og:image"]
    assert image == f"{server}/_rsp/og/25-idag-en.png" and head.meta["twitter:card"] == "summary_large_image"
    with urllib.request.urlopen(image, timeout=30) as r:
        assert r.headers["Content-Type"] == "image/png"
        png = Image.open(io.BytesIO(r.read()))
    assert png.size == (1200, 630)
    png.save(ARTIFACTS / "preview-norrbotten.png")
    assert '<html lang="en">' in raw and "Region Norrbotten" in raw


@pytest.mark.parametrize(
    "query, size, name",
    [
        ("/?lan=25&lang=en", (1400, 1000), "desktop"),
        ("/?lan=25&lang=en", (390, 844), "phone"),
        ("/?lan=20&kommun=2023", (1400, 1000), "kommun-desktop"),
        ("/?lan=20&embed=true", (390, 844), "embed-phone"),
        ("/?typ=lansstyrelse&period=2014-2020", (1400, 1000), "filter-desktop"),
        ("/?lan=20&kommun=2023&lang=en&period=regiontyp", (390, 844), "regiontyp-phone"),
    ],
)
def test_the_hand_over_keeps_the_url_and_the_card_in_place(browser, server, query, size, name):
    with session(browser, server, viewport=size) as s:
        s.page.add_init_script(CLS)
        s.page.goto(s.server + query)
        s.page.locator("#rsp-first svg.rf-map").wait_for()
        first = {k: s.page.evaluate(BOX, a) for k, (a, _) in PAIRS.items()}
        has_card = s.page.locator("#rsp-first .rsp-card").count() == 1
        first_card = s.page.locator("#rsp-first .rsp-card").inner_text() if has_card else ""
        s.page.screenshot(path=str(ARTIFACTS / f"handover-1-first-{name}.png"))
        s.wait_for_map()  # the live map painted, and the first view gone
        assert s.page.locator("#rsp-first").count() == 0 and s.page.locator("html.rsp-live").count() == 1
        assert s.page.locator("#rsp-first-css").count() == 0  # the first view's CSS goes with it
        assert s.params() == parse_qs(urlsplit(query).query)  # each query is the view's canonical address
        if has_card:
            assert card(s).inner_text() == first_card
        live = {k: s.page.evaluate(BOX, b) for k, (_, b) in PAIRS.items()}
        compared = [k for k in PAIRS if first[k] and live[k]]
        assert {"map", "legend"} <= set(compared) and ("card" in compared) == has_card
        for key in compared:
            n = 2 if key == "select" else 4  # where the select starts: the first view's shares its row with a button
            moved = max(abs(x - y) for x, y in zip(first[key][:n], live[key][:n]))
            assert moved <= 12, f"{name}: the {key} moved {moved:.0f} px ({first[key]} → {live[key]})"
        if "embed" not in query:  # the embed view has no share box to settle on
            s.settled()
        cls = s.page.evaluate("window.__cls")
        assert cls <= 0.1, f"{name}: layout shift {cls:.3f}"
        s.page.screenshot(path=str(ARTIFACTS / f"handover-2-live-{name}.png"))
        assert s.exceptions() == 0 and s.errors == []


def test_the_live_app_keeps_the_title_per_view(browser, server):
    with session(browser, server) as s:
        s.open("/?lan=25&lang=en")
        assert s.page.title() == "Norrbottens län – whom do you contact about rural service? – RSP-kartan"
        s.open("/?lan=20")
        wait_until(lambda: s.page.title().startswith("Dalarnas län – vem kontaktar du"), what="the county's title")
        s.click_visible("21")
        wait_until(
            lambda: s.page.title().startswith("Gävleborgs län – vem kontaktar du"), what="the new county's title"
        )
        s.page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Alla kontakter").click()
        wait_until(lambda: s.page.title() == "Alla kontakter – RSP-kartan", what="the contacts page's title")
        s.page.goto(s.server + "/om?lang=en")
        s.wait_live()
        assert s.page.title() == "About the data – RSP-kartan"


def test_if_the_live_app_never_starts_the_first_view_stays_and_works(browser, server):
    """Streamlit's script blocked (a corporate filter, say): the first view is the page, and its links work."""
    with session(browser, server, fresh=True) as s:  # a route of its own
        blocked = []
        s.context.route("**/static/js/**", lambda route: (blocked.append(route.request.url), route.abort()))
        s.page.goto(s.server + "/?lan=25", wait_until="load")
        assert blocked, "no Streamlit script was asked for"
        assert s.page.locator("#rsp-first .rsp-card h2").inner_text() == "Norrbottens län"
        assert s.page.locator("html.rsp-live").count() == 0
        s.page.locator('#rsp-first svg a[data-lan="20"]').dispatch_event("click")
        s.page.wait_for_url(re.compile(r"\?lan=20$"), wait_until="load")
        assert s.page.locator("#rsp-first .rsp-card h2").inner_text() == "Dalarnas län"
        assert s.page.locator("#rsp-first").is_visible()
        # the first view alone is as accessible as the live page
        assert serious(Axe().run(s.page)) == []
