"""Benchmark of the region-type view (issue 20): what it adds to the default view's first load, and how fast
the switch to it paints.

    .venv/bin/python -m bench.regiontyp        (make bench runs it last)

In one sitting, interleaved, a fresh Chromium context (1400×1000, loopback, every other host refused) per
repetition, two servers side by side (`streamlit run serve.py`, the guard in front, as `make run`):
- **now**: this checkout;
- **before**: the commit before the region types (``BENCH_BEFORE``, default 0cd4fa6), checked out with
  ``git worktree`` into bench/.work/before and its own GeoPackage built by its own code.

Measured:
- bytes on the first load of ``/`` (the default view) and of ``/?lan=25``: HTTP bodies as encoded and
  WebSocket frames (DevTools protocol), until the network is quiet;
- the switch: a click on "Regiontyp" → the FA layer on the map (``data-fa="shown"`` in the map's frame),
  timed inside the frame's page clock; and the bytes that click brought (the FA file, the rerun);
- the first response of ``/?period=regiontyp`` (its HTML document, gzip, as sent).

Writes bench/results/regiontyp.json and the "Region types" section in bench/README.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.run import RESULTS, WORK, ByteCounter, StreamlitServer, machine, summary, versions, write_section
from deploy.cluster import streamlit_argv
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, block_outside

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

REPS = int(os.environ.get("BENCH_REGIONTYP_REPS", "5"))
BEFORE = os.environ.get("BENCH_BEFORE", "0cd4fa6")
MAP_FRAME = "st_folium"


class App(StreamlitServer):
    """`streamlit run serve.py` of a checkout (its own data), on a free loopback port."""

    def __init__(self, name: str, root: Path):
        self._launch(
            name,
            lambda port: streamlit_argv(root / "serve.py", port, "--server.fileWatcherType", "none"),
            root,
            WORK / f"regiontyp-{name}.log",
            env={**os.environ, "RSP_GPKG": str(root / "data" / "rsp.gpkg")},
        )


def before_checkout() -> Path:
    """The commit before the region types, with its own GeoPackage (built by its own code)."""
    path = WORK / "before"
    if path.exists():
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=False, capture_output=True)
    subprocess.run(["git", "worktree", "add", "--detach", str(path), BEFORE], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(
        [sys.executable, "-m", "geo", "build", "--contacts", "data/contacts.csv", "--out", "data/rsp.gpkg"],
        cwd=str(path),
        check=True,
        capture_output=True,
    )
    return path


def _context(browser, origin: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []
    block_outside(context, origin, outside)
    return context, outside


def _frame(page):
    return next((f for f in page.frames if MAP_FRAME in f.url), None)


def _poll(page, predicate, what: str, timeout: float = 60) -> None:
    """Poll inside Playwright (its events, such as a new frame, arrive only while it runs), bounded."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        page.wait_for_timeout(20)


def first_load_bytes(browser, app: App, path: str) -> int:
    context, outside = _context(browser, app.url)
    try:
        page = context.new_page()
        counter = ByteCounter(context, page)
        page.goto(app.url + path, wait_until="commit")
        _poll(
            page,
            lambda: (f := _frame(page)) is not None and f.locator("path.leaflet-interactive").count() == 21,
            "21 counties",
        )
        page.wait_for_function("() => !document.getElementById('rsp-first')", timeout=60_000)
        counter.wait_quiet(page)
        assert not outside, outside
        return counter.total
    finally:
        context.close()


def switch(browser, app: App) -> tuple[float, int]:
    """Click "Regiontyp" on the default view; ms until the FA layer is on the map, and the bytes it brought."""
    context, outside = _context(browser, app.url)
    try:
        page = context.new_page()
        counter = ByteCounter(context, page)
        page.goto(app.url + "/", wait_until="commit")
        page.wait_for_function("() => !document.getElementById('rsp-first')", timeout=60_000)
        _poll(
            page,
            lambda: (f := _frame(page)) is not None and f.locator("path[data-active]").count() == 21,
            "the map's state",
        )
        counter.wait_quiet(page)
        frame = _frame(page)
        frame.evaluate("""() => { window.__shown = null; const el = document.querySelector('.leaflet-container');
            const t = setInterval(() => { if (el.getAttribute('data-fa') === 'shown') {
              requestAnimationFrame(() => { window.__shown = performance.timeOrigin + performance.now(); }); clearInterval(t); } }, 5); }""")
        before = counter.total
        start = page.evaluate("""() => new Promise(resolve => {
            const b = [...document.querySelectorAll('[role=radiogroup] button, [role=radiogroup] [role=radio]')]
              .find(x => x.innerText.trim() === 'Regiontyp');
            const t = performance.timeOrigin + performance.now(); b.click(); resolve(t); })""")
        frame.wait_for_function("() => window.__shown !== null", timeout=30_000, polling=20)
        shown = frame.evaluate("() => window.__shown")
        counter.wait_quiet(page)
        assert not outside, outside
        return shown - start, counter.total - before
    finally:
        context.close()


