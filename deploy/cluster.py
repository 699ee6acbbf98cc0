"""`make serve`: N app processes behind Caddy, the way production runs it.

    .venv/bin/python -m deploy.cluster [--workers N] [--port 8443] [--bind 127.0.0.1]

What it does, in order:

1. builds ``deploy/.build/www``: Streamlit's content-hashed front end (``/static/...``) and our Leaflet
   (``/app/static/leaflet/...``), each file with a brotli (``.br``) and a gzip (``.gz``) copy beside it,
   which Caddy serves from disk, and Streamlit's web fonts cut to what a page can use (deploy/fonts.py);
   rebuilt only when the Streamlit or Leaflet version changes;
2. lets Caddy's own local CA (``tls internal``, kept in ``deploy/.build/caddy``) sign a certificate for
   ``localhost`` unless ``RSP_TLS`` says otherwise (a real certificate: see docs/deploy.md);
3. starts the app processes (`streamlit run serve.py`) on loopback ports, sharing one cookie secret, and
   waits for each to answer ``/_stcore/health``;
4. starts Caddy with ``deploy/Caddyfile``; an app process or Caddy that dies is started again on its
   port (a real host runs this under systemd: deploy/rsp-kartan.service);
5. on Ctrl-C (or SIGTERM) stops the proxy, then every app process, and exits.

``Cluster`` is also what the proxy tests and ``bench/proxy.py`` start.
"""

from __future__ import annotations

import argparse
import base64
import ctypes
import gzip
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import brotli

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
BUILD = DEPLOY / ".build"
CADDYFILE = DEPLOY / "Caddyfile"
STATE = BUILD / "caddy"  # Caddy's storage: its local CA and certificates
COMPRESSIBLE = {".js", ".css", ".html", ".json", ".svg", ".map", ".txt", ".ttf", ".otf", ".wasm", ".ico"}
MIN_COMPRESS_BYTES = 256  # smaller files are sent as they are
DEFAULT_FRAME_ANCESTORS = "'self'"
START_TIMEOUT_S = 90
SUPERVISE_INTERVAL_S = 0.25  # how often `make serve` looks for a dead process
HSTS_MAX_AGE = 31_536_000  # a year; RSP_HSTS_MAX_AGE=0 tells browsers to forget it (docs/deploy.md)
FONTS_RULES = 2  # raise when deploy/fonts.py changes what it keeps: the next start rebuilds the fonts


# --- set-up: precompressed files and a certificate ---------------------------------------------------


def _precompress(path: Path) -> None:
    data = path.read_bytes()
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def _copy_tree(src: Path, dest: Path, names: list[Path] | None = None) -> int:
    """Copy the files; every compressible one gets its .br and .gz beside it, made on every core at once
    (brotli and zlib release the GIL; the largest first, so that the cores end together)."""
    files = names if names is not None else [p.relative_to(src) for p in src.rglob("*") if p.is_file()]
    compress = []
    for rel in files:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / rel, target)
        if target.suffix in COMPRESSIBLE and target.stat().st_size >= MIN_COMPRESS_BYTES:
            compress.append(target)
    compress.sort(key=lambda p: -p.stat().st_size)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(_precompress, compress))
    return len(files)


