"""Benchmark: our app against the tutorial baseline and a static HTML floor, in one run.

    .venv/bin/python -m bench.run            (or: make bench)

Starts three servers on loopback — our app, bench/baseline_app.py and a plain HTTP server with the
same folium map saved as one HTML file — and measures each in headless Chromium with a fresh browser
context per repetition and every non-loopback request aborted:

- first paint: navigation start -> 21 county polygons in the map (timed inside the browser);
- click -> card: a click on a county -> that county's contact person on the page (inside the browser);
- bytes transferred on first load (HTTP bodies and WebSocket frames, from the DevTools protocol);
- server-side script time of the rerun(s) a click causes (every run is timed by bench/serve.py);
- server memory (RSS) with 1, 10 and 50 concurrent sessions (WebSocket clients speaking Streamlit's
  protocol), and any errors.

Writes bench/results/latest.json and the results table in bench/README.md.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path

from deploy.cluster import end, streamlit_options
from geo.data.contacts import read_contacts
from geo.paths import CONTACTS_CSV, GPKG
from geo.web.assets import ensure_leaflet
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, block_outside, free_port, wait_until

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

REPS = int(os.environ.get("BENCH_REPS", "12"))
CLICKS_PER_REP = 3
SESSION_LEVELS = (1, 10, 50)
RESULTS = BENCH / "results"
WORK = BENCH / ".work"

PAINT_SCRIPT = """
(() => {
  // Polled every 10 ms in every frame: a MutationObserver does not survive how the map's
  // iframe document is filled in.
  const timer = setInterval(() => {
    if (document.querySelectorAll('path.leaflet-interactive').length >= 21) {
      try { if (!window.top.__paint) { window.top.__paint = Date.now(); } } catch (e) {}
      clearInterval(timer);
    }
  }, 10);
})();
"""
WATCH_TEXT = """(person) => {
  window.__card = null;
  const seen = () => document.body && document.body.innerText.includes(person);
  const obs = new MutationObserver(() => { if (seen()) { window.__card = Date.now(); obs.disconnect(); } });
  obs.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


# --- servers ------------------------------------------------------------------------------------


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as resp:
            return resp.status == 200
    except OSError:
        return False


def wait_started(proc, url: str, name: str, log) -> None:
    """Wait (at most 90 s) until the app process at ``url`` answers /_stcore/health; raise if it exited."""
    wait_until(lambda: proc.poll() is not None or _healthy(f"{url}/_stcore/health"), timeout=90, what=f"{name} server")
    if proc.poll() is not None:
        raise RuntimeError(f"{name} server exited; see {log}")


def ready() -> bool:
    """The benchmark can run: the data is built (else it says how), and its folders exist."""
    if not GPKG.exists():
        print("data/rsp.gpkg is missing: run `make data` first", file=sys.stderr)
        return False
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    return True


class StreamlitServer:
    """An app under bench/serve.py (each script run timed into WORK/timing-NAME.jsonl), on a free loopback
    port, its output in WORK/server-NAME.log."""

    def __init__(self, name: str, app: Path, cwd: Path = ROOT):
        self.app = app
        self.timing = WORK / f"timing-{name}.jsonl"
        self.timing.write_text("")
        options = ("--server.enableStaticServing", "true", "--server.fileWatcherType", "none")
        self._launch(
            name,
            lambda port: [
                sys.executable,
                str(BENCH / "serve.py"),
                str(self.timing),
                str(app),
                *streamlit_options(port, *options),
            ],
            cwd,
            WORK / f"server-{name}.log",
        )

    def _launch(self, name: str, argv, cwd: Path, log: Path, env: dict | None = None) -> None:
        """Start ``argv(port)`` on a free port and wait until it answers."""
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "w")
        self.proc = subprocess.Popen(argv(self.port), cwd=str(cwd), stdout=self.log, stderr=subprocess.STDOUT, env=env)
        wait_started(self.proc, self.url, name, log)

    def runs(self) -> list[dict]:
        return [json.loads(line) for line in self.timing.read_text().splitlines() if line.strip()]

    def rss_mib(self) -> float:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024

    def stop(self):
        end(self.proc)
        self.log.close()


