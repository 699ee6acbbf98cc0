"""The production set-up (deploy/): Caddy in front of real app processes, over HTTP/2 and TLS, no browser.

Compression and caching, security headers, the sticky cookie, failover of plain requests, and `make serve`
stopping everything on Ctrl-C.
"""

from __future__ import annotations

import http.cookies
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import streamlit
from support.browser import ROOT, wait_until
from support.http import Piped, decode, fetch

from deploy.cluster import Cluster, free_port
from geo.web.assets import leaflet_source, leaflet_version

STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static"


def a_bundle(cluster: Cluster) -> str:
    """The path of Streamlit's main script bundle, as the app's index.html names it."""
    _, headers, body = fetch(cluster, "/", "gzip")
    found = re.search(r'src="\.?/?(static/js/index\.[\w-]+\.js)"', decode(headers, body).decode())
    assert found, "index.html names no static/js/index.*.js bundle"
    return "/" + found.group(1)


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_streamlit_bundles_come_precompressed_and_immutable(proxy, encoding):
    path = a_bundle(proxy)
    status, headers, body = fetch(proxy, path, f"{encoding}, identity")
    assert status == 200
    assert headers["Content-Encoding"] == encoding
    assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    original = (STREAMLIT_STATIC / path.lstrip("/")).read_bytes()
    assert decode(headers, body) == original
    assert len(body) < len(original) / 3, f"{encoding}: {len(body)} of {len(original)} bytes"


def test_a_client_without_compression_gets_the_file_as_is(proxy):
    path = a_bundle(proxy)
    status, headers, body = fetch(proxy, path, "identity")
    assert status == 200 and headers.get("Content-Encoding") is None
    assert body == (STREAMLIT_STATIC / path.lstrip("/")).read_bytes()


def test_leaflet_is_served_from_disk_precompressed_and_cached(proxy):
    status, headers, body = fetch(proxy, f"/app/static/leaflet/leaflet.js?v={leaflet_version()}", "br, gzip")
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert "immutable" in headers["Cache-Control"]
    assert decode(headers, body) == (leaflet_source() / "leaflet.js").read_bytes()


def test_the_map_component_bundle_comes_precompressed_and_immutable(proxy):
    import streamlit_folium

    build = Path(streamlit_folium.__file__).parent / "frontend" / "build"
    bundle = next((build / "static" / "js").glob("main.*.js")).relative_to(build)
    status, headers, body = fetch(proxy, f"/component/streamlit_folium.st_folium/{bundle}", "br, gzip")
    assert status == 200 and headers["Content-Encoding"] == "br" and "immutable" in headers["Cache-Control"]
    assert decode(headers, body) == (build / bundle).read_bytes()


@pytest.mark.parametrize(
    "path",
    ["/app/static/evil.html", "/app/static/", "/static/", "/static/../app.py", "/app/static/leaflet/../../../app.py"],
)
def test_nothing_but_the_listed_files_is_served_from_disk(proxy, path):
    status, _, body = fetch(proxy, path)
    assert status in (400, 404), (path, status, body[:200])
    assert b"import" not in body


@pytest.mark.parametrize("path", ["/", "/kontakter", "/_stcore/host-config"])
def test_dynamic_responses_are_compressed_and_not_cached_for_good(proxy, path):
    status, headers, body = fetch(proxy, path, "gzip")
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" not in headers.get("Cache-Control", "")
    assert decode(headers, body)


