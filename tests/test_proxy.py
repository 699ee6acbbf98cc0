"""The production set-up (deploy/): Caddy in front of real app processes, over HTTP/2 and TLS, no browser.

Compression and caching, security headers, the sticky cookie, failover of plain requests, and `make serve`
stopping everything on Ctrl-C.
"""

from __future__ import annotations

import gzip
import http.cookies
import os
import re
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest
import streamlit

from browser_support import ROOT, wait_until
from deploy.cluster import Cluster, free_port
from geo.assets import leaflet_source, leaflet_version

STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static"


def fetch(cluster: Cluster, path: str, encoding: str | None = None, cookie: str | None = None):
    """(status, headers, raw body) through the proxy; the body is left as it came on the wire."""
    req = urllib.request.Request(cluster.url + path)
    if encoding:
        req.add_header("Accept-Encoding", encoding)
    if cookie:
        req.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(req, timeout=20, context=cluster.ssl_context()) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def decode(headers, body: bytes) -> bytes:
    coding = headers.get("Content-Encoding")
    return {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[coding](body)


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


@pytest.mark.parametrize("path", ["/app/static/evil.html", "/app/static/", "/static/", "/static/../app.py",
                                  "/app/static/leaflet/../../../app.py"])
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
    assert image == proxy.url + "/_rsp/og/25-idag.png"  # Caddy's X-Forwarded-Proto: the https address
    assert "Region Norrbotten" in html and html.index('id="rsp-first"') < html.index('id="root"')
    status, headers, png = fetch(proxy, "/_rsp/og/25-idag.png")
    assert status == 200 and headers["Content-Type"] == "image/png" and png[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_fa_layer_comes_through_the_proxy_compressed_and_cached_for_good(proxy):
    """Issue 20: the region-type view's FA layer, fetched by the map, through `make serve`."""
    from geo.gpkg import load
    from geo.paths import GPKG

    data = load(GPKG)
    status, headers, body = fetch(proxy, f"/_rsp/{data.fa_file}", "gzip, deflate, br, zstd")
    assert status == 200 and headers["Content-Encoding"] == "gzip" and len(body) < 35_000
    assert "immutable" in headers["Cache-Control"] and decode(headers, body) == data.fa_json
    assert fetch(proxy, "/_rsp/fa-0123456789abcdef.json")[0] == 404


def test_security_headers_allow_only_our_origin(proxy):
    _, headers, _ = fetch(proxy, "/")
    assert headers["X-Content-Type-Options"] == "nosniff"
    csp = {d.split()[0]: d.split()[1:] for d in (part.strip() for part in headers["Content-Security-Policy"].split(";")) if d}
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
    proc = subprocess.Popen([sys.executable, "-m", "deploy.cluster", "--workers", "2", "--port", str(port)],
                            cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while not any("Ctrl-C" in line for line in lines):
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "make serve did not start: " + "".join(lines)
            if select.select([proc.stdout], [], [], 1)[0]:
                lines.append(proc.stdout.readline())
        assert f"https://localhost:{port}/" in lines[-1]
        children = _children(proc.pid)
        assert len(children) >= 3, f"expected 2 app processes and Caddy, found {children}"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
        wait_until(lambda: not any(_alive(pid) for pid in children), timeout=30, what="every child to exit")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


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
