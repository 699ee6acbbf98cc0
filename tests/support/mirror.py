"""A stand-in for the regions' sites on 127.0.0.1: one HTTPS server that answers for every host of the data
files, with a certificate made for those names (openssl) that the link check is told to trust
(SSL_CERT_FILE). The check reaches it through RSP_LINKCHECK_CONNECT_TO, as a check against a mirror would;
the addresses in the data stay the real ones, so the build's host review applies unchanged."""

from __future__ import annotations

import contextlib
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from geo.data.linkcheck import CONNECT_TO_ENV, link_uses


@dataclass
class Mirror:
    address: str  # "127.0.0.1:PORT"
    cafile: Path
    dead: set[str] = field(default_factory=set)  # "host/path" answered with 404
    asked: list[str] = field(default_factory=list)  # "METHOD host/path", in order

    def env(self) -> dict[str, str]:
        """What the check needs to reach it: the address to connect to, the certificate to trust."""
        return {CONNECT_TO_ENV: self.address, "SSL_CERT_FILE": str(self.cafile)}


def _certificate(hosts: list[str], folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "mirror.pem", folder / "mirror.key"
    names = ",".join(f"DNS:{h}" for h in hosts)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=rsp-test-mirror"]
        + ["-keyout", str(key), "-out", str(cert), "-addext", f"subjectAltName={names}"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


@contextlib.contextmanager
def mirror_of(data_dir: Path, folder: Path) -> Iterator[Mirror]:
    """A mirror of every https host in ``data_dir``'s CSV files, until the block ends."""
    hosts = sorted({urlsplit(u).hostname for u in link_uses(data_dir) if u.startswith("https://")})
    cert, key = _certificate(hosts, folder)
    state = Mirror("", cert)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self):
            where = f"{self.headers.get('Host', '').split(':')[0]}{self.path}"
            state.asked.append(f"{self.command} {where}")
            body = b"<!doctype html><title>mirror</title>"
            self.send_response(404 if where in state.dead else 200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)

        do_GET = do_HEAD = _answer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    server.socket = tls.wrap_socket(server.socket, server_side=True)
    state.address = f"127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
