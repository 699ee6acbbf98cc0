"""Benchmark of the production set-up (deploy/): load through Caddy, and first paint on a rural link.

    .venv/bin/python -m bench.proxy        (or: make bench, which runs bench/run.py first)

1. Load: Caddy in front of 3 app processes; SESSIONS (300) concurrent WebSocket clients speaking
   Streamlit's protocol over TLS, each keeping the proxy's cookie like a browser. Each opens the map and
   then switches county SWITCHES times, a second or so apart; time to card = the rerun request sent → the
   delta holding that county's card received. Errors: a switch that never got its card. Run twice: as is,
   and with one app process killed (SIGKILL) in the middle. A client whose connection drops does what the
   browser does: reconnects through the proxy (and its cookie, to a live process) and asks again; its
   time to card then includes the reconnect.
2. Rural link: first paint (navigation → 21 county polygons) in a fresh Chromium context under Lighthouse's
   mobile throttling (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, DevTools protocol) for ours through
   the proxy, ours direct (`make run`), the tutorial baseline and the static floor, interleaved in one run;
   bytes on the wire (HTTP encoded bytes, plus WebSocket frames — deflated, as sent, where the connection
   negotiated permessage-deflate) and the number of requests until the network is quiet.

Writes bench/results/proxy.json and the "Production set-up" table in bench/README.md.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import random
import re
import sys
import threading
import time
import zlib
from pathlib import Path

from bench.run import (
    PAINT_SCRIPT,
    WORK,
    four_targets,
    machine,
    ready,
    save_results,
    summary,
    target_table,
    versions,
    write_section,
)
from deploy.cluster import Cluster
from geo.data.counties import by_code
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, block_outside

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

SESSIONS = int(os.environ.get("BENCH_SESSIONS", "300"))
SWITCHES = int(os.environ.get("BENCH_SWITCHES", "5"))
WORKERS = 3
RURAL_REPS = int(os.environ.get("BENCH_RURAL_REPS", "5"))
RURAL = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CODES = sorted(by_code())  # the 21 counties
SWITCH_TIMEOUT_S = 30
CONNECT_TIMEOUT_S = 30
RUN_DEADLINE_S = 900  # a load run's sessions must all be done by then; one still going counts as an error
RECONNECT_TRIES = 8


# --- 1. load through the proxy -------------------------------------------------------------------


class Client:
    """One browser's worth of Streamlit protocol through the proxy, with the proxy's cookie."""

    def __init__(self, cluster: Cluster):
        self.cluster, self.cookie, self.ws, self.reconnects, self.hung_handshakes = cluster, "", None, 0, 0

    def connect(self) -> None:
        """Open the WebSocket through the proxy. The attempt runs in a thread of its own with a deadline:
        under load, websockets' sync client was seen to hang for good after a failed TLS handshake (joining
        its reader thread in ``open_connection``); a browser would simply try again, and so does this."""
        from websockets.sync.client import connect

        headers = {"Cookie": f"rsp_worker={self.cookie}"} if self.cookie else {}
        found: dict = {}

        def attempt():
            try:
                found["ws"] = connect(
                    self.cluster.url.replace("https://", "wss://") + "/_stcore/stream",
                    subprotocols=["streamlit"],
                    ssl=self.cluster.ssl_context(),
                    additional_headers=headers,
                    max_size=None,
                    open_timeout=CONNECT_TIMEOUT_S,
                    legacy=True,
                )
            except Exception as exc:  # noqa: BLE001 - handed to the caller
                found["error"] = exc

        opener = threading.Thread(target=attempt, daemon=True)
        opener.start()
        opener.join(timeout=CONNECT_TIMEOUT_S + 5)
        if opener.is_alive():
            self.hung_handshakes += 1
            raise TimeoutError("the client's WebSocket handshake hung; trying again")
        if "error" in found:
            raise found["error"]
        self.ws = found["ws"]
        for value in self.ws.response.headers.get_all("Set-Cookie"):
            found = re.match(r"rsp_worker=([0-9a-f]+)", value)
            if found:
                self.cookie = found.group(1)

    def run(self, query: str, code: str | None, t0: float) -> float | None:
        """Ask for a run of ``query`` and read it to its end; returns the ms from ``t0`` to the delta holding
        the card for ``code`` (None without a code)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = query
        self.ws.send(msg.SerializeToString())
        card_ms = None
        deadline = time.monotonic() + SWITCH_TIMEOUT_S
        while True:
            fwd = ForwardMsg.FromString(self.ws.recv(timeout=max(1, deadline - time.monotonic())))
            kind = fwd.WhichOneof("type")
            element = fwd.delta.new_element.WhichOneof("type") if kind == "delta" else None
            if element == "exception":
                raise RuntimeError(f"exception in the page: {fwd.delta.new_element.exception.message[:200]}")
            if code and card_ms is None and element == "html":
                body = fwd.delta.new_element.html.body
                if 'class="rsp-card"' in body and f'data-lan="{code}"' in body:
                    card_ms = (time.monotonic() - t0) * 1000
            if kind == "script_finished":
                if code and card_ms is None:
                    raise RuntimeError(f"the run for {query} finished without the card")
                return card_ms

    def run_reconnecting(self, query: str, code: str | None) -> float | None:
        """As the browser does: on a dropped connection, reconnect (backing off) and ask again. The time to
        the card counts from the first request."""
        from websockets.exceptions import ConnectionClosed

        t0 = time.monotonic()
        for attempt in range(RECONNECT_TRIES):
            try:
                if self.ws is None:
                    self.connect()
                return self.run(query, code, t0)
            except (ConnectionClosed, OSError) as exc:
                last = exc
                self.close()
                self.reconnects += 1
                time.sleep(min(4.0, 0.25 * 2**attempt))
        raise RuntimeError(f"no card after {RECONNECT_TRIES} reconnects: {last}")

    def close(self) -> None:
        if self.ws is not None:
            try:
                self.ws.close()
            except Exception:  # noqa: BLE001 - the connection is gone either way
                pass
        self.ws = None