def build_www(dest: Path = BUILD / "www") -> Path:
    """The proxy's document root: Streamlit's ``static/``, the map component's ``static/`` and Leaflet,
    precompressed. Built in a temporary
    folder and renamed into place, so a half-made tree is never served."""
    import streamlit

    from app_pages._map_component import frontend_build
    from deploy.fonts import slim_fonts
    from geo.web.assets import FILES, leaflet_source, leaflet_version

    stamp = {
        "streamlit": version("streamlit"),
        "streamlit-folium": version("streamlit-folium"),
        "leaflet": leaflet_version(),
        "files": list(FILES),
        "fonts": FONTS_RULES,
    }
    stamp_file = dest / "stamp.json"
    if stamp_file.exists() and json.loads(stamp_file.read_text()) == stamp:
        return dest
    tmp = dest.with_name(dest.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    package = Path(streamlit.__file__).parent
    _copy_tree(package / "static" / "static", tmp / "static")
    icon_sources = [
        *(package / "static" / "static" / "js").glob("*.js"),
        *package.rglob("*.py"),
        ROOT / "app.py",
        *(ROOT / "app_pages").glob("*.py"),
        *(ROOT / "geo").rglob("*.py"),
    ]
    slim_fonts(tmp / "static" / "media", icon_sources)
    _copy_tree(frontend_build() / "static", tmp / "component" / "streamlit_folium.st_folium" / "static")
    _copy_tree(leaflet_source(), tmp / "app" / "static" / "leaflet", [Path(name) for name in FILES])
    (tmp / "stamp.json").write_text(json.dumps(stamp))
    old = dest.with_name(dest.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        dest.rename(old)
    tmp.rename(dest)
    shutil.rmtree(old, ignore_errors=True)
    return dest


def inline_script_hashes(html: str) -> str:
    """The CSP sources (``'sha256-…'``) of the inline scripts in ``html`` (tests/test_browser_proxy.py
    counts the violations of the pages' policy in Chromium)."""
    found = []
    for m in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S | re.I):
        digest = base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode()
        found.append(f"'sha256-{digest}'")
    return " ".join(dict.fromkeys(found))


def page_script_hashes() -> str:
    """Every inline script our pages run: Streamlit's one line in its index.html, the two the app puts in
    with st.html (the page's language, the first view's hand-over on a page without a map) and the first
    view's navigation until the hand-over (geo/render/firstview.js)."""
    import streamlit

    from app_pages._map_component import handover_html
    from geo.i18n import LANGS
    from geo.render.firstview import navigation_script
    from geo.render.styles import frame_html

    index = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    ours = [frame_html(lang, embedded) for lang in LANGS for embedded in (False, True)]
    ours += [handover_html(), navigation_script()]
    return inline_script_hashes(index + "".join(ours))


# --- processes ------------------------------------------------------------------------------------


def end(proc: subprocess.Popen, hard: bool = False, timeout: float = 15) -> None:
    """End a process: SIGTERM (SIGKILL when ``hard``), and SIGKILL after ``timeout`` seconds if it is still
    there; returns once it has exited."""
    proc.kill() if hard else proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


def streamlit_options(port: int, *options: str) -> list[str]:
    """Streamlit's options for an app process: this loopback port, headless, no usage statistics."""
    return [
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *options,
    ]


def streamlit_argv(app: Path | str, port: int, *options: str) -> list[str]:
    """The command line of an app process: `streamlit run APP` (serve.py: the app behind its guard) on a
    loopback port (streamlit_options), with ``options``. `make serve`, the tests and the benchmarks start
    their processes with it."""
    return [sys.executable, "-m", "streamlit", "run", str(app), *streamlit_options(port, *options)]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """Run in the child before exec: if the launcher is killed outright, its children get SIGTERM."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _get(url: str, context: ssl.SSLContext | None = None, timeout: float = 2) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout, context=context) as resp:
            return resp.status
    except OSError:
        return None


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _wait(predicate, what: str, timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.1)


class Worker:
    """One `streamlit run serve.py` on a loopback port."""

    def __init__(self, port: int, env: dict[str, str], log: Path):
        self.port, self.env, self.log_path = port, env, log
        self.proc: subprocess.Popen | None = None

    @property
    def upstream(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                streamlit_argv(
                    ROOT / "serve.py",
                    self.port,
                    "--server.fileWatcherType",
                    "none",
                    # the map's data and every card travel over the WebSocket: deflate them (per message)
                    "--server.enableWebsocketCompression",
                    "true",
                ),
                cwd=str(ROOT),
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )

    def healthy(self) -> bool:
        return _get(f"http://{self.upstream}/_stcore/health", timeout=1) == 200

    def wait_ready(self) -> None:
        proc = self.proc
        _wait(lambda: proc.poll() is not None or self.healthy(), f"app process on port {self.port}")
        if proc.poll() is not None:
            raise RuntimeError(
                f"the app process on port {self.port} exited with {proc.returncode}; see {self.log_path}"
            )

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.proc.kill()
            self.proc.wait(timeout=15)

    def stop(self) -> None:
        if self.alive():
            end(self.proc)


class Cluster:
    """Caddy in front of ``workers`` app processes. ``url`` is where a browser goes."""

    def __init__(
        self,
        workers: int = 2,
        port: int | None = 8443,
        bind: str = "127.0.0.1",
        host: str | None = None,
        frame_ancestors: str | None = None,
        tls: str | None = None,
        logs: Path = BUILD / "logs",
    ):
        """``port=None``: a free loopback port, chosen again if another process takes it before Caddy binds
        it (tests and benchmarks; a port picked by ``free_port()`` can be taken in between)."""
        if workers < 1:
            raise ValueError("WORKERS must be at least 1")
        self.pick_port = port is None
        self.port, self.bind = (free_port() if port is None else port), bind
        self.host = host or ("localhost" if bind in ("127.0.0.1", "::1") else bind)
        self.frame_ancestors = frame_ancestors or os.environ.get("RSP_FRAME_ANCESTORS") or DEFAULT_FRAME_ANCESTORS
        self.tls = tls or os.environ.get("RSP_TLS") or ""
        self.logs = logs
        logs.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get("RSP_COOKIE_SECRET") or secrets.token_hex(32),
        }
        ports = [free_port() for _ in range(workers)]
        # each process may ask the others for a download file it does not have (geo/web/guard.py, RSP_MEDIA_PEERS)
        self.workers = [
            Worker(
                port,
                {**env, "RSP_MEDIA_PEERS": " ".join(f"127.0.0.1:{p}" for p in ports if p != port)},
                logs / f"app-{i + 1}.log",
            )
            for i, port in enumerate(ports)
        ]
        self.proxy: subprocess.Popen | None = None
        self.www: Path | None = None  # the proxy's document root, made by start()
        self._proxy_failures, self._proxy_retry_at = 0, 0.0
        self.cookie_secret = secrets.token_hex(16)

    @property
    def url(self) -> str:
        site = os.environ.get("RSP_SITE")
        return f"https://{site}" if site else f"https://{self.host}:{self.port}"

    @property
    def local_ca(self) -> Path:
        """The root certificate of Caddy's local CA (made on Caddy's first start with ``tls internal``)."""
        return STATE / "pki" / "authorities" / "local" / "root.crt"

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts Caddy's local CA (or the system's CAs, for a real certificate)."""
        local = self.tls in ("", "internal")
        if local and not self.local_ca.exists():  # before Caddy made it: only for the readiness probe
            ctx = ssl.create_default_context()
            ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
            return ctx
        return ssl.create_default_context(cafile=str(self.local_ca) if local else None)

    def proxy_env(self, www: Path) -> dict[str, str]:
        tls = self.tls or "internal"
        site = os.environ.get("RSP_SITE") or f"https://{self.host}:{self.port}"
        site_port = urlsplit(site if "://" in site else "https://" + site).port or 443
        return {
            **os.environ,
            "RSP_SITE": site,
            "RSP_OTHER_HOSTS": f"https://:{site_port}",
            "RSP_HSTS_MAX_AGE": os.environ.get("RSP_HSTS_MAX_AGE", str(HSTS_MAX_AGE)),
            "RSP_SCRIPT_HASHES": page_script_hashes(),
            "RSP_BIND": self.bind,
            "RSP_TLS": tls,
            "RSP_WWW": str(www),
            "RSP_STATE": str(STATE),
            "RSP_UPSTREAMS": " ".join(w.upstream for w in self.workers),
            "RSP_COOKIE_SECRET": self.cookie_secret,
            "RSP_FRAME_ANCESTORS": self.frame_ancestors,
        }

    def start(self) -> Cluster:
        self.www = www = build_www()
        for worker in self.workers:
            worker.start()
        for worker in self.workers:
            worker.wait_ready()
        caddy = shutil.which("caddy")
        if caddy is None:
            raise RuntimeError("caddy is not installed: `make caddy` (as root) or `sudo apt-get install caddy`")
        for _ in range(3 if self.pick_port else 1):
            if self._start_caddy(caddy, www):
                return self
            if not (self.pick_port and self._port_was_taken()):
                break
            self.port = free_port()  # another process took the free port in between: another one
        raise RuntimeError(f"caddy exited with {self.proxy.returncode}; see {self.logs / 'caddy.log'}")

    def _start_caddy(self, caddy: str, www: Path) -> bool:
        env = self.proxy_env(www)
        self._log_start = (self.logs / "caddy.log").stat().st_size if (self.logs / "caddy.log").exists() else 0
        with open(self.logs / "caddy.log", "ab") as log:
            self.proxy = subprocess.Popen(
                [caddy, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,
            )
        proxy = self.proxy
        if os.environ.get("RSP_SITE"):  # a real host name: its certificate does not cover localhost
            ready = lambda: _listening("127.0.0.1" if self.bind in ("0.0.0.0", "::") else self.bind, self.port)  # noqa: E731
        else:
            ready = lambda: _get(f"{self.url}/_stcore/health", self.ssl_context()) == 200  # noqa: E731
        _wait(lambda: proxy.poll() is not None or ready(), "Caddy")
        return proxy.poll() is None

    def _port_was_taken(self) -> bool:
        with open(self.logs / "caddy.log", "rb") as log:
            log.seek(self._log_start)
            return b"address already in use" in log.read()

    def cookie_for(self, worker: Worker) -> str:
        """The ``rsp_worker`` cookie that sends a browser to ``worker`` (Caddy's cookie policy names the
        upstream by an HMAC-SHA256 of its address under the cookie secret)."""
        return hmac.new(self.cookie_secret.encode(), worker.upstream.encode(), hashlib.sha256).hexdigest()

    def worker_for(self, cookie: str) -> Worker | None:
        """The app process a browser's ``rsp_worker`` cookie sends it to."""
        return next((w for w in self.workers if self.cookie_for(w) == cookie), None)

    def heal(self) -> None:
        """Start again every dead app process and wait until it answers (tests, after killing one)."""
        self.restart_dead()
        for worker in self.workers:
            worker.wait_ready()

    def restart_dead(self) -> list[int]:
        """Start again every app process that died; returns their ports."""
        dead = [w for w in self.workers if not w.alive()]
        for worker in dead:
            worker.start()
        return [w.port for w in dead]

    def proxy_alive(self) -> bool:
        return self.proxy is not None and self.proxy.poll() is None

    def restart_proxy(self) -> None:
        """Start Caddy again on its port (it died or was killed); the app processes and their sessions
        stay, and browsers reconnect through the new proxy. Raises RuntimeError when it cannot start."""
        caddy = shutil.which("caddy")
        if caddy is None or not self._start_caddy(caddy, self.www):
            raise RuntimeError(f"caddy could not be started again; see {self.logs / 'caddy.log'}")

    def supervise_once(self) -> list[str]:
        """One round of the supervisor (`make serve`, systemd): every dead app process and a dead Caddy
        are started again. Returns what it did, one line each. A Caddy that cannot be started is tried
        again after 1, 2, 4 … (at most 30) seconds, never given up on."""
        done = [f"the app process on port {port} died; started it again" for port in self.restart_dead()]
        if not self.proxy_alive() and time.monotonic() >= self._proxy_retry_at:
            code = self.proxy.returncode if self.proxy is not None else None
            try:
                self.restart_proxy()
            except (RuntimeError, TimeoutError) as exc:
                wait = min(30.0, 2.0**self._proxy_failures)
                self._proxy_failures += 1
                self._proxy_retry_at = time.monotonic() + wait
                done.append(
                    f"caddy exited with {code} and could not be started again ({exc}); trying again in {wait:.0f} s"
                )
            else:
                self._proxy_failures, self._proxy_retry_at = 0, 0.0
                done.append(f"caddy exited with {code}; started it again on port {self.port}")
        return done

    def stop(self) -> None:
        if self.proxy_alive():
            end(self.proxy)
        for worker in self.workers:
            worker.stop()

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "2")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("RSP_PORT", "8443")))
    parser.add_argument("--bind", default=os.environ.get("RSP_BIND", "127.0.0.1"))
    args = parser.parse_args(argv)
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    cluster = Cluster(args.workers, args.port, args.bind)
    try:
        cluster.start()
        print(f"RSP-kartan: {cluster.url}/ ({args.workers} app processes behind Caddy; Ctrl-C stops all)", flush=True)
        while not stopping:
            for line in cluster.supervise_once():
                print(line, flush=True)
            time.sleep(SUPERVISE_INTERVAL_S)
    except (RuntimeError, TimeoutError) as exc:
        print(f"make serve: {exc}", file=sys.stderr)
        return 1
    finally:
        cluster.stop()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
