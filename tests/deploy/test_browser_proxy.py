"""Browser tier through the production set-up: Chromium → Caddy (HTTP/2, TLS) → app processes.

The map, a click and a CSV download work through the proxy; when the app process behind an open page is
killed, the page reconnects by itself to a live one, shows the same view, and a download started after the
failover works.
"""

from __future__ import annotations

import pytest
from support.browser import card, session, wait_until
from support.data import app_model, excel_csv

from deploy.cluster import Cluster

pytestmark = pytest.mark.browser
ROWS = app_model().rows
REGIONS = sorted(r["lan_kod"] for r in ROWS if r["org_type"] == "region")


class StreamWatch:
    """Counts the WebSocket connections a page opens and the script runs each one reports finished."""

    def __init__(self, page):
        self.sockets: list[dict] = []
        page.on("websocket", self._opened)

    def _opened(self, ws):
        if not ws.url.endswith("/_stcore/stream"):
            return
        entry = {"finished": 0}
        self.sockets.append(entry)
        ws.on("framereceived", lambda payload: self._frame(entry, payload))

    @staticmethod
    def _frame(entry: dict, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, (bytes, bytearray)):
            msg = ForwardMsg.FromString(bytes(payload))
            if msg.WhichOneof("type") == "script_finished":
                entry["finished"] += 1


def _cookie(s) -> str:
    return next(c["value"] for c in s.context.cookies() if c["name"] == "rsp_worker")


def _download(s, label: str) -> bytes:
    with s.page.expect_download(timeout=30_000) as info:
        s.page.get_by_role("button", name=label, exact=True).click()
    return open(info.value.path(), "rb").read()


def _nav(s, name: str) -> None:
    """Go to another page with the sidebar's link, as a person does."""
    s.page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name).click()


def _csv_codes(data: bytes) -> list[str]:
    return sorted(r["lan_kod"] for r in excel_csv(data))


def _kill_the_page_process(cluster: Cluster, s, watch: StreamWatch):
    """Kill the app process this page's cookie points to; wait until the page has reconnected through the
    proxy and its new session has run the script (no user action in between)."""
    cookie = _cookie(s)
    victim = cluster.worker_for(cookie)
    assert victim is not None, "the page's cookie names no app process"
    before = len(watch.sockets)
    victim.kill()
    # (evaluate: Playwright delivers the page's WebSocket events while the test talks to the page)
    wait_until(
        lambda: s.page.evaluate("0") == 0 and len(watch.sockets) > before and watch.sockets[-1]["finished"] > 0,
        timeout=60,
        what="the page to reconnect and rerun on a live process",
    )
    moved = cluster.worker_for(_cookie(s))
    assert moved is not None and moved is not victim and moved.alive()
    return victim


def test_map_click_and_csv_download_through_the_proxy(browser, proxy):
    with session(browser, proxy.url, ignore_https_errors=True, fresh=True) as s:
        s.open("/")
        assert s.page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol") == "h2"
        s.click_visible("20")
        card(s).filter(has_text="Dalarnas län").wait_for()
        s.wait_params({"lan": ["20"]})
        s.settled()
        s.screenshot("proxy-map-desktop")
        _nav(s, "Alla kontakter")
        s.page.get_by_role("button", name="CSV", exact=True).wait_for()
        assert _csv_codes(_download(s, "CSV")) == sorted(r["lan_kod"] for r in ROWS)
        assert s.errors == []


def test_the_map_works_through_the_proxy_on_a_phone(browser, proxy):
    with session(browser, proxy.url, viewport=(390, 844), ignore_https_errors=True, fresh=True) as s:
        s.open("/?lan=25&lang=en")
        card(s).filter(has_text="Norrbottens län").wait_for()
        s.screenshot("proxy-map-phone")
        assert s.errors == []


@pytest.fixture
def own_cluster():
    """A cluster of its own: these tests kill one of its processes."""
    with Cluster(workers=2, port=None) as cluster:
        yield cluster


