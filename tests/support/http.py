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