class StaticServer:
    """The floor: the same folium map saved as one HTML file, Leaflet beside it, plain HTTP."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build_floor() -> Path:
    import geopandas as gpd

    from bench.tutorial_map import tutorial_map

    root = WORK / "floor"
    if root.exists():
        shutil.rmtree(root)
    ensure_leaflet(root)
    m = tutorial_map(gpd.read_file(GPKG, layer="counties"), "leaflet")
    m.save(str(root / "index.html"))
    return root


# --- browser measurements -------------------------------------------------------------------------


class ByteCounter:
    def __init__(self, context, page):
        self.total = 0
        self.last = time.monotonic()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.loadingFinished", self._http)
        cdp.on("Network.webSocketFrameReceived", self._ws)
        cdp.on("Network.webSocketFrameSent", self._ws)

    def _http(self, event):
        self.total += int(event.get("encodedDataLength", 0))
        self.last = time.monotonic()

    def _ws(self, event):
        frame = event["response"]
        data = frame.get("payloadData", "")
        self.total += len(base64.b64decode(data)) if frame.get("opcode") == 2 else len(data.encode())
        self.last = time.monotonic()

    def wait_quiet(self, page, quiet: float = 0.75, timeout: float = 20):
        # Playwright delivers events while it waits on the page, so wait inside it
        deadline = time.monotonic() + timeout
        while time.monotonic() - self.last < quiet and time.monotonic() < deadline:
            page.wait_for_timeout(100)


def first_load(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []
    block_outside(context, url, outside)
    context.add_init_script(PAINT_SCRIPT)
    page = context.new_page()
    counter = ByteCounter(context, page)
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => window.__paint !== undefined", timeout=60_000, polling=50)
    paint = page.evaluate("() => window.__paint - performance.timeOrigin")
    counter.wait_quiet(page)
    return context, page, paint, counter.total, outside


def _map_frame(page):
    return next((f for f in page.frames if "st_folium" in f.url), page.main_frame)


CLICK_OURS = """(code) => { const el = document.querySelector(`path[data-lan="${code}"]`);
  window.top.__c0 = Date.now(); el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window})); }"""
CLICK_NTH = """(index) => { const el = document.querySelectorAll('path.leaflet-interactive')[index];
  window.top.__c0 = Date.now(); el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window})); }"""


def click_to_card(page, server: StreamlitServer, kind: str, code: str, index: int, person: str):
    page.evaluate(WATCH_TEXT, person)
    frame = _map_frame(page)
    if kind == "ours":
        frame.evaluate(CLICK_OURS, code)
    else:
        frame.evaluate(CLICK_NTH, index)
    page.wait_for_function("() => window.__card !== null", timeout=30_000, polling=20)
    c0, card = page.evaluate("() => [window.__c0, window.__card]")
    # the runs this click caused: started after the click, finished before the card showed
    runs = [r for r in server.runs() if r["start"] * 1000 >= c0 - 5 and r["end"] * 1000 <= card + 50]
    return card - c0, sum((r["end"] - r["start"]) * 1000 for r in runs), len(runs)


# --- concurrent sessions -------------------------------------------------------------------------


def _session(url: str, queries: list[str], errors: list[str], ready: threading.Barrier, done: threading.Event):
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        with connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=30) as ws:
            for query in queries:
                msg = BackMsg()
                msg.rerun_script.query_string = query
                ws.send(msg.SerializeToString())
                deadline = time.monotonic() + 120
                while True:
                    fwd = ForwardMsg.FromString(ws.recv(timeout=max(1, deadline - time.monotonic())))
                    if fwd.WhichOneof("type") == "delta" and fwd.delta.new_element.WhichOneof("type") == "exception":
                        errors.append(f"exception: {fwd.delta.new_element.exception.message[:200]}")
                    if fwd.WhichOneof("type") == "script_finished":
                        break
            ready.wait(timeout=300)
            done.wait(timeout=300)
    except Exception as exc:  # noqa: BLE001 - every failure counts as an error
        errors.append(f"{type(exc).__name__}: {exc}")
        try:
            ready.abort()
        except threading.BrokenBarrierError:
            pass


def concurrent_sessions(server: StreamlitServer, n: int, codes: list[str]) -> dict:
    errors: list[str] = []
    ready = threading.Barrier(n + 1)
    done = threading.Event()
    threads = [
        threading.Thread(
            target=_session,
            args=(
                server.url,
                [f"lan={codes[i % len(codes)]}", f"lan={codes[(i + 5) % len(codes)]}&typ=region"],
                errors,
                ready,
                done,
            ),
            daemon=True,
        )
        for i in range(n)
    ]
    for th in threads:
        th.start()
    try:
        ready.wait(timeout=300)
    except threading.BrokenBarrierError:
        errors.append("not every session finished its runs")
    rss = server.rss_mib()
    done.set()
    for th in threads:
        th.join(timeout=30)
    return {"sessions": n, "rss_mib": round(rss, 1), "errors": len(errors), "error_samples": errors[:3]}


# --- statistics and report -----------------------------------------------------------------------


def summary(values: list[float]) -> dict:
    values = sorted(values)
    if not values:
        return {}
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {
        "n": len(values),
        "median": round(statistics.median(values), 1),
        "p95": round(p95, 1),
        "min": round(values[0], 1),
        "max": round(values[-1], 1),
    }


def machine() -> dict:
    mem = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text()).group(1)
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(int(mem) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def versions(browser) -> dict:
    return {
        pkg: version(pkg) for pkg in ("streamlit", "streamlit-folium", "folium", "geopandas", "xstatic-leaflet")
    } | {"chromium": browser.version}


def main() -> int:
    # Long (about 90 lines) on purpose: the benchmark's run order, read top to bottom — servers, warm-up,
    # interleaved repetitions, sessions, ratios, report — with the measuring itself in the functions above.
    from playwright.sync_api import sync_playwright

    if not ready():
        return 1
    ensure_leaflet(BENCH / "static")
    rows = {r["lan_kod"]: r for r in read_contacts(CONTACTS_CSV)}
    codes = sorted(rows)
    started = time.monotonic()

    servers = {
        "ours": StreamlitServer("ours", ROOT / "serve.py"),
        "baseline": StreamlitServer("baseline", BENCH / "baseline_app.py", cwd=BENCH),
    }
    floor = StaticServer(build_floor())
    result: dict = {
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "machine": machine(),
        "reps": REPS,
        "clicks_per_rep": CLICKS_PER_REP,
        "targets": {},
    }
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            result["versions"] = versions(browser)
            measures: dict[str, dict[str, list]] = {
                k: {"paint": [], "bytes": [], "click": [], "server": [], "runs": []}
                for k in ("ours", "baseline", "floor")
            }
            outside_all: list[str] = []
            # warm-up: the first session of a server pays for imports and caches
            for kind in ("ours", "baseline"):
                ctx, *_ = first_load(browser, servers[kind].url)
                ctx.close()
            for rep in range(REPS):
                for kind in ("floor", "ours", "baseline"):  # interleaved, so machine noise hits all alike
                    url = floor.url + "/index.html" if kind == "floor" else servers[kind].url
                    ctx, page, paint, nbytes, outside = first_load(browser, url)
                    outside_all += outside
                    measures[kind]["paint"].append(paint)
                    measures[kind]["bytes"].append(nbytes)
                    if kind != "floor":
                        for k in range(CLICKS_PER_REP):
                            i = (rep * CLICKS_PER_REP + k) % len(codes)
                            code = codes[i]
                            person = rows[code]["contact_persons"].split(";")[0].strip()
                            ms, server_ms, nruns = click_to_card(page, servers[kind], kind, code, i, person)
                            measures[kind]["click"].append(ms)
                            measures[kind]["server"].append(server_ms)
                            measures[kind]["runs"].append(nruns)
                    ctx.close()
                print(f"rep {rep + 1}/{REPS} done ({time.monotonic() - started:.0f}s)", flush=True)
            browser.close()

        for kind, m in measures.items():
            result[kind] = {"first_paint_ms": summary(m["paint"]), "first_load_bytes": summary(m["bytes"])}
            if kind != "floor":
                result[kind]["click_to_card_ms"] = summary(m["click"])
                result[kind]["server_ms_per_click"] = summary(m["server"])
                result[kind]["runs_per_click"] = summary(m["runs"])
        result["outside_requests"] = sorted(set(outside_all))

        for kind in ("ours", "baseline"):
            result[kind]["sessions"] = [concurrent_sessions(servers[kind], n, codes) for n in SESSION_LEVELS]
            print(f"{kind} sessions: {result[kind]['sessions']}", flush=True)
    finally:
        for server in servers.values():
            server.stop()
        floor.stop()

    o, b, f = result["ours"], result["baseline"], result["floor"]
    ratio = lambda a, c: round(a / c, 2) if c else None  # noqa: E731
    result["ratios"] = {
        "first_paint_baseline_over_ours": ratio(b["first_paint_ms"]["median"], o["first_paint_ms"]["median"]),
        "first_paint_ours_over_floor": ratio(o["first_paint_ms"]["median"], f["first_paint_ms"]["median"]),
        "click_baseline_over_ours": ratio(b["click_to_card_ms"]["median"], o["click_to_card_ms"]["median"]),
        "bytes_ours_over_floor": ratio(o["first_load_bytes"]["median"], f["first_load_bytes"]["median"]),
    }
    r = result["ratios"]
    fifty = next(s for s in o["sessions"] if s["sessions"] == 50)
    result["targets"] = {
        "first_paint_2x_faster_than_baseline": r["first_paint_baseline_over_ours"] >= 2,
        "first_paint_within_5x_floor": r["first_paint_ours_over_floor"] <= 5,
        "click_median_le_100ms": o["click_to_card_ms"]["median"] <= 100,
        "click_p95_le_150ms": o["click_to_card_ms"]["p95"] <= 150,
        "click_5x_faster_than_baseline": r["click_baseline_over_ours"] >= 5,
        "sessions_50_within_1gib_no_errors": fifty["rss_mib"] <= 1024 and fifty["errors"] == 0,
    }
    result["elapsed_s"] = round(time.monotonic() - started, 1)
    return save_results(result, "latest", write_readme_table)


def _cell(summary_: dict, unit: str = "") -> str:
    return f"{summary_['median']:,.0f}{unit} / {summary_['p95']:,.0f}{unit}" if summary_ else "—"


def write_readme_table(r: dict) -> None:
    o, b, f = r["ours"], r["baseline"], r["floor"]
    ses = lambda k: " · ".join(f"{s['sessions']}: {s['rss_mib']:.0f} MiB, {s['errors']} err" for s in r[k]["sessions"])  # noqa: E731
    m, v = r["machine"], r["versions"]
    lines = [
        f"Run {r['date']} on {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}; streamlit {v['streamlit']}, "
        f"streamlit-folium {v['streamlit-folium']}, folium {v['folium']}, Leaflet (XStatic) {v['xstatic-leaflet']}, "
        f"Chromium {v['chromium']}. {r['reps']} repetitions (fresh browser context each), {r['clicks_per_rep']} clicks "
        f"per repetition; median / p95. Whole run: {r['elapsed_s']:.0f} s.",
        "",
        "| measure | ours | baseline (tutorial) | static floor | ratio |",
        "|---|---|---|---|---|",
        f"| first paint, ms | {_cell(o['first_paint_ms'])} | {_cell(b['first_paint_ms'])} | {_cell(f['first_paint_ms'])} | "
        f"baseline/ours {r['ratios']['first_paint_baseline_over_ours']}×, ours/floor {r['ratios']['first_paint_ours_over_floor']}× |",
        f"| click → card, ms | {_cell(o['click_to_card_ms'])} | {_cell(b['click_to_card_ms'])} | — | "
        f"baseline/ours {r['ratios']['click_baseline_over_ours']}× |",
        f"| server script time per click, ms | {_cell(o['server_ms_per_click'])} | {_cell(b['server_ms_per_click'])} | — | |",
        f"| bytes on first load | {_cell(o['first_load_bytes'])} | {_cell(b['first_load_bytes'])} | {_cell(f['first_load_bytes'])} | "
        f"ours/floor {r['ratios']['bytes_ours_over_floor']}× |",
        f"| server RSS by concurrent sessions | {ses('ours')} | {ses('baseline')} | — | |",
        "",
        "| target | met |",
        "|---|---|",
        *[f"| {name.replace('_', ' ')} | {'yes' if ok else '**no**'} |" for name, ok in r["targets"].items()],
        "",
        f"Requests that tried to leave loopback: {len(r['outside_requests'])}.",
    ]
    write_section("results", "", lines)


def save_results(
    result: dict, name: str, write_table, show: tuple[str, ...] = ("ratios", "targets", "elapsed_s")
) -> int:
    """``result`` as results/NAME.json (atomically), its table in bench/README.md, the ``show`` keys printed."""
    tmp = RESULTS / f"{name}.json.tmp"
    tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    tmp.replace(RESULTS / f"{name}.json")
    write_table(result)
    if show:
        print(json.dumps({key: result[key] for key in show}, indent=2))
    return 0


@contextlib.contextmanager
def four_targets(path: str):
    """The four things measured side by side, each opened at ``path``: ours through Caddy (`make serve`), ours
    direct (`make run`), the tutorial baseline and the static floor (at its index.html), as
    ``{kind: (address, origin)}``; every server is stopped afterwards."""
    from deploy.cluster import Cluster

    ensure_leaflet(BENCH / "static")
    direct = StreamlitServer("ours-direct", ROOT / "serve.py")
    baseline = StreamlitServer("baseline", BENCH / "baseline_app.py", cwd=BENCH)
    floor = StaticServer(build_floor())
    cluster = Cluster(workers=2, port=None, logs=WORK / "proxy-logs").start()
    try:
        yield {
            "proxy": (cluster.url + path, cluster.url),
            "direct": (direct.url + path, direct.url),
            "baseline": (baseline.url + path, baseline.url),
            "floor": (floor.url + "/index.html", floor.url),
        }
    finally:
        cluster.stop()
        direct.stop()
        baseline.stop()
        floor.stop()


def target_table(targets: dict[str, bool]) -> list[str]:
    """The "| target | met |" table of a run's targets (names with _ read as spaces)."""
    rows = [f"| {name.replace('_', ' ')} | {'yes' if ok else '**no**'} |" for name, ok in targets.items()]
    return ["| target | met |", "|---|---|", *rows]


def write_section(name: str, heading: str, lines: list[str]) -> None:
    """Replace bench/README.md's ``<!-- NAME:start -->`` … ``<!-- NAME:end -->`` with ``lines`` (atomically);
    a section not there yet is added at the end under ``heading``."""
    readme = BENCH / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start not in text:
        text += f"\n## {heading}\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    tmp = readme.with_suffix(".md.tmp")
    tmp.write_text(before + start + "\n" + "\n".join(lines) + "\n" + end + after, encoding="utf-8")
    tmp.replace(readme)


if __name__ == "__main__":
    sys.exit(main())
