"""Link health: check every web address in the data files as a browser would, and read the results back.

``python -m geo check-links`` requests each address in ``data/*.csv`` (HEAD, then GET where HEAD is refused;
redirects followed up to five; a timeout; at most four requests at a time and one per host) and writes
``data/link-check.csv``. The build reads that file, so that a card can say a link did not work when it
was checked instead of presenting it as good. It is a maintainer's command for a machine with internet.
"""

from __future__ import annotations

import csv
import datetime as dt
import http.client
import io
import os
import re
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..rules import (
    LINK_BODY_BYTES,
    LINK_REQUEST_DEADLINE_S,
    LINK_RUN_DEADLINE_S,
    LINK_TIMEOUT_S,
    MAX_PARALLEL,
    MAX_REDIRECTS,
)
from .atomic import write_text_atomic
from .counties import by_code
from .validate import TableError, read_table, url_problem

RESULT_FILE = "link-check.csv"
RESULT_COLUMNS = ("url", "used_in", "status", "final_url", "checked_at")
DEFAULT_TIMEOUT = LINK_TIMEOUT_S
REQUEST_DEADLINE = LINK_REQUEST_DEADLINE_S
RUN_DEADLINE = LINK_RUN_DEADLINE_S
BODY_BYTES = LINK_BODY_BYTES
# Statuses that are not an HTTP code: what happened instead of an answer.
FAILURES = ("timeout", "connection_error", "redirect_loop", "too_many_redirects", "invalid_redirect", "invalid_url")
# A server that refuses HEAD (405, 501, and many that answer 403 or 404 to it) gets the same request as GET.
_UA = "Mozilla/5.0 (X11; Linux x86_64) RSP-kartan link check"
_STATUS = re.compile(r"\d{3}")
# Hosts the check may request although they are not public names (comma-separated; a local mirror, the
# tests' server on 127.0.0.1). Without it, an address or redirect to a loopback or private host is refused
# unrequested, like every other place that reads the data files' addresses (geo/validate.url_problem).
ALLOW_HOSTS_ENV = "RSP_LINKCHECK_ALLOW_HOSTS"


# Send every request to this address instead ("127.0.0.1:8443"), as curl's --connect-to does: the address's
# host still names the site (the Host header, TLS's server name and certificate check), so a mirror or a
# test server answers for the real names. Unset, each host is looked up as usual.
CONNECT_TO_ENV = "RSP_LINKCHECK_CONNECT_TO"


def _connect_to() -> tuple[str, int] | None:
    host, _, port = os.environ.get(CONNECT_TO_ENV, "").strip().rpartition(":")
    return (host.strip("[]"), int(port)) if host and port.isdigit() else None


class _Connection(http.client.HTTPConnection):
    via: tuple[str, int] | None = None

    def connect(self) -> None:
        if self.via is None:
            super().connect()
        else:
            self.sock = socket.create_connection(self.via, self.timeout)


class _TlsConnection(http.client.HTTPSConnection):
    via: tuple[str, int] | None = None
    tls: ssl.SSLContext = ssl.create_default_context()

    def connect(self) -> None:
        if self.via is None:
            super().connect()
        else:  # the site's name for TLS (server name, certificate), the connection to ``via``
            self.sock = self.tls.wrap_socket(
                socket.create_connection(self.via, self.timeout), server_hostname=self.host
            )


def _allowed_hosts() -> frozenset[str]:
    return frozenset(h.strip().lower() for h in os.environ.get(ALLOW_HOSTS_ENV, "").split(",") if h.strip())


def is_dead(status: str) -> bool:
    """A link works when the last answer (after redirects) was 2xx; anything else is dead."""
    return not (_STATUS.fullmatch(status) and status.startswith("2"))


@dataclass(frozen=True)
class Use:
    """Where an address stands: a data file's row (its county) and column."""

    file: str
    lan_kod: str
    field: str

    def text(self) -> str:
        county = by_code().get(self.lan_kod)
        where = f"{county.lan} ({self.lan_kod})" if county else f"lan_kod {self.lan_kod!r}"
        return f"{where} {self.file} {self.field}"


def link_uses(data_dir: Path) -> dict[str, list[Use]]:
    """Every address in the data files' ``*url`` columns, with each place it is used (in file order)."""
    uses: dict[str, list[Use]] = {}
    for path in sorted(Path(data_dir).glob("*.csv")):
        if path.name == RESULT_FILE:
            continue
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                for field, value in row.items():
                    if field and field.endswith("url") and value and value.strip():
                        uses.setdefault(value.strip(), []).append(Use(path.name, row.get("lan_kod", ""), field))
    return uses


class _Hosts:
    """One lock per host name, so that a host never gets two requests at once."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host.lower(), threading.Lock())


class Deadline(Exception):
    """A request went past its total time; ``by_run``: the run's end came first."""

    def __init__(self, by_run: bool) -> None:
        super().__init__("the run's deadline" if by_run else "the request's deadline")
        self.by_run = by_run


