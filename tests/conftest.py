"""The test suite's tiers and shared fixtures.

Tiers, by folder (each test gets its folder's marker): ``unit`` (pure Python, in-process: data, view, render,
the guard as an ASGI app, the command line), ``app`` (Streamlit's AppTest), ``browser`` (Debian's Chromium
against a real `streamlit run`), ``deploy`` (Caddy and several app processes, `make run`, the server's limits).
`make test-fast` runs the first two.

One Chromium and one read-only Streamlit server serve the whole session; a test that needs a server of its
own (other data, a restart) starts it itself, and every server and browser is closed in a ``finally``.
Helpers live in tests/support/ (no test module imports another).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from support.data import broken_gpkgs_in, built_gpkg, hostile_gpkg, stale_gpkg  # noqa: E402

TIERS = ("unit", "app", "browser", "deploy")


def _tier(item) -> str:
    return Path(str(item.fspath)).parent.name


def pytest_collection_modifyitems(items):
    """Every test gets its folder's marker; the fast tiers run first (a broken unit fails in seconds)."""
    for item in items:
        if _tier(item) in TIERS:
            item.add_marker(getattr(pytest.mark, _tier(item)))
    items.sort(key=lambda item: TIERS.index(_tier(item)) if _tier(item) in TIERS else len(TIERS))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "tests" / "fixtures" / "regional-samordning.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def html_text() -> str:
    return (ROOT / "tests" / "fixtures" / "regional-samordning.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def server():
    """The session's read-only app server (serve.py: the guard in front of app.py, the committed data)."""
    from support.browser import ARTIFACTS, streamlit_server

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """The session's one Chromium (each test opens its own context)."""
    from playwright.sync_api import sync_playwright
    from support.browser import CHROMIUM, CHROMIUM_ARGS, LOOPBACK_ONLY

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, LOOPBACK_ONLY])
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def proxy():
    """`make serve` in miniature: two app processes behind Caddy on a free loopback port (read-only)."""
    from deploy.cluster import Cluster

    with Cluster(workers=2, port=None) as cluster:
        yield cluster


@pytest.fixture(scope="session")
def gpkg(tmp_path_factory) -> Path:
    """A GeoPackage built afresh from the committed data files (read-only: copy it to change it)."""
    return built_gpkg(tmp_path_factory.mktemp("gpkg") / "rsp.gpkg")


@pytest.fixture(scope="session", name="stale_gpkg")
def stale_gpkg_fixture(gpkg, tmp_path_factory) -> Path:
    """``gpkg`` with Uppsala's facts checked 13 months ago (support.data.STALE_COUNTY)."""
    return stale_gpkg(gpkg, tmp_path_factory.mktemp("stale"))


@pytest.fixture(scope="session", name="hostile_gpkg")
def hostile_gpkg_fixture(tmp_path_factory) -> Path:
    """A GeoPackage built from contacts whose free text is markup and script (support.app.HOSTILE)."""
    return hostile_gpkg(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def hostile_server(hostile_gpkg, tmp_path_factory):
    """An app server on data a careless or hostile source could give: markup and script in every county's
    free text (hostile_gpkg), and names of 5,000 letters without a break for Västerbotten (24)."""
    import pyogrio
    from support.browser import streamlit_server
    from support.data import copy_file

    path = copy_file(hostile_gpkg, tmp_path_factory.mktemp("hostile-server"), "rsp.gpkg")
    counties = pyogrio.read_dataframe(path, layer="counties")
    counties.loc[counties["lan_kod"] == "24", "org_name"] = "Region" + "X" * 5000
    counties.loc[counties["lan_kod"] == "24", "today_region"] = "Region" + "Y" * 5000
    pyogrio.write_dataframe(counties, path, layer="counties", driver="GPKG")
    with streamlit_server(env={"RSP_GPKG": str(path)}) as url:
        yield url


@pytest.fixture(scope="session")
def broken_gpkgs(gpkg, tmp_path_factory) -> dict[str, Path]:
    """Copies of ``gpkg`` broken on purpose, one per case of support.data.COUNTY_CASES and a few more."""
    return broken_gpkgs_in(gpkg, tmp_path_factory.mktemp("broken"))