def test_killing_the_process_behind_a_page_keeps_the_view_and_downloads_work(browser, own_cluster):
    with session(browser, own_cluster.url, ignore_https_errors=True, fresh=True) as s:
        watch = StreamWatch(s.page)
        s.open("/?lan=25&typ=region&lang=en")
        card(s).filter(has_text="Norrbottens län").wait_for()
        _kill_the_page_process(own_cluster, s, watch)
        # the same view, in the page and in its address, without a reload
        s.wait_params({"lan": ["25"], "typ": ["region"], "lang": ["en"], "period": ["2014-2020"]})
        assert card(s).filter(has_text="Norrbottens län").count() == 1
        assert s.page.get_by_role("heading", name="Who was responsible for rural service in your county?").count() == 1
        wait_until(lambda: s.full_colour() == REGIONS, what="the 14 regions at full colour")
        s.screenshot("proxy-after-failover")
        # the new process answers: a click, then the contacts page and its download (made by the new process)
        s.click_visible("24")
        card(s).filter(has_text="Västerbottens län").wait_for()
        s.settled()
        _nav(s, "All contacts")
        s.page.get_by_role("button", name="CSV", exact=True).wait_for()
        assert _csv_codes(_download(s, "CSV")) == REGIONS
        assert s.exceptions() == 0 and s.errors == []


def test_a_download_on_an_open_page_works_after_its_process_died(browser, own_cluster):
    with session(browser, own_cluster.url, ignore_https_errors=True, fresh=True) as s:
        watch = StreamWatch(s.page)
        s.open("/kontakter?typ=lansstyrelse&lang=en", wait_map=False)
        s.page.get_by_role("button", name="CSV", exact=True).wait_for()
        before = _download(s, "CSV")
        _kill_the_page_process(own_cluster, s, watch)
        after = _download(s, "CSV")
        assert after == before
        assert _csv_codes(after) == sorted(r["lan_kod"] for r in ROWS if r["org_type"] == "lansstyrelse")


# Every Content-Security-Policy violation in any frame of the page, as the document reports it.
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  [e.effectiveDirective, e.blockedURI, (e.sourceFile || '').split('/').pop(), e.lineNumber].join(' ')));
"""


def _csp_violations(s) -> list[str]:
    found = []
    for frame in s.page.frames:
        try:
            found += frame.evaluate("window.__cspViolations || ['no watch in ' + location.pathname]")
        except Exception as exc:  # noqa: BLE001 - a frame gone while asked is named, not skipped
            found.append(f"frame {frame.url[:80]} could not be asked: {exc}")
    return found


def test_the_pages_run_under_a_csp_without_inline_script_or_eval(browser, proxy):
    """The pages' policy allows no inline script (but Streamlit's one line, by its hash) and no eval; the
    map's frame keeps both (folium's map script). A whole visit raises no violation in any frame."""
    from support.http import fetch

    page_csp = fetch(proxy, "/")[1]["Content-Security-Policy"]
    script_src = next(d for d in page_csp.split(";") if d.strip().startswith("script-src")).split()[1:]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert [s for s in script_src if s.startswith("'sha256-")], script_src
    messages: list[str] = []
    with session(browser, proxy.url, ignore_https_errors=True, fresh=True) as s:
        s.context.add_init_script(CSP_WATCH)
        s.page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
        s.open("/")
        s.click_visible("20")
        card(s).filter(has_text="Dalarnas län").wait_for()
        s.page.get_by_role("radiogroup", name="Kartan visar").get_by_text("Regiontyp", exact=True).click()
        wait_until(lambda: s.map.locator(".leaflet-container").get_attribute("data-fa") == "shown", what="the FA layer")
        s.settled()
        assert _csp_violations(s) == [] and messages == []
        _nav(s, "Alla kontakter")
        s.page.get_by_role("button", name="CSV", exact=True).wait_for()
        _nav(s, "Om uppgifterna")
        s.page.get_by_role("heading", level=1).first.wait_for()
        assert _csp_violations(s) == [] and messages == [] and s.errors == []