def first_response(app: App, path: str) -> int:
    import urllib.request

    req = urllib.request.Request(app.url + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return len(r.read())


def main() -> int:
    from playwright.sync_api import sync_playwright

    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(exist_ok=True)
    started = time.monotonic()
    before_root = before_checkout()
    apps = {"now": App("now", ROOT), "before": App("before", before_root)}
    raw: dict[str, list] = {f"{k}_{p}": [] for k in apps for p in ("default", "lan25")}
    raw |= {"switch_ms": [], "switch_bytes": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for app in apps.values():  # one warm-up each (first session of a process loads the data)
                first_load_bytes(browser, app, "/")
            switch(browser, apps["now"])
            for _ in range(REPS):
                for name, app in apps.items():
                    raw[f"{name}_default"].append(first_load_bytes(browser, app, "/"))
                    raw[f"{name}_lan25"].append(first_load_bytes(browser, app, "/?lan=25"))
                ms, nbytes = switch(browser, apps["now"])
                raw["switch_ms"].append(ms)
                raw["switch_bytes"].append(nbytes)
            env = versions(browser)
            browser.close()
        responses = {
            path: {name: first_response(app, path) for name, app in apps.items()}
            for path in ("/", "/?lan=25", "/?period=regiontyp", "/?period=regiontyp&lan=20")
        }
    finally:
        for app in apps.values():
            app.stop()
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(before_root)], cwd=ROOT, check=False, capture_output=True
        )
    res = {
        "run_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "machine": machine(),
        "versions": env,
        "reps": REPS,
        "before": BEFORE,
        "seconds": round(time.monotonic() - started),
        "summary": {k: summary([float(v) for v in vals]) for k, vals in raw.items()},
        "raw": raw,
        "first_response_gzip_bytes": responses,
    }
    res["growth_default_bytes"] = round(
        res["summary"]["now_default"]["median"] - res["summary"]["before_default"]["median"]
    )
    res["growth_lan25_bytes"] = round(res["summary"]["now_lan25"]["median"] - res["summary"]["before_lan25"]["median"])
    res["targets"] = {
        "default view grows by at most 20 kB": res["growth_default_bytes"] <= 20_000,
        "switch paints in at most 1 s (loopback)": res["summary"]["switch_ms"]["median"] <= 1000,
    }
    (RESULTS / "regiontyp.json").write_text(json.dumps(res, indent=2) + "\n")
    write_table(res)
    print(json.dumps({k: res[k] for k in ("growth_default_bytes", "growth_lan25_bytes", "targets")}, indent=2))
    print(json.dumps(res["summary"], indent=2))
    return 0 if all(res["targets"].values()) else 1


def _n(v: float) -> str:
    return f"{v:,.0f}"


def write_table(res: dict) -> None:
    s = res["summary"]
    m, v = res["machine"], res["versions"]
    lines = [
        f"Run {res['run_at']} on {m['cores']} cores, {m['memory_gib']} GiB; Chromium {v.get('chromium', '?')}. "
        f"{res['reps']} repetitions, interleaved, a fresh context each, 1400×1000, loopback; median / p95. "
        f"Before = {res['before']} (the commit before the region types). Whole run: {res['seconds']} s.",
        "",
        "| measure | before | now | change |",
        "|---|---|---|---|",
    ]
    for key, label in (("default", "bytes on first load of `/`"), ("lan25", "bytes on first load of `/?lan=25`")):
        b, n = s[f"before_{key}"], s[f"now_{key}"]
        lines.append(
            f"| {label} | {_n(b['median'])} / {_n(b['p95'])} | {_n(n['median'])} / {_n(n['p95'])} | "
            f"{n['median'] - b['median']:+,.0f} |"
        )
    lines.append(
        f"| switch to Regiontyp → FA layer painted, ms | — | {_n(s['switch_ms']['median'])} / {_n(s['switch_ms']['p95'])} | |"
    )
    lines.append(
        f"| bytes the switch brings (FA file + rerun) | — | {_n(s['switch_bytes']['median'])} / {_n(s['switch_bytes']['p95'])} | |"
    )
    lines += ["", "First response (the HTML document, gzip, bytes):", ""]
    lines += ["| address | before | now |", "|---|---|---|"]
    for path, by in res["first_response_gzip_bytes"].items():
        lines.append(f"| `{path}` | {_n(by['before'])} | {_n(by['now'])} |")
    lines += ["", "| target | met |", "|---|---|"]
    lines += [f"| {k} | {'yes' if ok else 'no'} |" for k, ok in res["targets"].items()]
    write_section("regiontyp", "Region types: what the third view costs (issue 20)", lines)


if __name__ == "__main__":
    sys.exit(main())