class _Clock:
    """The run's end, and a way to cut every connection open now when it comes."""

    def __init__(self, run_deadline: float) -> None:
        self.ends = time.monotonic() + run_deadline
        self._cuts: set = set()
        self._lock = threading.Lock()
        self.over = threading.Event()

    def left(self, request_ends: float) -> float:
        return min(request_ends, self.ends) - time.monotonic()

    def watch(self, cut) -> None:
        with self._lock:
            self._cuts.add(cut)
        if self.over.is_set():
            cut()

    def unwatch(self, cut) -> None:
        with self._lock:
            self._cuts.discard(cut)

    def end_run(self) -> None:
        """The run's deadline: every request still open is cut off."""
        self.over.set()
        with self._lock:
            cuts = list(self._cuts)
        for cut in cuts:
            cut()


def _request(url: str, method: str, timeout: float, ends: float, clock: _Clock) -> tuple[int, str | None]:
    """One request, ended at ``ends`` (monotonic) or the run's end, whatever the server does: each socket
    operation waits at most ``timeout`` seconds, and at the deadline a timer shuts the connection's socket
    down (a server that drips its answer a byte at a time is never waited out). For a GET that succeeds,
    the start of the body (BODY_BYTES) must arrive too: a page whose content never comes is no page."""
    left = clock.left(ends)
    if left <= 0:
        raise Deadline(by_run=clock.ends <= ends)
    parts = urlsplit(url)
    wait = min(timeout, left)
    if parts.scheme == "https":
        tls = ssl.create_default_context()  # the system's trust store (or SSL_CERT_FILE's)
        conn: http.client.HTTPConnection = _TlsConnection(parts.hostname, parts.port, timeout=wait, context=tls)
        conn.tls = tls
    else:
        conn = _Connection(parts.hostname, parts.port, timeout=wait)
    conn.via = _connect_to()
    opened: list[socket.socket] = []  # the connection's socket, kept: a response that closes it still reads it

    def cut() -> None:
        for sock in opened or ([conn.sock] if conn.sock is not None else []):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    timer = threading.Timer(left, cut)
    timer.daemon = True
    timer.start()
    clock.watch(cut)
    try:
        conn.connect()
        opened.append(conn.sock)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target, headers={"User-Agent": _UA, "Accept": "text/html,application/xhtml+xml,*/*"})
        response = conn.getresponse()
        if method == "GET" and 200 <= response.status < 300:
            response.read(BODY_BYTES)  # a cut socket ends this read short, without an error: the clock tells
        if clock.left(ends) <= 0:
            raise Deadline(by_run=clock.ends <= ends)
        return response.status, response.getheader("Location")
    except (OSError, http.client.HTTPException, ValueError):
        if clock.left(ends) <= 0:
            raise Deadline(by_run=clock.ends <= ends) from None
        raise
    finally:
        timer.cancel()
        clock.unwatch(cut)
        conn.close()


def _check(url: str, timeout: float, hosts: _Hosts, deadline: float, clock: _Clock) -> tuple[str, str, bool]:
    """check_url's answer, and whether the run's end stopped it."""
    allowed = _allowed_hosts()
    if url_problem(url, allowed):
        return "invalid_url", url, False
    seen, current = {url}, url
    ends = None
    for hop in range(MAX_REDIRECTS + 1):
        lock = hosts.lock(urlsplit(current).hostname or "")
        if not lock.acquire(timeout=max(0.0, clock.left(float("inf")))):
            return "timeout", current, True  # the run ended while another request held the host
        try:
            ends = ends or time.monotonic() + deadline  # its time starts when its host is free
            status, location = _request(current, "HEAD", timeout, ends, clock)
            if status >= 400:
                status, location = _request(current, "GET", timeout, ends, clock)
        except Deadline as stop:
            return "timeout", current, stop.by_run
        except TimeoutError:
            return "timeout", current, False
        except (OSError, http.client.HTTPException, ValueError):
            return "connection_error", current, False
        finally:
            lock.release()
        if not (300 <= status < 400 and location):
            return str(status), current, False
        following = urljoin(current, location.strip())
        if url_problem(following, allowed):
            return "invalid_redirect", following, False
        if following in seen:
            return "redirect_loop", following, False
        if hop == MAX_REDIRECTS:
            return "too_many_redirects", following, False
        seen.add(following)
        current = following
    raise AssertionError("unreachable")  # the loop returns on its last hop


def check_url(url: str, timeout: float = DEFAULT_TIMEOUT, deadline: float = REQUEST_DEADLINE) -> tuple[str, str]:
    """``(status, final address)``: the last HTTP status after redirects, or one of ``FAILURES``. The whole
    check of the address (every hop) ends within ``deadline`` seconds: past it, the address is a ``timeout``."""
    return _check(url, timeout, _Hosts(), deadline, _Clock(deadline + timeout))[:2]


