"""Benchmark of issue 28: the answer first on a phone, and a first view that is a whole app.

    .venv/bin/python -m bench.answer        (make bench runs it; BENCH_BEFORE=DIR adds the code before)

Phone (390×844, touch), rural profile (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, DevTools protocol),
each load in a fresh Chromium context, ``make run``'s server (the guard in front of Streamlit, HTTP/1.1) and
``make serve``'s (Caddy in front, HTTP/2). Side by side
with the code before this issue's points 3 and 4 when ``BENCH_BEFORE`` names a checkout of it (its own
data built there; `git worktree add DIR c5e64bf`):

- action: navigation → the card's first action (the support page, or the region's site) painted inside the
  first screen, for the three shared links of the issue;
- search: in the first view of ``/``, "Malungs kommun" typed and sent → Dalarna's card painted (script on:
  the first view's own navigation; script off: a page load);
- click during the boot: ``/?lan=25`` opened, a tap on Västerbotten in the first view's map as soon as it is
  painted → the live app showing Västerbotten (the first view handed over), measured from the tap; beside it
  a fresh load of ``/?lan=24`` → the same, measured from its start. The target: the tap's live map no later.

Writes bench/results/answer.json and the "Answer first" section of bench/README.md.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.proxy import RURAL
from bench.run import WORK, machine, ready, save_results, summary, target_table, versions, wait_started, write_section
from deploy.cluster import end
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, free_port

ROOT = Path(__file__).resolve().parent.parent
REPS = int(os.environ.get("BENCH_ANSWER_REPS", "5"))
BEFORE = os.environ.get("BENCH_BEFORE", "")
PHONE = {"width": 390, "height": 844}
SHARED = {"/?lan=25": "25", "/?kommun=2023": "20", "/?lan=09&lang=en": "09"}
LOOPBACK_ONLY = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
# Polled every 10 ms in every document; a moment is taken (wall clock, ms) in the next animation frame, when
# it is painted, and kept in sessionStorage so that it survives a page load of the same tab.
MOMENTS = """
(() => {
  const keep = (name) => requestAnimationFrame(() => {
    if (!sessionStorage.getItem(name)) sessionStorage.setItem(name, String(Date.now())); });
  const onScreen = (el) => { if (!el) return false; const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; };
  const timer = setInterval(() => {
    if (!document.body) return;
    const action = document.querySelector('.rsp-card .rsp-today a');
    if (onScreen(action)) keep('action');
    const h = [...document.querySelectorAll('.rsp-card h2')].map(e => e.innerText).join(' ');
    if (h.includes('Dalarna')) keep('dalarna');
    if (!document.getElementById('rsp-first') && document.querySelector('#root .rsp-card h2')
        && document.querySelector('#root .rsp-card h2').innerText.includes('Västerbotten')) keep('live-24');
  }, 10);
})();
"""


class Server:
    """`streamlit run serve.py` of a checkout (this one, or BENCH_BEFORE's), on a free loopback port."""

    def __init__(self, name: str, checkout: Path):
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log = WORK / f"server-answer-{name}.log"
        self.log = open(log, "w")
        argv = [sys.executable, "-m", "streamlit", "run", str(checkout / "serve.py"), "--server.port", str(self.port)]
        argv += ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
        argv += ["--browser.gatherUsageStats", "false"]
        self.proc = subprocess.Popen(argv, cwd=str(checkout), stdout=self.log, stderr=subprocess.STDOUT)
        wait_started(self.proc, self.url, name, log)

    def stop(self) -> None:
        end(self.proc)
        self.log.close()


class Proxied:
    """`make serve` in miniature (two app processes behind Caddy, HTTP/2 over TLS), this checkout."""

    def __init__(self):
        from deploy.cluster import Cluster

        self.cluster = Cluster(workers=2, port=None, logs=WORK / "answer-proxy-logs").start()
        self.url = self.cluster.url

    def stop(self) -> None:
        self.cluster.stop()


def _page(browser, js: bool = True):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=js, ignore_https_errors=True
    )
    if js:
        context.add_init_script(MOMENTS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", RURAL)
    return context, page


def _moment(page, name: str, timeout_s: float = 120) -> float:
    deadline = time.monotonic() + timeout_s
    from playwright.sync_api import Error

    while time.monotonic() < deadline:
        try:
            value = page.evaluate(f"sessionStorage.getItem('{name}')")
        except Error:  # a page load under way (the first view's fallback, or a plain link): ask again
            value = None
        if value:
            return float(value)
        page.wait_for_timeout(20)
    raise TimeoutError(f"{name} not reached in {timeout_s:.0f} s")


def action_ms(browser, url: str) -> float:
    context, page = _page(browser)
    try:
        page.goto(url, wait_until="commit")
        start = page.evaluate("performance.timeOrigin")
        return _moment(page, "action") - start
    finally:
        context.close()


def search_ms(browser, base: str, js: bool) -> float:
    context, page = _page(browser, js)
    try:
        page.goto(base + "/", wait_until="commit")
        box = page.locator("#rsp-first #rf-sok")
        box.wait_for(timeout=60_000)
        box.fill("Malungs kommun")
        if not js:  # no script runs: the moments are taken here, by polling from the test's side
            sent = time.time() * 1000
            box.press("Enter")
            page.locator(".rsp-card h2", has_text="Dalarna").wait_for(timeout=60_000)
            return time.time() * 1000 - sent
        sent = page.evaluate("Date.now()")
        box.press("Enter")
        return _moment(page, "dalarna") - sent
    finally:
        context.close()


def live_24_ms(browser, base: str, tap: bool) -> float:
    """To the live app on Västerbotten: from a tap on it in the first view of /?lan=25 (the neighbour, on the
    map beside Norrbotten) as soon as it shows (``tap``), or from the start of a fresh load of /?lan=24."""
    context, page = _page(browser)
    try:
        page.goto(base + ("/?lan=25" if tap else "/?lan=24"), wait_until="commit")
        if tap:
            shape = page.locator('#rsp-first svg a[data-lan="24"] path')
            shape.wait_for(timeout=60_000)
            start = page.evaluate("Date.now()")
            shape.click()
        else:
            start = page.evaluate("performance.timeOrigin")
        return _moment(page, "live-24") - start
    finally:
        context.close()


def measure(browser, base: str) -> dict[str, float]:
    out = {f"action {path}": action_ms(browser, base + path) for path in SHARED}
    out["search, script on"] = search_ms(browser, base, True)
    out["search, script off"] = search_ms(browser, base, False)
    out["tap during boot → live"] = live_24_ms(browser, base, tap=True)
    out["fresh load → live"] = live_24_ms(browser, base, tap=False)
    return out


def main() -> int:
    from playwright.sync_api import sync_playwright

    if not ready():
        return 1
    started = time.monotonic()
    servers = {"now": Server("now", ROOT)}
    servers["now, through Caddy"] = Proxied()
    if BEFORE:
        servers["before"] = Server("before", Path(BEFORE))
    found: dict[str, dict[str, list[float]]] = {name: {} for name in servers}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + LOOPBACK_ONLY)
            info = versions(browser)
            for server in servers.values():  # warm-up: imports, the data, the caches
                measure(browser, server.url)
            for rep in range(REPS):
                for name, server in servers.items():
                    for key, value in measure(browser, server.url).items():
                        found[name].setdefault(key, []).append(value)
                print(
                    f"rep {rep + 1}/{REPS}: "
                    + "; ".join(
                        f"{n} " + ", ".join(f"{k} {v[-1]:.0f}" for k, v in f.items()) for n, f in found.items()
                    ),
                    flush=True,
                )
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    result: dict = {
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "machine": machine(),
        "versions": info,
        "reps": REPS,
        "before": BEFORE
        and subprocess.run(
            ["git", "-C", BEFORE, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
        "now": subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
        "results": {name: {k: summary(v) for k, v in f.items()} for name, f in found.items()},
    }
    result["targets"] = {}
    for name in ("now", "now, through Caddy"):
        got = result["results"][name]
        med = lambda key, got=got: got[key]["median"]  # noqa: E731
        result["targets"] |= {
            f"{name}: action on the first screen within 1 s (every shared link)": all(
                med(f"action {p}") <= 1000 for p in SHARED
            ),
            f"{name}: first-view search answer within 1 s (script on and off)": max(
                med("search, script on"), med("search, script off")
            )
            <= 1000,
            f"{name}: tap during boot, live map no later than a fresh load": med("tap during boot → live")
            <= med("fresh load → live"),
        }
    result["elapsed_s"] = round(time.monotonic() - started, 1)
    return save_results(result, "answer", write_table, show=("targets", "elapsed_s"))


def write_table(res: dict) -> None:
    names = list(res["results"])
    keys = list(res["results"]["now"])
    m = res["machine"]
    lines = [
        f"Run {res['date']} on {m['cores']} cores, {m['memory_gib']} GiB; Chromium {res['versions']['chromium']}. "
        f"Phone 390×844, rural profile, `make run`'s server (HTTP/1.1) and `make serve`'s (Caddy, HTTP/2); "
        f"{res['reps']} runs of each, interleaved; median / p95, "
        f"ms. now = {res['now']}"
        + (f", before = {res['before']} (the code before points 3 and 4)" if res["before"] else "")
        + f". Whole run: {res['elapsed_s']:.0f} s.",
        "",
        "| measure | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for key in keys:
        cells = [
            f"{res['results'][n][key]['median']:,.0f} / {res['results'][n][key]['p95']:,.0f}"
            if key in res["results"][n]
            else "–"
            for n in names
        ]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    lines += [
        "",
        *target_table(res["targets"]),
    ]
    write_section("answer", "Answer first: the phone's first screen and the first view as an app (issue 28)", lines)


if __name__ == "__main__":
    sys.exit(main())
