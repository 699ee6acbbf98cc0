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
