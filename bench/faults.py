"""Benchmark of faults in the production set-up (deploy/): what a visitor sees when a process dies.

    .venv/bin/python -m bench.faults        (or: make bench)

1. Load with a kill and a restart: Caddy in front of 2 app processes; USERS (40) simulated people, each
   over and over opening the map (a page load through the proxy, with the cookie a browser keeps, then a
   WebSocket speaking Streamlit's protocol) and switching county SWITCHES times a second or so apart.
   PHASE_S seconds with both processes up ("before"), then one is killed (SIGKILL) and started again at
   once, as the supervisor does ("during": until it answers its health check), then PHASE_S seconds
   more ("after"). Cards per second in each phase, errors, and the share of the cards the restarted
   process served after its restart. Run twice in one go: with deploy/Caddyfile as it is, and with the
   Caddyfile from before page loads were placed afresh (``BEFORE_REV``), which pinned every browser
   to the process its cookie named.
2. Caddy killed: SIGKILL of the proxy under the supervisor (``Cluster.supervise_once`` every 0.25 s, as
   `make serve` and the systemd unit run it); the time until the proxy answers again, REPS times.
3. One 190 MB WebSocket frame sent to an app process: its RSS before and after, with the app's limits
   (.streamlit/config.toml) and with Streamlit's defaults (maxMessageSize 200, maxWidgetStateSize 25).

Writes bench/results/faults.json and the "Faults" table in bench/README.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import deploy.cluster as cluster_module
from bench.proxy import CODES, Client, _rss_mib
from bench.run import WORK, machine, ready, save_results, summary, write_section
from deploy.cluster import Cluster, free_port, streamlit_argv

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

USERS = int(os.environ.get("BENCH_FAULT_USERS", "40"))
SWITCHES = 3
PHASE_S = float(os.environ.get("BENCH_FAULT_PHASE_S", "30"))
REPS = int(os.environ.get("BENCH_FAULT_REPS", "5"))
FRAME_MB = 190
BEFORE_REV = "972f4d1"  # main before issue 19: the cookie pinned every request, page loads included


class User:
    """One person: page load (cookie kept), WebSocket, the map, a few switches; then again."""

    def __init__(self, cluster: Cluster, index: int, log: list):
        self.cluster, self.index, self.log = cluster, index, log
        self.client = Client(cluster)
        self.rnd = random.Random(index)

    def page_load(self) -> None:
        req = urllib.request.Request(self.cluster.url + "/?lan=25")
        if self.client.cookie:
            req.add_header("Cookie", f"rsp_worker={self.client.cookie}")
        with urllib.request.urlopen(req, timeout=30, context=self.cluster.ssl_context()) as resp:
            resp.read()
            for value in resp.headers.get_all("Set-Cookie") or []:
                found = re.match(r"rsp_worker=([0-9a-f]+)", value)
                if found:
                    self.client.cookie = found.group(1)

    def loop(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.page_load()
                self.client.close()
                self.client.run_reconnecting("lan=25", "25")
                for k in range(SWITCHES):
                    if stop.wait(self.rnd.uniform(0.5, 1.5)):
                        break
                    code = CODES[(self.index * 7 + k * 5) % len(CODES)]
                    ms = self.client.run_reconnecting(f"lan={code}", code)
                    worker = self.cluster.worker_for(self.client.cookie)
                    self.log.append((time.monotonic(), worker.port if worker else None, None, ms))
            except Exception as exc:  # noqa: BLE001 - counted and sampled
                self.log.append((time.monotonic(), None, f"{type(exc).__name__}: {exc}"[:200], None))
                self.client.close()
                stop.wait(1)
        self.client.close()


def _phase(log: list, start: float, end: float, restarted_port: int | None = None) -> dict:
    cards = [(t, port, ms) for t, port, err, ms in log if err is None and start <= t < end]
    errors = [err for t, _, err, _ in log if err is not None and start <= t < end]
    out = {
        "seconds": round(end - start, 1),
        "cards": len(cards),
        "cards_per_s": round(len(cards) / max(end - start, 1e-9), 1),
        "time_to_card_ms": summary([ms for _, _, ms in cards]),
        "errors": len(errors),
        "error_samples": errors[:3],
    }
    if restarted_port is not None and cards:
        out["share_on_restarted_pct"] = round(100 * sum(p == restarted_port for _, p, _ in cards) / len(cards), 1)
    return out


def load_run(caddyfile: Path, label: str) -> dict:
    cluster_module.CADDYFILE = caddyfile
    with Cluster(workers=2, port=None, logs=WORK / "fault-logs") as cluster:
        log: list = []
        stop = threading.Event()
        users = [User(cluster, i, log) for i in range(USERS)]
        threads = [threading.Thread(target=u.loop, args=(stop,), daemon=True) for u in users]
        for th in threads:
            th.start()
        t0 = time.monotonic()
        time.sleep(PHASE_S)
        killed = cluster.workers[0]
        t_kill = time.monotonic()
        killed.kill()
        killed.start()  # at once, as the supervisor does
        killed.wait_ready()
        t_back = time.monotonic()
        time.sleep(PHASE_S)
        t_end = time.monotonic()
        stop.set()
        for th in threads:
            th.join(timeout=60)
        return {
            "caddyfile": label,
            "users": USERS,
            "restart_s": round(t_back - t_kill, 1),
            "before": _phase(log, t0 + 5, t_kill, killed.port),
            "during": _phase(log, t_kill, t_back),
            "after": _phase(log, t_back, t_end, killed.port),
            "still_running": sum(th.is_alive() for th in threads),
        }


def caddy_killed() -> dict:
    cluster_module.CADDYFILE = ROOT / "deploy" / "Caddyfile"
    times = []
    with Cluster(workers=1, port=None, logs=WORK / "fault-logs") as cluster:
        stop = threading.Event()
        rounds = [0]

        def supervise():
            while not stop.is_set():
                cluster.supervise_once()
                rounds[0] += 1
                stop.wait(cluster_module.SUPERVISE_INTERVAL_S)

        sup = threading.Thread(target=supervise, daemon=True)
        sup.start()
        try:
            for _ in range(REPS):
                old = cluster.proxy
                t0 = time.monotonic()
                old.send_signal(signal.SIGKILL)
                old.wait(timeout=10)
                deadline = t0 + 60
                while time.monotonic() < deadline:
                    if (
                        cluster.proxy is not old
                        and cluster_module._get(f"{cluster.url}/_stcore/health", cluster.ssl_context(), timeout=1)
                        == 200
                    ):
                        times.append((time.monotonic() - t0) * 1000)
                        break
                    time.sleep(0.02)
                done = rounds[0]  # the supervisor's round that restarted it has returned before the next kill
                cluster_module._wait(lambda done=done: rounds[0] > done + 1, "the supervisor's next round", timeout=30)
        finally:
            stop.set()
            sup.join(timeout=30)
    return {"reps": REPS, "served_again": len(times), "time_to_serve_again_ms": summary(times)}


def big_frame(defaults: bool) -> dict:
    """One app process on its own; one frame of FRAME_MB sent to it raw."""
    from websockets.sync.client import connect

    port = free_port()
    extra = ["--server.maxMessageSize", "200", "--server.maxWidgetStateSize", "25"] if defaults else []
    proc = subprocess.Popen(
        streamlit_argv(ROOT / "serve.py", port, *extra),
        cwd=str(ROOT),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        cluster_module._wait(
            lambda: cluster_module._get(f"http://127.0.0.1:{port}/_stcore/health") == 200, "app process"
        )
        # the first page load: the guard has made its first view from the data (as on a process in use)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as resp:
            resp.read()
        before = _rss_mib(proc.pid)
        peak = before
        sampling = threading.Event()

        def sample():
            nonlocal peak
            while not sampling.is_set():
                peak = max(peak, _rss_mib(proc.pid))
                sampling.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t0 = time.monotonic()
        code = None
        try:
            with connect(
                f"ws://127.0.0.1:{port}/_stcore/stream",
                subprotocols=["streamlit"],
                max_size=None,
                open_timeout=30,
                close_timeout=30,
            ) as ws:
                ws.send(b"\x00" * (FRAME_MB * 10**6))
                ws.recv(timeout=120)
        except Exception as exc:  # noqa: BLE001 - the server closes the connection; how is the result
            code = getattr(getattr(exc, "rcvd", None), "code", None)
        closed_ms = (time.monotonic() - t0) * 1000
        time.sleep(2)  # let the process settle before the "after" reading (not a test: a benchmark)
        sampling.set()
        sampler.join()
        return {
            "limits": "Streamlit's defaults" if defaults else "the app's (.streamlit/config.toml)",
            "rss_before_mib": round(before, 1),
            "rss_peak_mib": round(peak, 1),
            "rss_after_mib": round(_rss_mib(proc.pid), 1),
            "close_code": code,
            "closed_after_ms": round(closed_ms),
            "alive_after": proc.poll() is None,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> int:
    if not ready():
        return 1
    before_file = WORK / "Caddyfile.before"
    before_file.write_bytes(
        subprocess.run(
            ["git", "show", f"{BEFORE_REV}:deploy/Caddyfile"], cwd=ROOT, check=True, capture_output=True
        ).stdout
    )
    started = time.monotonic()
    result: dict = {"date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(), "machine": machine()}
    result["frame"] = [big_frame(defaults=True), big_frame(defaults=False)]
    print("frame:", json.dumps(result["frame"]), flush=True)
    result["caddy_killed"] = caddy_killed()
    print("caddy:", json.dumps(result["caddy_killed"]), flush=True)
    result["load"] = [
        load_run(before_file, f"before ({BEFORE_REV}): cookie pins page loads"),
        load_run(ROOT / "deploy" / "Caddyfile", "now: page loads placed afresh"),
    ]
    for run in result["load"]:
        print("load:", json.dumps(run), flush=True)
    result["elapsed_s"] = round(time.monotonic() - started, 1)
    return save_results(result, "faults", write_table, show=())


def write_table(res: dict) -> None:
    m, ck = res["machine"], res["caddy_killed"]
    t = ck["time_to_serve_again_ms"]
    lines = [
        f"Run {res['date']} on {m['cores']} cores, {m['memory_gib']} GiB (bench/faults.py); whole run "
        f"{res['elapsed_s']:.0f} s. Loopback only.",
        "",
        f"Load: {res['load'][0]['users']} simulated people through Caddy and 2 app processes, each opening the map "
        "(page load with the cookie a browser keeps, then the WebSocket) and switching county 3 times, over and "
        f"over; one process killed and started again at once after {PHASE_S:.0f} s, then {PHASE_S:.0f} s more.",
        "",
        "| Caddyfile | cards/s before | during the restart | after | time to card, median ms (before / during / after) | errors (before / during / after) | restart took | restarted process's share after |",
        "|---|---|---|---|---|---|---|---|",
        *[
            f"| {x['caddyfile']} | {x['before']['cards_per_s']} | {x['during']['cards_per_s']} | {x['after']['cards_per_s']} | "
            f"{' / '.join(str(round(x[p]['time_to_card_ms'].get('median', 0))) for p in ('before', 'during', 'after'))} | "
            f"{x['before']['errors']} / {x['during']['errors']} / {x['after']['errors']} | {x['restart_s']} s | "
            f"{x['after'].get('share_on_restarted_pct', 0)} % (before the kill: {x['before'].get('share_on_restarted_pct', 0)} %) |"
            for x in res["load"]
        ],
        "",
        "| Caddy killed (SIGKILL) under the supervisor | served again | time to serve again, median / p95 |",
        "|---|---|---|",
        f"| {ck['reps']} times, 1 app process | {ck['served_again']} of {ck['reps']} | "
        f"{t['median']:,.0f} / {t['p95']:,.0f} ms |"
        if t
        else f"| {ck['reps']} times | {ck['served_again']} | — |",
        "",
        f"| one {FRAME_MB} MB WebSocket frame to an app process | RSS before | peak | after | closed with | closed after |",
        "|---|---|---|---|---|---|",
        *[
            f"| {x['limits']} | {x['rss_before_mib']:,.0f} MiB | {x['rss_peak_mib']:,.0f} MiB | {x['rss_after_mib']:,.0f} MiB | "
            f"{x['close_code']} | {x['closed_after_ms']:,} ms |"
            for x in res["frame"]
        ],
    ]
    write_section("faults", "Faults: a process killed, Caddy killed, a huge frame (`bench/faults.py`)", lines)


if __name__ == "__main__":
    sys.exit(main())
