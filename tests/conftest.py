from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

HTML_FIXTURE = ROOT / "tests" / "fixtures" / "regional-samordning.html"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "tests" / "fixtures" / "regional-samordning.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def html_text() -> str:
    return HTML_FIXTURE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server():
    from browser_support import ARTIFACTS, streamlit_server

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def proxy():
    """`make serve` in miniature: two app processes behind Caddy on a free loopback port."""
    from deploy.cluster import Cluster, free_port

    with Cluster(workers=2, port=free_port()) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from browser_support import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
