"""Read the GeoPackage back, checked against the data contract before and after GDAL reads it: every layer
is inspected with SQLite first (a real table, its columns, its size), then read, then every value checked
with the same rules the build applied. Any problem raises DataUnavailable naming the file, layer and
problem; geo/data/model.py makes the app's one data model from the layers.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from ..paths import GPKG
from ..rules import LAYER_LIMITS, MAX_FIELD_LEN, MAX_GEOMETRY_BYTES, SWEDEN_BOX
from . import regiontypes as rt
from .contacts import COLUMNS, PERIOD_RE, row_problems, table_problems
from .counties import by_code
from .linkcheck import DEAD_COLUMN, dead_fields
from .regiontypes import FA_COLUMNS, SHARE_COLUMNS
from .today import ROW_COLUMNS as TODAY_COLUMNS
from .today import row_problems as today_row_problems
from .today import today_row_of
from .validate import field_problem, nfc

log = logging.getLogger(__name__)
CRS = "EPSG:4326"
REBUILD_HINT = "Rebuild it with `make data` (runs `python -m geo build`)."


class DataUnavailable(RuntimeError):
    """The GeoPackage is missing or unreadable. The message says how to rebuild it."""


COUNTY_COLUMNS = (*COLUMNS, *TODAY_COLUMNS, DEAD_COLUMN, *SHARE_COLUMNS)
KOMMUN_COLUMNS = ("kommun_kod", "kommun", "lan_kod", "fa_kod")


def _inspect(path: Path, layer: str, columns: tuple[str, ...]) -> None:
    """Check a layer with SQLite before GDAL reads it: it is a real table (not a view, which could be made to
    compute for minutes), it has the contract's columns, its row count and geometry size are within
    LAYER_LIMITS, and no text value is over the field limit. Raises DataUnavailable."""

    def refuse(why: str) -> None:
        raise DataUnavailable(
            f"The data file {path} breaks the data contract in layer {layer!r}: {why}. {REBUILD_HINT}"
        )

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
        raise DataUnavailable(
            f"The data file {path} breaks the data contract in layer {layer!r}: {shown}. {REBUILD_HINT}"
        )


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
            problems.append(
                f"{code}: lies outside Sweden (bounds {x0:.2f}, {y0:.2f} – {x1:.2f}, {y1:.2f} "
                f"in lon/lat; moved, axes swapped or another unit?)"
            )
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
    problems += [
        f"{k}: lan_kod {lan!r} is not one of the 21"
        for k, lan in zip(codes, gdf["lan_kod"])
        if lan not in known or not k.startswith(lan)
    ]
    problems += [
        f"{k}: fa_kod {fa!r} is not two digits"
        for k, fa in zip(codes, gdf["fa_kod"])
        if not (len(fa) == 2 and fa.isdigit())
    ]
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
        problems += [
            f"FA {c}: empty type name {col}"
            for col in FA_COLUMNS[4:]
            for c, v in zip(gdf["fa_kod"], gdf[col])
            if not v.strip()
        ]
    if not problems and municipalities is not None:
        known = set(gdf["fa_kod"])
        problems += [
            f"municipality {k}: fa_kod {fa} is no FA region"
            for k, fa in zip(municipalities["kommun_kod"], municipalities["fa_kod"])
            if fa not in known
        ]
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


def fa_records(fa: pd.DataFrame) -> list[dict[str, str]]:
    return [{c: str(v) for c, v in zip(FA_COLUMNS, values)} for values in fa[list(FA_COLUMNS)].itertuples(index=False)]