@dataclass(frozen=True)
class Checked:
    """A run's results (one row per address, in the order found) and the addresses its deadline stopped."""

    results: list[dict[str, str]]
    stopped: list[str]


def check_all(
    uses: dict[str, list[Use]],
    timeout: float = DEFAULT_TIMEOUT,
    now: dt.datetime | None = None,
    deadline: float = REQUEST_DEADLINE,
    run_deadline: float = RUN_DEADLINE,
) -> Checked:
    """Check every address, at most MAX_PARALLEL at a time and one at a time per host, each within
    ``deadline`` seconds (from the moment its host is free) and all within ``run_deadline``: an address the
    run's end stopped, or never started, is a ``timeout``, named in ``stopped``."""
    hosts, clock = _Hosts(), _Clock(run_deadline)
    pool = ThreadPoolExecutor(max_workers=MAX_PARALLEL)

    def one(url: str) -> tuple[str, str, bool]:
        if clock.over.is_set():
            return "timeout", url, True
        return _check(url, timeout, hosts, deadline, clock)

    futures = {url: pool.submit(one, url) for url in uses}
    wait(futures.values(), timeout=max(0.0, clock.ends - time.monotonic()))
    clock.end_run()  # what is still open is cut, what has not started is not started
    pool.shutdown(wait=True, cancel_futures=True)
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    results, stopped = [], []
    for url, future in futures.items():
        status, final, by_run = ("timeout", url, True) if future.cancelled() else future.result()
        if by_run:
            stopped.append(url)
        results.append(
            {
                "url": url,
                "used_in": "; ".join(u.text() for u in uses[url]),
                "status": status,
                "final_url": final,
                "checked_at": stamp,
            }
        )
    return Checked(results, stopped)


def write_results(results: list[dict[str, str]], path: Path) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=RESULT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(results)
    write_text_atomic(Path(path), buf.getvalue())


def dead_report(results: list[dict[str, str]], uses: dict[str, list[Use]]) -> list[str]:
    """One line per dead address and place: ``Dalarnas län (20) today.csv support_url: 404 https://…``."""
    return [
        f"{use.text()}: {r['status']} {r['url']}" for r in results if is_dead(r["status"]) for use in uses[r["url"]]
    ]


class LinkCheckError(ValueError):
    """``data/link-check.csv`` cannot be read or breaks its format."""


def read_dead(path: Path) -> tuple[dict[str, str], str]:
    """The addresses the committed check found dead, each with the day it was checked (``YYYY-MM-DD``), and
    the day of the latest check. A missing file means nothing was checked: no address is marked, no day."""
    path = Path(path)
    if not path.exists():
        return {}, ""
    try:
        numbered, problems = read_table(path, RESULT_COLUMNS)
    except TableError as exc:
        raise LinkCheckError(f"{path}: {exc}") from exc
    dead: dict[str, str] = {}
    days: set[str] = set()
    for n, row in numbered:
        try:
            day = dt.datetime.fromisoformat(row["checked_at"]).date().isoformat()
        except ValueError:
            problems.append(f"line {n}: checked_at {row['checked_at'][:40]!r} is not an ISO date and time")
            continue
        days.add(day)
        status = row["status"]
        if not (_STATUS.fullmatch(status) or status in FAILURES):
            problems.append(
                f"line {n}: status {status[:40]!r} is neither an HTTP status nor one of {', '.join(FAILURES)}"
            )
        elif is_dead(status):
            dead[row["url"]] = day
    if problems:
        raise LinkCheckError(f"{path}: " + "; ".join(problems))
    return dead, max(days, default="")


# --- what the card needs: per county, which of its links were dead, and when --------------------------

DEAD_COLUMN = "links_dead"  # in the GeoPackage's counties layer: ``today_support_url=2026-12-01; info_url=…``
LINK_FIELDS = (
    "today_region_url",
    "today_support_url",
    "today_programme_url",
    "today_source_url",
    "programme_url",
    "info_url",
    "source_url",
)
_DEAD_ITEM = re.compile(r"([a-z_]+)=(\d{4}-\d{2}-\d{2})")


def dead_fields_text(row: dict[str, str], dead: dict[str, str]) -> str:
    """The row's fields whose address the check found dead, as ``field=YYYY-MM-DD`` joined by "; "."""
    return "; ".join(f"{f}={dead[row[f]]}" for f in LINK_FIELDS if row.get(f) in dead)


def dead_fields(text: str) -> dict[str, str]:
    """``"today_support_url=2026-12-01"`` → ``{"today_support_url": "2026-12-01"}``; ValueError on anything else."""
    out = {}
    for item in filter(None, (part.strip() for part in (text or "").split(";"))):
        m = _DEAD_ITEM.fullmatch(item)
        if not m or m.group(1) not in LINK_FIELDS:
            raise ValueError(f"{DEAD_COLUMN} item {item[:60]!r} is not field=YYYY-MM-DD with a link field")
        dt.date.fromisoformat(m.group(2))
        out[m.group(1)] = m.group(2)
    return out
