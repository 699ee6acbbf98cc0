"""Benchmark of the first response (issue 16): when does a person see the answer, and when the live map?

    .venv/bin/python -m bench.firstview        (make bench runs it after run.py and proxy.py)

In one run, interleaved, each in a fresh Chromium context (phone viewport) on loopback and on the rural
profile (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, DevTools protocol), for ours through Caddy
(`make serve`), ours direct (`make run`: the guard in front of Streamlit), the tutorial baseline and the
static folium floor, all opened at ``/?lan=25``:

- first view: navigation → 21 ``[data-lan]`` county shapes and the card's text painted (ours: the server's
  first view; the others have no first view, so theirs is their map: 21 Leaflet paths);
- live map: navigation → 21 ``path.leaflet-interactive`` in the map;
- layout shift (CLS) until the network is quiet, the hand-over included;
- the first response's bytes on the wire (the HTML document as encoded) and all bytes;
- server cost of rendering a first view (geo/firstview.py, in this process, per view, median of 200).

Writes bench/results/firstview.json and the "First response" table in bench/README.md.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.proxy import RURAL, WireCounter
from bench.run import (
    four_targets,
    machine,
    ready,
    save_results,
    summary,
    target_table,
    versions,
    write_section,
)
from geo.paths import GPKG
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

REPS = int(os.environ.get("BENCH_FIRSTVIEW_REPS", "5"))
PROFILES = {"loopback": None, "rural": RURAL}
# Polled every 10 ms in every frame; the time is taken in the next animation frame, when it is painted.
MOMENTS_SCRIPT = """
(() => {
  const mark = (name) => { try { const top = window.top; if (!top[name]) { requestAnimationFrame(() => {
    if (!top[name]) { top[name] = performance.timeOrigin + performance.now(); } }); } } catch (e) {} };
  window.__cls = 0;
  try { new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
        .observe({type: 'layout-shift', buffered: true}); } catch (e) {}
  const timer = setInterval(() => {
    const shapes = document.querySelectorAll('[data-lan] path, path[data-lan]').length;
    if (shapes >= 21 && document.body && document.body.innerText.includes('Norrbotten')) { mark('__first'); }
    if (document.querySelectorAll('path.leaflet-interactive').length >= 21) {  // without a first view, the map is it
      mark('__first'); mark('__live'); clearInterval(timer);
    }
  }, 10);
})();
"""


# Nothing leaves loopback: Chromium resolves no other host (a Playwright route on every request would add
# its own delay to each of Streamlit's ~60 requests, and so to ours much more than to the floor's 3).
LOOPBACK_ONLY = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]


def load(browser, url: str, origin: str, profile: dict | None) -> dict:
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, ignore_https_errors=True, is_mobile=True, has_touch=True
    )
    outside: list[str] = []
    here = urlsplit(origin).hostname
    context.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname not in (here, None) else None)
    context.add_init_script(MOMENTS_SCRIPT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if profile:
        cdp.send("Network.emulateNetworkConditions", profile)
    counter = WireCounter(cdp)
    document: dict = {}
    cdp.on(
        "Network.responseReceived",
        lambda e: document.setdefault("id", e["requestId"]) if e.get("type") == "Document" else None,
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: (
            document.setdefault("bytes", int(e.get("encodedDataLength", 0)))
            if e["requestId"] == document.get("id")
            else None
        ),
    )
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function(
        "() => window.__live !== undefined && window.__first !== undefined", timeout=180_000, polling=50
    )
    first, live = page.evaluate(
        "() => [window.__first - performance.timeOrigin, window.__live - performance.timeOrigin]"
    )
    deadline = time.monotonic() + 60
    while time.monotonic() - counter.last < 2.0 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    cls = page.evaluate("() => window.__cls")
    # the document's own timing: connection set-up (TLS included, through Caddy) and time to its first byte
    connect, ttfb = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return [n.connectEnd - n.connectStart, n.responseStart - n.startTime]; }"
    )
    context.close()
    return {
        "first": first,
        "live": live,
        "cls": cls,
        "document_bytes": document.get("bytes", 0),
        "bytes": counter.total,
        "connect": connect,
        "ttfb": ttfb,
        "outside": outside,
    }


def render_cost() -> dict:
    """Each view rendered afresh (the body's cache bypassed: what a first visitor of a view costs)."""
    from geo.data.model import load
    from geo.render import firstview
    from geo.view.pages import BY_KEY, request_of
    from geo.web import index as index_page

    model = load(GPKG)
    firstview.body_html(request_of("/", {}, model.by_code, model.kommun_lan), model)  # shapes made once per model
    views = {
        "/?lan=25&lang=en": ("/", {"lan": ["25"], "lang": ["en"]}),
        "/": ("/", {}),
        "/?typ=lansstyrelse&period=2014-2020": ("/", {"typ": ["lansstyrelse"], "period": ["2014-2020"]}),
    }
    # the other pages, by their address in the registry (the names as the results have always named them)
    for key, params in (("contacts", {}), ("changes", {}), ("about", {"lang": ["en"]})):
        path = "/" + BY_KEY[key].path
        views[path + ("?lang=en" if params else "")] = (path, params)
    index = (Path(__import__("streamlit").__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    out = {}
    for name, (path, params) in views.items():
        times = []
        for _ in range(200):
            firstview.body_html.cache_clear()
            t0 = time.perf_counter()
            req = request_of(path, params, model.by_code, model.kommun_lan)
            index_page.inject(index, req, model, "https://rsp.example", "")
            times.append((time.perf_counter() - t0) * 1000)
        out[name] = round(statistics.median(times), 3)
    return out


def main() -> int:
    from playwright.sync_api import sync_playwright

    if not ready():
        return 1
    started = time.monotonic()
    with four_targets("/?lan=25") as targets, sync_playwright() as p:
        found = {pr: {k: [] for k in targets} for pr in PROFILES}
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + LOOPBACK_ONLY)
        version_info = versions(browser)
        for url, origin in targets.values():  # warm-up: imports and caches
            load(browser, url, origin, None)
        for rep in range(REPS):
            for profile, conditions in PROFILES.items():
                for kind, (url, origin) in targets.items():
                    found[profile][kind].append(load(browser, url, origin, conditions))
            print(
                f"rep {rep + 1}/{REPS}: "
                + "; ".join(
                    f"{pr} "
                    + ", ".join(f"{k} {v[-1]['first'] / 1000:.2f}/{v[-1]['live'] / 1000:.2f}s" for k, v in f.items())
                    for pr, f in found.items()
                ),
                flush=True,
            )
        browser.close()
    result: dict = {
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "machine": machine(),
        "versions": version_info,
        "reps": REPS,
        "render_ms": render_cost(),
    }
    for profile, kinds in found.items():
        result[profile] = {
            kind: {
                key: summary([r[key] for r in runs])
                for key in ("first", "live", "cls", "document_bytes", "bytes", "connect", "ttfb")
            }
            | {"outside_requests": sorted({u for r in runs for u in r["outside"]})}
            for kind, runs in kinds.items()
        }
    med = lambda profile, kind, key: result[profile][kind][key]["median"]  # noqa: E731
    result["ratios"] = {
        "rural_first_view_proxy_over_floor": round(med("rural", "proxy", "first") / med("rural", "floor", "first"), 2),
        "loopback_first_view_proxy_over_floor": round(
            med("loopback", "proxy", "first") / med("loopback", "floor", "first"), 2
        ),
        "loopback_first_view_direct_over_floor": round(
            med("loopback", "direct", "first") / med("loopback", "floor", "first"), 2
        ),
        "loopback_baseline_over_direct_first_view": round(
            med("loopback", "baseline", "first") / med("loopback", "direct", "first"), 2
        ),
        "loopback_baseline_over_proxy_first_view": round(
            med("loopback", "baseline", "first") / med("loopback", "proxy", "first"), 2
        ),
    }
    r = result["ratios"]
    result["targets"] = {
        "rural_first_view_le_floor_paint": r["rural_first_view_proxy_over_floor"] <= 1,
        "loopback_first_view_le_2x_floor": r["loopback_first_view_proxy_over_floor"] <= 2,
        "loopback_first_view_3x_faster_than_baseline": r["loopback_baseline_over_proxy_first_view"] >= 3,
        "layout_shift_le_0_1": all(result[p][k]["cls"]["p95"] <= 0.1 for p in PROFILES for k in ("proxy", "direct")),
        "first_response_le_60_kB": all(
            result[p][k]["document_bytes"]["p95"] <= 60_000 for p in PROFILES for k in ("proxy", "direct")
        ),
        "render_le_5_ms": max(result["render_ms"].values()) <= 5,
    }
    result["elapsed_s"] = round(time.monotonic() - started, 1)
    return save_results(result, "firstview", write_table)


def write_table(res: dict) -> None:
    names = {
        "proxy": "ours through Caddy (`make serve`)",
        "direct": "ours direct (`make run`)",
        "baseline": "tutorial baseline",
        "floor": "static floor",
    }
    cell = lambda s, unit="": f"{s['median']:,.0f}{unit} / {s['p95']:,.0f}{unit}"  # noqa: E731
    m = res["machine"]
    lines = [
        f"Run {res['date']} on {m['cores']} cores, {m['memory_gib']} GiB; Chromium {res['versions']['chromium']}. "
        f"`/?lan=25`, {res['reps']} cold loads of each (fresh context, phone viewport), interleaved; median / p95. "
        f"Whole run: {res['elapsed_s']:.0f} s. The baseline and the floor have no first view: theirs is their map.",
        "",
        "| link | target | first view, ms | live map, ms | layout shift | first response, bytes | all bytes | connect, ms | first byte, ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for profile in PROFILES:
        for kind, name in names.items():
            x = res[profile][kind]
            lines.append(
                f"| {profile} | {name} | {cell(x['first'])} | {cell(x['live'])} | {x['cls']['median']:.3f} / "
                f"{x['cls']['p95']:.3f} | {cell(x['document_bytes'])} | {cell(x['bytes'])} | "
                f"{cell(x['connect'])} | {cell(x['ttfb'])} |"
            )
    lines += [
        "",
        "Server cost of one first view (render + insert into Streamlit's page), median of 200, ms: "
        + ", ".join(f"`{k}` {v}" for k, v in res["render_ms"].items())
        + ".",
        "",
        "Ratios (medians): " + ", ".join(f"{k.replace('_', ' ')} {v}×" for k, v in res["ratios"].items()) + ".",
        "",
        *target_table(res["targets"]),
    ]
    write_section("firstview", "The first response: the answer before Streamlit's front end (issue 16)", lines)


if __name__ == "__main__":
    sys.exit(main())