def _user(cluster: Cluster, index: int, out: dict, connected: threading.Barrier, go: threading.Event) -> None:
    rnd = random.Random(index)
    client = Client(cluster)
    typ = ("", "&typ=region", "&typ=lansstyrelse&typ=samverkansorgan")[index % 3]
    try:
        client.run_reconnecting(f"period=2014-2020{typ}", None)
        connected.wait(timeout=600)
        go.wait(timeout=600)
        for k in range(SWITCHES):
            code = CODES[(index * 7 + k * 5) % len(CODES)]
            time.sleep(rnd.uniform(0.5, 1.5))  # a person reading the card before the next click
            out["card_ms"].append(client.run_reconnecting(f"lan={code}&period=2014-2020{typ}", code))
    except Exception as exc:  # noqa: BLE001 - every failure is counted and sampled
        out["errors"].append(f"{type(exc).__name__}: {exc}")
        try:
            connected.abort()
        except threading.BrokenBarrierError:
            pass
    finally:
        out["reconnects"] += client.reconnects
        out["hung_handshakes"] += client.hung_handshakes
        client.close()


def _rss_mib(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def load_run(kill_one: bool) -> dict:
    with Cluster(workers=WORKERS, port=None, logs=WORK / "proxy-logs") as cluster:
        out: dict = {"card_ms": [], "errors": [], "reconnects": 0, "hung_handshakes": 0}
        connected = threading.Barrier(SESSIONS + 1)
        go = threading.Event()
        threads = [
            threading.Thread(target=_user, args=(cluster, i, out, connected, go), daemon=True) for i in range(SESSIONS)
        ]
        started = time.monotonic()
        for th in threads:
            th.start()
        try:
            connected.wait(timeout=600)
        except threading.BrokenBarrierError:
            out["errors"].append("not every session opened the map")
        open_s = time.monotonic() - started
        rss_open = sum(_rss_mib(w.proc.pid) for w in cluster.workers) + _rss_mib(cluster.proxy.pid)
        go.set()
        killed = None
        if kill_one:
            # mid-run: once about half of all switches are done
            limit = time.monotonic() + 300
            while len(out["card_ms"]) < SESSIONS * SWITCHES // 2 and time.monotonic() < limit:
                time.sleep(0.05)
            killed = cluster.workers[0]
            killed.kill()
        peak, deadline = rss_open, started + RUN_DEADLINE_S
        for th in threads:
            while th.is_alive() and time.monotonic() < deadline:
                th.join(timeout=1)
                peak = max(
                    peak, sum(_rss_mib(w.proc.pid) for w in cluster.workers if w.alive()) + _rss_mib(cluster.proxy.pid)
                )
        stuck = sum(th.is_alive() for th in threads)
        if stuck:
            out["errors"].append(f"{stuck} session(s) still running after {RUN_DEADLINE_S} s")
        return {
            "sessions": SESSIONS,
            "switches_per_session": SWITCHES,
            "workers": WORKERS,
            "killed_one": kill_one,
            "open_all_s": round(open_s, 1),
            "cards": len(out["card_ms"]),
            "time_to_card_ms": summary(out["card_ms"]),
            "errors": len(out["errors"]),
            "error_samples": out["errors"][:5],
            "reconnects": out["reconnects"],
            "hung_client_handshakes": out["hung_handshakes"],
            "rss_mib_all_open": round(rss_open, 1),
            "rss_mib_peak": round(peak, 1),
        }


# --- 2. rural link ------------------------------------------------------------------------------


class WireCounter:
    """Bytes and requests on the wire, from the DevTools protocol: HTTP as encoded; WebSocket frames deflated
    with one shared zlib stream per connection where permessage-deflate was negotiated (as it is sent)."""

    def __init__(self, cdp):
        self.http = self.ws = self.requests = 0
        self.deflate: dict[str, object] = {}
        self.last = time.monotonic()
        cdp.on("Network.requestWillBeSent", self._request)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketCreated", self._request)
        cdp.on("Network.webSocketHandshakeResponseReceived", self._handshake)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame)

    def _request(self, event):
        self.requests += 1
        self.last = time.monotonic()

    def _finished(self, event):
        self.http += int(event.get("encodedDataLength", 0))
        self.last = time.monotonic()

    def _handshake(self, event):
        headers = {k.lower(): v for k, v in event["response"].get("headers", {}).items()}
        deflated = "permessage-deflate" in headers.get("sec-websocket-extensions", "")
        self.deflate[event["requestId"]] = zlib.compressobj(9, zlib.DEFLATED, -15) if deflated else None

    def _frame(self, event):
        frame = event["response"]
        data = frame.get("payloadData", "")
        raw = base64.b64decode(data) if frame.get("opcode") == 2 else data.encode()
        comp = self.deflate.get(event["requestId"])
        self.ws += len(comp.compress(raw) + comp.flush(zlib.Z_SYNC_FLUSH)) - 4 if comp else len(raw)
        self.last = time.monotonic()

    @property
    def total(self) -> int:
        return self.http + self.ws


