from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from data_support import COUNTY_CASES, copy_file, edit_counties, run_geo  # noqa: E402
from geo.paths import CONTACTS_CSV  # noqa: E402

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
    from deploy.cluster import Cluster

    with Cluster(workers=2, port=None) as cluster:
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


# A fresh GeoPackage built by the command line, and copies of it broken on purpose (tests/data_support.py).
@pytest.fixture(scope="module")
def gpkg(tmp_path_factory):
    out = tmp_path_factory.mktemp("gpkg") / "rsp.gpkg"
    res = run_geo("build", "--contacts", str(CONTACTS_CSV), "--out", str(out))
    assert res.returncode == 0, res.stderr
    return out

@pytest.fixture(scope="module")
def broken_gpkgs(gpkg, tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    out = {name: edit_counties(copy_file(gpkg, folder, f"{name}.gpkg"), change) for name, (change, _) in COUNTY_CASES.items()}
    meta = copy_file(gpkg, folder, "metadata-columns.gpkg")
    pyogrio.write_dataframe(gpd.pd.DataFrame({"k": ["period"], "v": ["2014-2020"]}), meta, layer="metadata", driver="GPKG")
    out["metadata-columns"] = meta
    period = copy_file(gpkg, folder, "metadata-period.gpkg")
    md = pyogrio.read_dataframe(period, layer="metadata")
    md.loc[md["key"] == "period", "value"] = "![i](http://10.0.0.1/x.png) :red[RED]"
    pyogrio.write_dataframe(md, period, layer="metadata", driver="GPKG")
    out["metadata-period"] = period
    kom = copy_file(gpkg, folder, "null-kommun-name.gpkg")
    k = pyogrio.read_dataframe(kom, layer="municipalities")
    k.loc[k["kommun_kod"] == "2023", "kommun"] = None
    pyogrio.write_dataframe(k, kom, layer="municipalities", driver="GPKG")
    out["null-kommun-name"] = kom
    return out
