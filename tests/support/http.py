"""Helpers for the deploy tier: a request through the proxy, and its body as it came on the wire or decoded."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import brotli

from deploy.cluster import Cluster


def fetch(
    cluster: Cluster,
    path: str,
    encoding: str | None = None,
    cookie: str | None = None,
    method: str = "GET",
    host: str | None = None,
):
    """(status, headers, raw body) through the proxy, any method, with another Host header if given; the body
    is left as it came on the wire."""
    req = urllib.request.Request(cluster.url + path, method=method)
    if host:
        req.add_header("Host", host)
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


class Piped:
    """A command of the deploy tier (`make serve`, the unit's command) run with its output read line by line."""

    def __init__(self, argv: list[str]):
        import os
        import subprocess

        from geo.paths import ROOT

        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            argv,
            cwd=str(ROOT),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    def read_until(self, needle: str, timeout: float) -> None:
        """Read its output until a line holds ``needle`` (it must stay alive, at most ``timeout`` seconds)."""
        import select
        import time

        deadline = time.monotonic() + timeout
        while not any(needle in line for line in self.lines):
            assert self.proc.poll() is None, "".join(self.lines)
            assert time.monotonic() < deadline, f"no {needle!r} in: " + "".join(self.lines)
            if select.select([self.proc.stdout], [], [], 1)[0]:
                self.lines.append(self.proc.stdout.readline())

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