def rural_first_load(browser, url: str, origin: str) -> dict:
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, ignore_https_errors=True, is_mobile=True, has_touch=True
    )
    outside: list[str] = []
    block_outside(context, origin, outside)
    context.add_init_script(PAINT_SCRIPT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    cdp.send("Network.emulateNetworkConditions", RURAL)
    counter = WireCounter(cdp)
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function("() => window.__paint !== undefined", timeout=180_000, polling=50)
    paint = page.evaluate("() => window.__paint - performance.timeOrigin")
    deadline = time.monotonic() + 60
    while time.monotonic() - counter.last < 2.0 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    protocol = page.evaluate("performance.getEntriesByType('navigation')[0].nextHopProtocol")
    context.close()
    return {
        "paint": paint,
        "bytes": counter.total,
        "http": counter.http,
        "ws": counter.ws,
        "requests": counter.requests,
        "protocol": protocol,
        "outside": outside,
    }


def rural_run() -> dict:
    from playwright.sync_api import sync_playwright

    with four_targets("/") as targets, sync_playwright() as p:
        found: dict[str, list[dict]] = {k: [] for k in targets}
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        version_info = versions(browser)
        for kind, (url, _origin) in targets.items():  # warm-up, unthrottled: imports and caches
            if kind != "floor":
                ctx = browser.new_context(ignore_https_errors=True)
                ctx.add_init_script(PAINT_SCRIPT)
                page = ctx.new_page()
                page.goto(url)
                page.wait_for_function("() => window.__paint !== undefined", timeout=120_000, polling=100)
                ctx.close()
        for rep in range(RURAL_REPS):
            for kind, (url, origin) in targets.items():
                found[kind].append(rural_first_load(browser, url, origin))
            print(
                f"rural rep {rep + 1}/{RURAL_REPS}: "
                + ", ".join(f"{k} {v[-1]['paint'] / 1000:.1f}s" for k, v in found.items()),
                flush=True,
            )
        browser.close()
    result = {"reps": RURAL_REPS, "profile": RURAL, "versions": version_info}
    for kind, runs in found.items():
        result[kind] = {
            "first_paint_ms": summary([r["paint"] for r in runs]),
            "bytes": summary([r["bytes"] for r in runs]),
            "http_bytes": summary([r["http"] for r in runs]),
            "ws_bytes": summary([r["ws"] for r in runs]),
            "requests": summary([r["requests"] for r in runs]),
            "protocol": runs[-1]["protocol"],
            "outside_requests": sorted({u for r in runs for u in r["outside"]}),
        }
    return result


# --- report ---------------------------------------------------------------------------------------


def main() -> int:
    if not ready():
        return 1
    started = time.monotonic()
    result: dict = {"date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(), "machine": machine()}
    result["rural"] = rural_run()
    print(
        "rural:",
        json.dumps(
            {
                k: v["first_paint_ms"]
                for k, v in result["rural"].items()
                if isinstance(v, dict) and "first_paint_ms" in v
            }
        ),
        flush=True,
    )
    result["load"] = [load_run(kill_one=False), load_run(kill_one=True)]
    for run in result["load"]:
        print("load:", json.dumps({k: v for k, v in run.items() if k != "error_samples"}), flush=True)
    r = result["rural"]
    med = lambda kind: r[kind]["first_paint_ms"]["median"]  # noqa: E731
    result["ratios"] = {
        "baseline_over_proxy": round(med("baseline") / med("proxy"), 2),
        "proxy_over_floor": round(med("proxy") / med("floor"), 2),
        "direct_over_proxy": round(med("direct") / med("proxy"), 2),
    }
    result["targets"] = {
        "rural_first_paint_2_5x_faster_than_baseline": result["ratios"]["baseline_over_proxy"] >= 2.5,
        "rural_first_paint_within_4x_floor": result["ratios"]["proxy_over_floor"] <= 4,
        "first_load_le_1_2_MB": r["proxy"]["bytes"]["median"] <= 1_200_000,
        "300_sessions_0_errors": result["load"][0]["errors"] == 0,
        "300_sessions_process_killed_0_errors": result["load"][1]["errors"] == 0,
    }
    result["elapsed_s"] = round(time.monotonic() - started, 1)
    return save_results(result, "proxy", write_table)


def write_table(res: dict) -> None:
    r, (calm, killed) = res["rural"], res["load"]
    m = res["machine"]
    cell = lambda s, unit="": f"{s['median']:,.0f}{unit} / {s['p95']:,.0f}{unit}" if s else "—"  # noqa: E731
    names = {
        "proxy": "ours through Caddy",
        "direct": "ours direct (`make run`)",
        "baseline": "tutorial baseline",
        "floor": "static floor",
    }
    lines = [
        f"Run {res['date']} on {m['cores']} cores, {m['memory_gib']} GiB; Chromium {r['versions']['chromium']}. "
        f"Rural link: {r['reps']} cold first loads each (fresh context), interleaved, 150 ms RTT, 1.6 Mbit/s down, "
        f"750 kbit/s up, phone viewport; median / p95. Whole run: {res['elapsed_s']:.0f} s.",
        "",
        "| rural link | first paint, ms | bytes on the wire | of which WebSocket | requests | protocol |",
        "|---|---|---|---|---|---|",
        *[
            f"| {names[k]} | {cell(r[k]['first_paint_ms'])} | {cell(r[k]['bytes'])} | {cell(r[k]['ws_bytes'])} | "
            f"{cell(r[k]['requests'])} | {r[k]['protocol']} |"
            for k in names
        ],
        "",
        f"Ratios (medians): baseline / through Caddy {res['ratios']['baseline_over_proxy']}×, through Caddy / floor "
        f"{res['ratios']['proxy_over_floor']}×, direct / through Caddy {res['ratios']['direct_over_proxy']}×.",
        "",
        "| load through Caddy, 3 app processes | sessions | all open after | county switches | errors | reconnects | time to card, ms | RSS all open | RSS peak |",
        "|---|---|---|---|---|---|---|---|---|",
        *[
            f"| {'one process killed mid-run' if x['killed_one'] else 'all processes up'} | {x['sessions']} | "
            f"{x['open_all_s']:,.1f} s | {x['cards']} | {x['errors']} | {x['reconnects']} "
            f"({x.get('hung_client_handshakes', 0)} hung in the client) | {cell(x['time_to_card_ms'])} | "
            f"{x['rss_mib_all_open']:,.0f} MiB | {x['rss_mib_peak']:,.0f} MiB |"
            for x in (calm, killed)
        ],
        "",
        *target_table(res["targets"]),
    ]
    write_section("proxy", "Production set-up: through Caddy, and on a rural link", lines)


if __name__ == "__main__":
    sys.exit(main())
