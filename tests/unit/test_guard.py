"""geo/guard.py: the HTTP guard in front of the app (static allow-list, metrics, not-found page)."""

from __future__ import annotations

import pytest
from support.firstview import run_in_a_thread


def _asgi(path: str, base: str = "") -> tuple[int, bytes]:
    import asyncio

    from geo.web.guard import Guard

    async def inner(scope, receive, send):
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b"streamlit"})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    run_in_a_thread(
        lambda: asyncio.run(Guard(inner, base)({"type": "http", "method": "GET", "path": path}, receive, send))
    )
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


@pytest.mark.parametrize(
    "path, base, status",
    [
        ("/app/static/leaflet/leaflet.js", "", 299),
        ("/app/static/evil.html", "", 404),
        ("/app/static/leaflet/images/evil.svg", "", 404),
        ("/_stcore/metrics", "", 404),
        ("/_stcore/health", "", 299),
        ("/om/x", "", 404),
        ("/karta\x00", "", 404),
        ("/kontakter", "", 299),
        ("/", "", 299),
        ("/component/streamlit_folium.st_folium/index.html", "", 299),
        ("/static/js/index.js", "", 299),
        ("/rsp/_stcore/metrics", "rsp", 404),
        ("/rsp/app/static/leaflet/leaflet.css", "rsp", 299),
        ("/rsp/om/x", "rsp", 404),
        ("/foo", "", 404),  # an unknown page of one segment: the guard's 404, not Streamlit's page with 200
        ("/Kontakter", "", 404),
        ("/karta/", "", 299),  # the map's alias, a trailing slash aside
        ("/favicon.png", "", 299),  # Streamlit's files at the root
        ("/manifest.json", "", 299),
        ("/robots.txt", "", 404),  # any other file name at the root got Streamlit's index page with 200
        ("/kontakter.php", "", 404),
        ("/index.html", "", 404),
        ("/rsp/foo", "rsp", 404),
    ],
)
def test_guard(path, base, status):
    got, body = _asgi(path, base)
    assert got == status
    if status == 404 and "static" not in path and "metrics" not in path:
        assert b"Sidan finns inte" in body and b"<script" not in body


def test_the_root_files_are_streamlits_own():
    """Seam: the guard lets through to Streamlit only the files at the top of its static folder; a Streamlit
    that adds one there (it would get the guard's 404) fails here, naming it."""
    from pathlib import Path

    import streamlit

    from geo.web.guard import ROOT_FILES

    static = Path(streamlit.__file__).parent / "static"
    found = {p.name for p in static.iterdir() if p.is_file()} - {"index.html"}
    assert found == set(ROOT_FILES), f"Streamlit's root files changed: {sorted(found ^ set(ROOT_FILES))}"
