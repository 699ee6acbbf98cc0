"""geo/linkcheck.py and `python -m geo check-links`: against a local HTTP server on 127.0.0.1 (never the
internet) that answers 200, redirects, 404, 500, too slowly, in a loop and with HEAD refused; and the build
that marks on the cards what the committed check found dead."""

from __future__ import annotations

import csv
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from support.data import cli, digest, run_geo

from geo.data.linkcheck import ALLOW_HOSTS_ENV, RESULT_COLUMNS, check_url, dead_fields, is_dead
from geo.data.model import load
from geo.paths import CONTACTS_CSV, TODAY_CSV
from geo.render.card import card_html

REDIRECTS = {
    "/moved": "/ok",
    "/loop-a": "/loop-b",
    "/loop-b": "/loop-a",
    "/away": "javascript:alert(1)",
    **{f"/hop/{n}": f"/hop/{n + 1}" for n in range(1, 8)},
}
STATUS = {"/ok": 200, "/gone": 404, "/broken": 500}


class Site(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.release = threading.Event()  # the slow page answers only after the test is over
        self.lock = threading.Lock()
        self.in_flight = self.most_in_flight = 0
        self.methods: list[tuple[str, str]] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def _answer(self):
        site: Site = self.server
        counted = self.path != "/slow"  # the client gives up on it after its timeout; it is not in flight then
        with site.lock:
            site.in_flight += counted
            site.most_in_flight = max(site.most_in_flight, site.in_flight)
            site.methods.append((self.command, self.path))
        # a real server's latency (20 ms), so that requests overlapping in time would show
        site.release.wait(10 if self.path == "/slow" else 0.02)
        location = REDIRECTS.get(self.path)
        if location:
            code = 301 if self.path == "/moved" else 302
        elif self.path == "/head-refused":
            code = 405 if self.command == "HEAD" else 200
        else:
            code = 200 if self.path == "/slow" else STATUS.get(self.path, 404)
        with site.lock:  # no longer in flight once the answer starts: the client may then ask the next one
            site.in_flight -= counted
        self.send_response(code)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0" if location else "2")
        self.end_headers()
        if self.command == "GET" and not location:
            self.wfile.write(b"ok")

    do_GET = do_HEAD = _answer


@pytest.fixture(scope="module")
def site():
    server = Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def local_site_allowed(monkeypatch):
    """The test server is on loopback, which the check refuses unless told (the command lines inherit it)."""
    monkeypatch.setenv(ALLOW_HOSTS_ENV, "127.0.0.1")


def test_a_loopback_or_private_address_is_not_requested_unless_allowed(site, monkeypatch):
    monkeypatch.delenv(ALLOW_HOSTS_ENV)
    before = len(site.methods)
    for url in (site.url("/ok"), "http://localhost/", "http://10.1.2.3/", "http://user@www.region.se@127.0.0.1/"):
        assert check_url(url, timeout=1) == ("invalid_url", url)
    assert len(site.methods) == before  # nothing was requested


# path -> (status, final path); every case the issue names, and HEAD refused
CASES = {
    "/ok": ("200", "/ok"),
    "/moved": ("200", "/ok"),
    "/head-refused": ("200", "/head-refused"),
    "/gone": ("404", "/gone"),
    "/broken": ("500", "/broken"),
    "/slow": ("timeout", "/slow"),
    "/loop-a": ("redirect_loop", "/loop-a"),
    "/hop/1": ("too_many_redirects", "/hop/7"),
}
DEAD = {p for p, (status, _) in CASES.items() if is_dead(status)}


@pytest.mark.parametrize("path", sorted(CASES))
def test_check_url(site, path):
    status, final = check_url(site.url(path), timeout=1)
    assert (status, final) == (CASES[path][0], site.url(CASES[path][1]))


def test_head_is_tried_first_and_get_only_where_it_is_refused(site):
    check_url(site.url("/head-refused"), timeout=1)
    check_url(site.url("/ok"), timeout=1)
    assert site.methods[-3:] == [("HEAD", "/head-refused"), ("GET", "/head-refused"), ("HEAD", "/ok")]


def test_a_redirect_to_another_scheme_is_dead(site):
    assert check_url(site.url("/away"), timeout=1)[0] == "invalid_redirect"
    assert check_url("javascript:alert(1)")[0] == "invalid_url"


def data_dir(tmp_path, site, paths):
    """A data folder with one CSV: a county per address, in the support_url and region_url columns."""
    folder = tmp_path / "data"
    folder.mkdir()
    codes = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12"]
    with open(folder / "today.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["lan_kod", "support_url", "region_url"])
        for code, path in zip(codes, paths):
            writer.writerow([code, site.url(path), site.url("/ok")])
    return folder, dict(zip(paths, codes))


def test_check_links_reports_exactly_the_dead_cases_and_exits_non_zero(site, tmp_path):
    from geo.data.counties import by_code

    folder, county_of = data_dir(tmp_path, site, list(CASES))
    res = run_geo("check-links", "--data", str(folder), "--timeout", "1")  # the command line's contract, for real
    assert res.returncode == 1, res.stdout + res.stderr
    named = sorted(line for line in res.stderr.splitlines() if line.startswith("  - "))
    expected = sorted(
        f"  - {by_code()[county_of[p]].lan} ({county_of[p]}) today.csv support_url: {CASES[p][0]} {site.url(p)}"
        for p in DEAD
    )
    assert named == expected
    rows = list(csv.DictReader(open(folder / "link-check.csv", encoding="utf-8", newline="")))
    assert tuple(rows[0]) == RESULT_COLUMNS
    by_url = {r["url"]: r for r in rows}
    assert len(rows) == len(CASES)  # /ok stands in every row's region_url too: one result, all its uses
    assert by_url[site.url("/ok")]["used_in"].count("today.csv region_url") == len(CASES)
    for path, (status, final) in CASES.items():
        assert (by_url[site.url(path)]["status"], by_url[site.url(path)]["final_url"]) == (status, site.url(final))
    # one request at a time to the one host, although four may run at once
    assert site.most_in_flight == 1


def test_a_clean_set_exits_0(site, tmp_path):
    folder, _ = data_dir(tmp_path, site, ["/ok", "/moved", "/head-refused"])
    res = cli("check-links", "--data", str(folder), "--timeout", "1")
    assert res.returncode == 0, res.stderr
    assert "3 of 3 addresses work" in res.stdout


# --- servers that drip their answer: every request and the run end on time ------------------------------


DRIP_LIMIT = 120  # bytes a drip server sends at the most (one a second: two minutes), so that it ends by itself


class DripHandler(BaseHTTPRequestHandler):
    """/drip-headers sends its status line and headers one byte a second; /drip-body answers HEAD with 405
    (as many servers do) and a GET with its headers at once, then its body one byte a second; /ok and /gone
    answer at once."""

    def log_message(self, *args):
        pass

    def _slowly(self, data: bytes) -> None:
        for byte in data[:DRIP_LIMIT]:
            if self.server.stop.wait(1):  # the test is over
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:  # the client gave up
                return

    def _answer(self):
        path = urlsplit(self.path).path
        if path == "/drip-headers":
            self._slowly(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n" + b"X-Pad: x\r\n" * 20)
            return
        if path == "/drip-body" and self.command == "GET":
            self.send_response(200)
            self.send_header("Content-Length", str(DRIP_LIMIT))
            self.end_headers()
            self.wfile.flush()
            self._slowly(b"x" * DRIP_LIMIT)
            return
        code = {"/ok": 200, "/gone": 404}.get(path, 405)
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(b"ok")

    do_GET = do_HEAD = _answer


@pytest.fixture(scope="module")
def drip():
    server = ThreadingHTTPServer(("127.0.0.1", 0), DripHandler)
    server.daemon_threads = True
    server.stop = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", f"localhost:{server.server_address[1]}"
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()


def _uses(urls: list[str]):
    from geo.data.linkcheck import Use

    return {url: [Use("today.csv", "20", "support_url")] for url in urls}


def test_servers_that_drip_their_answer_are_timeouts_within_the_deadline(drip, monkeypatch):
    """Headers dripped (HEAD and GET alike) and a body dripped after quick headers: each check ends at its
    deadline as a timeout, and the healthy and dead links beside them are reported as they are."""
    import time

    from geo.data.linkcheck import check_all

    monkeypatch.setenv(ALLOW_HOSTS_ENV, "127.0.0.1,localhost")
    one, other = drip  # two host names: the two drip servers are checked at the same time
    urls = [f"http://{one}/drip-headers", f"http://{other}/drip-body", f"http://{one}/ok", f"http://{other}/gone"]
    started = time.monotonic()
    checked = check_all(_uses(urls), timeout=10, deadline=2, run_deadline=60)
    took = time.monotonic() - started
    status = {r["url"]: r["status"] for r in checked.results}
    assert status == {urls[0]: "timeout", urls[1]: "timeout", urls[2]: "200", urls[3]: "404"}
    assert checked.stopped == []
    # each host: the drip's 2 s, then the quick one; the socket timeout (10 s) never came into it
    assert took < 2 + 3, f"the run took {took:.1f} s"


def test_the_run_ends_at_its_deadline_names_what_it_stopped_and_writes_every_result(drip, monkeypatch, tmp_path):
    import time

    monkeypatch.setenv(ALLOW_HOSTS_ENV, "127.0.0.1,localhost")
    one, _ = drip
    folder = tmp_path / "data"
    folder.mkdir()
    paths = ["/ok", *(f"/drip-headers?{n}" for n in range(6))]  # one host: one at a time, 5 s each
    with open(folder / "today.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["lan_kod", "support_url"])
        writer.writerows(
            [code, f"http://{one}{path}"] for code, path in zip(["01", "03", "04", "05", "06", "07", "08"], paths)
        )
    started = time.monotonic()
    res = cli("check-links", "--data", str(folder), "--timeout", "10", "--deadline", "5", "--run-deadline", "3")
    took = time.monotonic() - started
    assert took < 3 + 2, f"the run took {took:.1f} s"
    assert res.returncode == 1
    stopped = [
        line.removeprefix("  - stopped: ") for line in res.stderr.splitlines() if line.startswith("  - stopped: ")
    ]
    assert "the run reached its 3 s and stopped" in res.stderr and len(stopped) == 6
    rows = {
        r["url"]: r["status"] for r in csv.DictReader(open(folder / "link-check.csv", encoding="utf-8", newline=""))
    }
    assert rows.pop(f"http://{one}/ok") == "200" and set(rows) == set(stopped) and set(rows.values()) == {"timeout"}


# --- the build carries the committed check's dead links to the cards ------------------------------------


def link_check_file(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=RESULT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_build_marks_a_dead_link_on_the_card(tmp_path):
    from geo.data.today import read_today

    dalarna = next(r for r in read_today(TODAY_CSV) if r["lan_kod"] == "20")
    checked = link_check_file(
        tmp_path / "link-check.csv",
        [
            {
                "url": dalarna["support_url"],
                "used_in": "x",
                "status": "404",
                "final_url": dalarna["support_url"],
                "checked_at": "2026-12-01T04:00:00+00:00",
            },
            {
                "url": dalarna["region_url"],
                "used_in": "x",
                "status": "200",
                "final_url": dalarna["region_url"],
                "checked_at": "2026-12-01T04:00:00+00:00",
            },
        ],
    )
    out = tmp_path / "rsp.gpkg"
    res = cli("build", "--contacts", str(CONTACTS_CSV), "--link-check", str(checked), "--out", str(out))
    assert res.returncode == 0, res.stderr
    data = load(out)
    assert dead_fields(data.by_code["20"]["links_dead"]) == {"today_support_url": "2026-12-01"}
    assert sum(bool(r["links_dead"]) for r in data.rows) == 1 and data.meta["links_checked"] == "2026-12-01"
    html = card_html(data.by_code["20"], "sv")
    assert (
        'Ansök om stöd till kommersiell service ↗</a> <span class="rsp-host">(regiondalarna.se)</span> <span class="rsp-dead"'
        in html
    )
    assert "fungerade inte vid kontroll 2026-12-01" in html and html.count("rsp-dead") == 1


@pytest.mark.parametrize(
    "row, needle",
    [
        ({"status": "fine"}, "status 'fine' is neither an HTTP status nor one of"),
        ({"checked_at": "yesterday"}, "checked_at 'yesterday' is not an ISO date and time"),
    ],
)
def test_build_refuses_a_broken_link_check_and_leaves_the_geopackage(gpkg, tmp_path, row, needle):
    good = {
        "url": "https://a.se/",
        "used_in": "x",
        "status": "404",
        "final_url": "https://a.se/",
        "checked_at": "2026-12-01T04:00:00+00:00",
    }
    broken = link_check_file(tmp_path / "link-check.csv", [dict(good, **row)])
    before = digest(gpkg)
    res = cli("build", "--contacts", str(CONTACTS_CSV), "--link-check", str(broken), "--out", str(gpkg))
    assert res.returncode == 1 and needle in res.stderr and "nothing was written" in res.stderr
    assert digest(gpkg) == before