def test_the_first_response_carries_the_view_through_the_proxy(proxy):
    """Issue 16 through `make serve`: the HTML answer names the county in its title, previews with an image,
    and shows Region Norrbotten before any script runs; compressed, at most 60 kB on the wire."""
    status, headers, body = fetch(proxy, "/?lan=25&lang=en", "gzip, deflate, br, zstd")
    assert status == 200 and headers["Content-Encoding"] == "gzip" and len(body) <= 60_000
    html = decode(headers, body).decode("utf-8")
    assert '<html lang="en">' in html and "<title>Norrbottens län – whom do you contact" in html
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert image == proxy.url + "/_rsp/og/25-idag-en.png"  # Caddy's X-Forwarded-Proto: the https address
    assert "Region Norrbotten" in html and html.index('id="rsp-first"') < html.index('id="root"')
    status, headers, png = fetch(proxy, "/_rsp/og/25-idag-en.png")
    assert status == 200 and headers["Content-Type"] == "image/png" and png[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_fa_layer_comes_through_the_proxy_compressed_and_cached_for_good(proxy):
    """Issue 20: the region-type view's FA layer, fetched by the map, through `make serve`."""
    from support.data import app_model

    from geo.render.mapview import fa_layer

    fa_file, fa_json = fa_layer(app_model())
    status, headers, body = fetch(proxy, f"/_rsp/{fa_file}", "gzip, deflate, br, zstd")
    assert status == 200 and headers["Content-Encoding"] == "gzip" and len(body) < 35_000
    assert "immutable" in headers["Cache-Control"] and decode(headers, body) == fa_json
    assert fetch(proxy, "/_rsp/fa-0123456789abcdef.json")[0] == 404


def test_security_headers_allow_only_our_origin(proxy):
    _, headers, _ = fetch(proxy, "/")
    assert headers["X-Content-Type-Options"] == "nosniff"
    csp = {
        d.split()[0]: d.split()[1:]
        for d in (part.strip() for part in headers["Content-Security-Policy"].split(";"))
        if d
    }
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    for directive, sources in csp.items():  # no other origin, no scheme-wide wildcard
        assert all(s.startswith("'") or s in ("data:", "blob:") for s in sources), (directive, sources)
    assert "Server" not in headers


def _worker_cookie(headers) -> str:
    jar = http.cookies.SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    assert "rsp_worker" in jar, "the proxy set no rsp_worker cookie"
    return jar["rsp_worker"].value


def test_the_cookie_keeps_a_browser_on_one_process_and_new_browsers_are_spread(proxy):
    seen = set()
    for _ in range(24):
        _, headers, _ = fetch(proxy, "/_stcore/health")
        worker = proxy.worker_for(_worker_cookie(headers))
        assert worker is not None, "the cookie names no app process"
        seen.add(worker.port)
    assert seen == {w.port for w in proxy.workers}
    cookie = f"rsp_worker={_worker_cookie(fetch(proxy, '/_stcore/health')[1])}"
    for _ in range(5):  # a browser that has the cookie is not given another
        set_cookies = fetch(proxy, "/_stcore/health", cookie=cookie)[1].get_all("Set-Cookie") or []
        assert not [c for c in set_cookies if c.startswith("rsp_worker=")]


def test_a_dead_process_gets_no_requests_and_the_cookie_moves(proxy):
    _, headers, _ = fetch(proxy, "/_stcore/health")
    cookie = _worker_cookie(headers)
    dead = proxy.worker_for(cookie)
    try:
        dead.kill()
        for _ in range(10):
            status, headers, _ = fetch(proxy, "/_stcore/health", cookie=f"rsp_worker={cookie}")
            assert status == 200
            moved = proxy.worker_for(_worker_cookie(headers))
            assert moved is not None and moved is not dead
    finally:
        proxy.heal()


def _children(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        try:
            kids = {int(x) for x in Path(f"/proc/{p}/task/{p}/children").read_text().split()}
        except OSError:
            kids = set()
        found |= kids
        todo += list(kids)
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except OSError:
        return False


def test_make_serve_starts_the_workers_and_ctrl_c_stops_them_all():
    port = free_port()
    serve = Piped([sys.executable, "-m", "deploy.cluster", "--workers", "2", "--port", str(port)])
    try:
        serve.read_until("Ctrl-C", 120)
        assert f"https://localhost:{port}/" in serve.lines[-1]
        children = _children(serve.proc.pid)
        assert len(children) >= 3, f"expected 2 app processes and Caddy, found {children}"
        serve.proc.send_signal(signal.SIGINT)
        assert serve.proc.wait(timeout=60) == 0
        wait_until(lambda: not any(_alive(pid) for pid in children), timeout=30, what="every child to exit")
    finally:
        serve.close()


def _served_font(cluster: Cluster, pattern: str) -> tuple[str, bytes]:
    media = STREAMLIT_STATIC / "static" / "media"
    name = next(media.glob(pattern)).name
    status, headers, body = fetch(cluster, f"/static/media/{name}")
    assert status == 200 and "immutable" in headers["Cache-Control"]
    return name, body


def test_the_icon_font_is_cut_to_the_icons_a_page_can_name(proxy, tmp_path):
    from fontTools.ttLib import TTFont

    from deploy.fonts import icon_names, kept_icons

    name, body = _served_font(proxy, "MaterialSymbols-*.woff2")
    original = STREAMLIT_STATIC / "static" / "media" / name
    (tmp_path / name).write_bytes(body)
    kept, known = kept_icons(TTFont(tmp_path / name)), kept_icons(TTFont(original))
    named = icon_names([*(STREAMLIT_STATIC / "static" / "js").glob("*.js"), *STREAMLIT_STATIC.parent.rglob("*.py")])
    assert "keyboard_double_arrow_right" in named  # the sidebar's arrow: the one icon the map page shows
    assert (named & known) <= kept, sorted((named & known) - kept)
    assert len(body) < original.stat().st_size / 10


def test_the_text_font_keeps_swedish_and_sami_letters(proxy, tmp_path):
    from fontTools.ttLib import TTFont

    name, body = _served_font(proxy, "SourceSansVF-Upright*.woff2")
    (tmp_path / name).write_bytes(body)
    cmap = TTFont(tmp_path / name).getBestCmap()
    assert all(ord(c) in cmap for c in "åäöÅÄÖéüáčđŋšŧžÁČĐŊŠŦŽ–—’“”…€"), "a letter is missing"  # Swedish, North Sami
    assert ord("ж") not in cmap  # Cyrillic is left out: the phone's own font has it


def test_a_cluster_on_a_free_port_moves_on_when_the_port_is_taken_before_caddy_binds_it(tmp_path):
    """`free_port()` closes the port it found; another process can take it before Caddy binds it (seen once in
    CI: "bind: address already in use"). With port=None the cluster chooses another one and starts."""
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        cluster = Cluster(workers=1, port=None, logs=tmp_path)
        cluster.port = taken.getsockname()[1]  # the race, made certain
        with cluster:
            assert cluster.port != taken.getsockname()[1]
            status, _, _ = fetch(cluster, "/_stcore/health")
            assert status == 200
            assert b"address already in use" in (tmp_path / "caddy.log").read_bytes()
    finally:
        taken.close()


# --- issue 19: headers on every answer, Caddy's own included; the sticky cookie; supervision ------------

SITE_HEADERS = (
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Strict-Transport-Security",
    "Permissions-Policy",
    "Content-Security-Policy",
)


def _site_headers_problems(headers) -> list[str]:
    problems = [f"no {name}" for name in SITE_HEADERS if not headers.get(name)]
    if headers.get("Server"):
        problems.append(f"Server: {headers['Server']}")
    if "max-age=31536000" not in headers.get("Strict-Transport-Security", ""):
        problems.append(f"HSTS {headers.get('Strict-Transport-Security')!r}")
    policy = headers.get("Permissions-Policy", "")
    problems += [
        f"Permissions-Policy allows {f}" for f in ("camera", "microphone", "geolocation") if f"{f}=()" not in policy
    ]
    return problems


@pytest.mark.parametrize(
    "method, path, host, status",
    [
        ("GET", "/", None, 200),
        ("GET", "/static/js/nope.js", None, 404),  # the file server's own not found
        ("GET", "/app/static/leaflet/nope.js", None, 404),
        ("GET", "/component/streamlit_folium.st_folium/static/nope.js", None, 404),
        ("GET", "/app/static/leaflet/leaflet.js%00.html", None, 400),  # was a 500
        ("PUT", "/app/static/leaflet/leaflet.js", None, 405),  # was a 200
        ("DELETE", "/static/js/nope.js", None, 405),
        ("POST", "/static/js/nope.js", None, 405),
        ("GET", "/", "evil.example", 421),  # another host name on our port (was an empty 200 from Caddy)
        ("OPTIONS", "/_stcore/upload_file/x/y", None, 404),  # the app has no upload
    ],
)
def test_every_answer_carries_the_site_headers_and_no_server_name(proxy, method, path, host, status):
    got, headers, _ = fetch(proxy, path, method=method, host=host)
    assert got == status, (method, path, got)
    assert _site_headers_problems(headers) == [], (method, path)
    if status != 200:
        assert "immutable" not in headers.get("Cache-Control", "") and headers.get("Cache-Control") == "no-store"


def test_leaflet_found_is_cached_for_good_and_a_missing_file_is_not(proxy):
    assert "immutable" in fetch(proxy, f"/app/static/leaflet/leaflet.js?v={leaflet_version()}")[1]["Cache-Control"]
    assert fetch(proxy, "/app/static/leaflet/leaflet-9.js")[1]["Cache-Control"] == "no-store"


def test_no_answer_names_an_app_process_port(proxy):
    for method, path in (
        ("OPTIONS", "/_stcore/upload_file/x/y"),
        ("OPTIONS", "/_stcore/health"),
        ("GET", "/_stcore/host-config"),
    ):
        _, headers, _ = fetch(proxy, path, method=method)
        named = " ".join(f"{k}: {v}" for k, v in headers.items())
        assert not any(str(w.port) in named for w in proxy.workers), (method, path, named)
        assert "Access-Control-Allow-Origin" not in headers


def test_the_worker_cookie_has_secure_httponly_and_samesite(proxy):
    _, headers, _ = fetch(proxy, "/")
    cookies = [c for c in headers.get_all("Set-Cookie") or [] if c.startswith("rsp_worker=")]
    assert len(cookies) == 1
    attributes = {a.strip().split("=")[0].lower(): a.strip() for a in cookies[0].split(";")[1:]}
    assert {"path", "secure", "httponly", "samesite"} <= set(attributes), cookies
    assert attributes["samesite"] == "SameSite=Lax"


def test_plain_http_to_the_tls_port_is_redirected_to_https(proxy):
    import http.client

    parts = urllib.parse.urlsplit(proxy.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    try:
        conn.request("GET", "/kontakter?lan=25")
        resp = conn.getresponse()
        assert resp.status in (301, 308) and resp.headers["Location"] == f"{proxy.url}/kontakter?lan=25"
    finally:
        conn.close()


def test_a_request_body_over_the_limit_is_refused_at_the_edge(proxy):
    import http.client

    parts = urllib.parse.urlsplit(proxy.url)
    conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=30, context=proxy.ssl_context())
    try:
        conn.request(
            "POST", "/_stcore/health", body=b"x" * 200_000, headers={"Content-Type": "application/octet-stream"}
        )
        assert conn.getresponse().status == 413
    finally:
        conn.close()


def test_a_page_load_is_placed_afresh_and_the_rest_of_the_session_follows_its_cookie(proxy):
    """Load comes back to a restarted process: a browser whose cookie names one process is placed afresh
    (at random among the healthy ones) when it opens a page, while its WebSocket, /media and the other
    requests keep to the cookie."""
    first = _worker_cookie(fetch(proxy, "/_stcore/health")[1])
    placed = set()

    def both_placed() -> bool:  # polled: a process restarted by an earlier test counts as failed for 10 s
        _, headers, _ = fetch(proxy, "/", cookie=f"rsp_worker={first}")
        placed.add(proxy.worker_for(_worker_cookie(headers)).port)
        return placed == {w.port for w in proxy.workers}

    wait_until(both_placed, timeout=40, interval=0.05, what="page loads placed on both processes")
    for _ in range(5):  # everything but a page keeps to the cookie
        set_cookies = fetch(proxy, "/_stcore/host-config", cookie=f"rsp_worker={first}")[1].get_all("Set-Cookie") or []
        assert not [c for c in set_cookies if c.startswith("rsp_worker=")]


UNIT = ROOT / "deploy" / "rsp-kartan.service"


def _unit_for_this_checkout(tmp_path: Path) -> Path:
    """deploy/rsp-kartan.service with /srv/rsp-kartan replaced by this checkout (what docs/deploy.md's
    install step does)."""
    out = tmp_path / "rsp-kartan.service"
    out.write_text(UNIT.read_text(encoding="utf-8").replace("/srv/rsp-kartan", str(ROOT)), encoding="utf-8")
    return out


def _service_section(unit: Path):
    """The unit's [Service] section, keys as written."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(unit)
    return parser["Service"]


def test_the_systemd_unit_is_valid_and_restarts_on_failure(tmp_path):
    unit = _unit_for_this_checkout(tmp_path)
    res = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and res.stdout + res.stderr == "", res.stdout + res.stderr  # a bad line only warns
    service = _service_section(unit)
    assert service["Restart"] == "on-failure" and service["KillSignal"] == "SIGINT"
    assert service["ExecStart"].startswith(f"{ROOT}/.venv/bin/python -m deploy.cluster ")


def _caddy_child(pid: int) -> int | None:
    for child in _children(pid):
        try:
            if Path(f"/proc/{child}/comm").read_text().strip() == "caddy" and _alive(child):
                return child
        except OSError:
            continue
    return None


def test_caddy_killed_is_started_again_and_the_app_processes_stay(tmp_path):
    """The unit's own command (on a free loopback port): kill -9 of Caddy no longer takes the site down;
    the supervisor starts Caddy again on its port, the app processes (and their sessions) are untouched."""
    import shlex
    import ssl

    port = free_port()
    argv = shlex.split(_service_section(_unit_for_this_checkout(tmp_path))["ExecStart"])
    argv[argv.index("--port") + 1], argv[argv.index("--bind") + 1] = str(port), "127.0.0.1"
    unit = Piped(argv)
    proc = unit.proc

    ctx = ssl.create_default_context(
        cafile=str(ROOT / "deploy" / ".build" / "caddy" / "pki" / "authorities" / "local" / "root.crt")
    )

    def serving() -> bool:
        try:
            with urllib.request.urlopen(f"https://localhost:{port}/_stcore/health", timeout=2, context=ctx) as resp:
                return resp.status == 200
        except OSError:
            return False

    try:
        unit.read_until("Ctrl-C", 120)
        caddy = _caddy_child(proc.pid)
        apps = _children(proc.pid) - _children(caddy) - {caddy}
        assert caddy and len(apps) >= 2
        os.kill(caddy, signal.SIGKILL)
        unit.read_until("started it again on port", 60)
        wait_until(serving, timeout=60, what="the site to answer again")
        assert proc.poll() is None
        new_caddy = _caddy_child(proc.pid)
        assert new_caddy not in (None, caddy)
        assert all(_alive(pid) for pid in apps), "the app processes were stopped"
        proc.send_signal(signal.SIGINT)  # the unit's KillSignal
        assert proc.wait(timeout=60) == 0
    finally:
        unit.close()


def _download_url(cluster: Cluster, cookie: str, limit_s: float = 120) -> str:
    """``_download_url_over_ws`` with a hard bound: a fresh-clone CI run once hung for minutes inside
    websockets' opening handshake (a thread join that its own open_timeout did not end)."""
    import threading

    done: list = []
    worker = threading.Thread(
        target=lambda: done.append(_try(lambda: _download_url_over_ws(cluster, cookie))), daemon=True
    )
    worker.start()
    worker.join(limit_s)
    assert done, f"the WebSocket to the app process did not open or answer within {limit_s:.0f} s"
    ok, value = done[0]
    if not ok:
        raise value
    return value


def _try(work):
    try:
        return True, work()
    except BaseException as exc:  # re-raised in the test's thread
        return False, exc


def _download_url_over_ws(cluster: Cluster, cookie: str) -> str:
    """A download made the way the contacts page makes one: the page's run over a WebSocket pinned by
    ``cookie``, then the deferred-file request a click sends; returns the file's /media/ address."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    with connect(
        cluster.url.replace("https://", "wss://") + "/_stcore/stream",
        subprotocols=["streamlit"],
        ssl=cluster.ssl_context(),
        additional_headers={"Cookie": f"rsp_worker={cookie}"},
        max_size=None,
        open_timeout=30,
    ) as ws:
        msg = BackMsg()
        msg.rerun_script.page_name = "kontakter"
        ws.send(msg.SerializeToString())
        session = file_id = None
        for _ in range(300):
            fwd = ForwardMsg.FromString(ws.recv(timeout=60))
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                session = fwd.new_session.initialize.session_id
            elif kind == "delta" and fwd.delta.new_element.WhichOneof("type") == "download_button":
                file_id = file_id or fwd.delta.new_element.download_button.deferred_file_id
            elif kind == "script_finished":
                break
        assert session and file_id, "the contacts page made no download button"
        ask = BackMsg()
        ask.backend_operation_request.request_id = "1"
        ask.backend_operation_request.session_id = session
        ask.backend_operation_request.deferred_file.file_id = file_id
        ws.send(ask.SerializeToString())
        for _ in range(50):
            fwd = ForwardMsg.FromString(ws.recv(timeout=60))
            if fwd.WhichOneof("type") == "backend_operation_response":
                return fwd.backend_operation_response.deferred_file.url
    raise AssertionError("no answer to the download request")


def test_a_download_works_from_a_tab_whose_browser_was_placed_on_another_process(proxy):
    """Two tabs of one browser: the newer tab's page load placed the browser (its cookie) on the other
    process; the older tab's download, made by its own process, is still served."""
    own, other = proxy.workers[0], proxy.workers[1]
    url = _download_url(proxy, proxy.cookie_for(own))
    assert url.startswith("/media/") and url.endswith(".csv")
    status, _, body = fetch(proxy, url, cookie=f"rsp_worker={proxy.cookie_for(own)}")
    assert status == 200 and body.startswith(b"\xef\xbb\xbf") or b"lan_kod" in body[:400]
    moved_status, headers, moved_body = fetch(proxy, url, cookie=f"rsp_worker={proxy.cookie_for(other)}")
    assert (moved_status, moved_body) == (200, body)
    assert "attachment" in headers.get("Content-Disposition", "")
    assert fetch(proxy, "/media/0123456789abcdef0123456789abcdef.csv")[0] == 404  # a file no process has
