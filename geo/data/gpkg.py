"""Read the GeoPackage back, checked against the data contract before and after GDAL reads it: every layer
is inspected with SQLite first (a real table, its columns, its size), then read, then every value checked
with the same rules the build applied. Any problem raises DataUnavailable naming the file, layer and
problem; geo/data/model.py makes the app's one data model from the layers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import geopandas as gpd
import pandas as pd
import pyogrio

from ..paths import GPKG
from ..rules import (
    GPKG_READ_LIMIT_S,
    LAYER_LIMITS,
    MAX_FIELD_LEN,
    MAX_GEOMETRY_BYTES,
    MAX_GPKG_BYTES,
    MAX_GPKG_META_ROWS,
    MAX_SCHEMA_ROWS,
    SWEDEN_BOX,
)
from . import regiontypes as rt
from .changelog import COLUMNS as CHANGELOG_COLUMNS
from .changelog import LAYER as CHANGELOG_LAYER
from .changelog import entry_problems
from .contacts import COLUMNS, PERIOD_RE, row_problems, table_problems
from .counties import by_code
from .hosts import HostsError
from .linkcheck import DEAD_COLUMN, dead_fields
from .regiontypes import FA_COLUMNS, SHARE_COLUMNS
from .today import ROW_COLUMNS as TODAY_COLUMNS
from .today import row_problems as today_row_problems
from .today import today_row_of
from .validate import field_problem, nfc

log = logging.getLogger(__name__)
CRS = "EPSG:4326"
REBUILD_HINT = "Rebuild it with `make data` (runs `python -m geo build`)."
READ_LIMIT_ENV = "RSP_READ_LIMIT_S"  # seconds any one look into the data file may take (README, Settings)
GPKG_TABLES = ("gpkg_contents", "gpkg_spatial_ref_sys", "gpkg_geometry_columns")  # what GDAL reads first


class DataUnavailable(RuntimeError):
    """The GeoPackage is missing or unreadable. The message says how to rebuild it."""


COUNTY_COLUMNS = (*COLUMNS, *TODAY_COLUMNS, DEAD_COLUMN, *SHARE_COLUMNS)
KOMMUN_COLUMNS = ("kommun_kod", "kommun", "lan_kod", "fa_kod")


def read_limit() -> float:
    """Seconds any one look into the data file may take (RSP_READ_LIMIT_S, else GPKG_READ_LIMIT_S)."""
    try:
        return max(0.1, float(os.environ.get(READ_LIMIT_ENV, "")))
    except ValueError:
        return GPKG_READ_LIMIT_S


class _Reader:
    """The data file opened by SQLite alone, read-only and immutable (no journal is read or rolled back, no
    write, no trigger can run), every query stopped after ``read_limit()`` seconds: a view, a corrupt page or
    a huge schema made to compute without end becomes a refusal that names the file and the table."""

    def __init__(self, path: Path) -> None:
        self.path, self.table, self.limit = path, "sqlite_master", read_limit()
        self.con = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1", uri=True)
        self._ends = 0.0
        self.con.set_progress_handler(lambda: 1 if time.monotonic() > self._ends else 0, 10_000)

    def rows(self, table: str, sql: str, params: tuple = ()) -> list[tuple]:
        self.table, self._ends = table, time.monotonic() + self.limit
        return self.con.execute(sql, params).fetchall()

    def where(self) -> str:
        return f"{'layer' if self.table in LAYER_LIMITS else 'table'} {self.table!r}"

    def refuse(self, why: str) -> None:
        raise DataUnavailable(
            f"The data file {self.path} breaks the data contract in {self.where()}: {why}. {REBUILD_HINT}"
        )

    def failed(self, exc: sqlite3.Error) -> DataUnavailable:
        if "interrupted" in str(exc):
            why = f"reading {self.where()} took longer than {self.limit:g} s, so it was stopped"
        else:
            why = f"{self.where()}: {exc}"
        return DataUnavailable(f"The data file {self.path} cannot be read ({why}). {REBUILD_HINT}")


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[_Reader]:
    try:
        reader = _Reader(path)
    except sqlite3.Error as exc:
        raise DataUnavailable(f"The data file {path} cannot be read ({exc}). {REBUILD_HINT}") from exc
    try:
        yield reader
    except sqlite3.Error as exc:
        raise reader.failed(exc) from exc
    finally:
        reader.con.close()


def check_file(path: Path) -> None:
    """The whole file's structure, before GDAL or pandas touch it: not too large, no unfinished write beside
    it (a journal), a schema of bounded size with no view in it, the GeoPackage's own tables real tables of
    bounded size, and no corrupt page (SQLite's quick_check). Raises DataUnavailable."""
    path = Path(path)
    if not path.exists():
        raise DataUnavailable(f"The data file {path} is missing. {REBUILD_HINT}")
    size = path.stat().st_size
    if size > MAX_GPKG_BYTES:
        raise DataUnavailable(
            f"The data file {path} is {size / 2**20:,.0f} MB, more than the "
            f"{MAX_GPKG_BYTES // 2**20} MB a data file may be. {REBUILD_HINT}"
        )
    for journal in (path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        if journal.exists() and journal.stat().st_size > 0:
            raise DataUnavailable(
                f"The data file {path} has a journal beside it ({journal.name}): a write into it "
                f"did not finish, so it may be half written. {REBUILD_HINT}"
            )
    with _reading(path) as db:
        schema = db.rows("sqlite_master", "SELECT type, name FROM sqlite_master LIMIT ?", (MAX_SCHEMA_ROWS + 1,))
        if len(schema) > MAX_SCHEMA_ROWS:
            db.refuse(f"its schema has more than {MAX_SCHEMA_ROWS} entries (a GeoPackage of ours has about 80)")
        kinds = {name: kind for kind, name in schema}
        views = sorted(name for name, kind in kinds.items() if kind == "view")
        if views:
            db.table = views[0]
            db.refuse(f"it is a view, not a table (views: {', '.join(views[:5])})")
        for table in GPKG_TABLES:
            db.table = table
            if kinds.get(table) != "table":
                db.refuse("it is missing")
        for table in sorted(n for n, k in kinds.items() if k == "table" and n.startswith("gpkg_")):
            (count,) = db.rows(table, f'SELECT count(*) FROM "{table}"')[0]
            if count > MAX_GPKG_META_ROWS:
                db.refuse(f"it has {count:,} rows (at most {MAX_GPKG_META_ROWS})")
            columns = [r[1] for r in db.rows(table, f'PRAGMA table_info("{table}")')]
            sizes = ", ".join(f'max(length("{c}"))' for c in columns)
            longest = db.rows(table, f'SELECT {sizes} FROM "{table}"')[0]
            if any(n is not None and n > MAX_FIELD_LEN for n in longest):
                db.refuse(f"a value over {MAX_FIELD_LEN:,} characters")
        for table in sorted(n for n, k in kinds.items() if k == "table"):  # SQLite's own check, table by table
            problems = [r[0] for r in db.rows(table, f'PRAGMA quick_check("{table}")')]
            if problems != ["ok"]:
                db.refuse(f"SQLite's check finds it damaged ({' '.join(problems)[:300]})")


def _inspect(path: Path, layer: str, columns: tuple[str, ...]) -> None:
    """Check a layer with SQLite before GDAL reads it: it is a real table (not a view, which could be made to
    compute for minutes), it has the contract's columns, its row count and geometry size are within
    LAYER_LIMITS, and no text value is over the field limit. Raises DataUnavailable."""
    with _reading(path) as db:
        db.table = layer
        kind = db.rows(layer, "SELECT type FROM sqlite_master WHERE name = ?", (layer,))
        if not kind:
            db.refuse("it is missing")
        if kind[0][0] != "table":
            db.refuse(f"it is a {kind[0][0]}, not a table")
        present = {r[1] for r in db.rows(layer, f'PRAGMA table_info("{layer}")')}
        missing = [c for c in columns if c not in present]
        if missing:
            db.refuse(f"it lacks the columns {', '.join(missing)}")
        low, high = LAYER_LIMITS[layer]
        (count,) = db.rows(layer, f'SELECT count(*) FROM "{layer}"')[0]
        if not low <= count <= high:
            db.refuse(f"it has {count:,} rows, expected {low}" + (f" to {high}" if high != low else ""))
        sizes = ", ".join(f'max(length("{c}"))' for c in columns)
        longest = db.rows(layer, f'SELECT {sizes} FROM "{layer}"')[0]
        over = [f"{c} ({n:,} characters)" for c, n in zip(columns, longest) if n is not None and n > MAX_FIELD_LEN]
        if over:
            db.refuse(f"values over {MAX_FIELD_LEN:,} characters in {', '.join(over)}")
        if "geom" in present:
            (geom_bytes,) = db.rows(layer, f'SELECT coalesce(sum(length(geom)), 0) FROM "{layer}"')[0]
            if geom_bytes > MAX_GEOMETRY_BYTES:
                db.refuse(f"its geometry is {geom_bytes / 2**20:,.0f} MB (at most {MAX_GEOMETRY_BYTES // 2**20} MB)")


def _read(path: Path, layer: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """The contract's ``columns`` of a layer (and its geometry), after _inspect; any other column is not
    read, and every one of ``columns`` is there. GDAL opens the file immutable too (no journal recovery)."""
    path = Path(path)
    if not path.exists():
        raise DataUnavailable(f"The data file {path} is missing. {REBUILD_HINT}")
    _inspect(path, layer, columns)
    try:
        return pyogrio.read_dataframe(path, layer=layer, columns=list(columns), IMMUTABLE="YES")
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
            # the rules the build applied (geo/data/contacts.py, today.py, hosts.py): a file edited since is refused
            try:
                problems += [f"{row['lan_kod']}: {p}" for p in row_problems(row)]
                problems += [
                    f"{row['lan_kod']}: today_{p}" for p in today_row_problems(today_row_of(row), dt.date.today())
                ]
            except HostsError as exc:  # the reviewed hosts cannot be read: nothing can be shown as reviewed
                raise DataUnavailable(f"The data file {path} cannot be checked: {exc}. {REBUILD_HINT}") from exc
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


def load_changelog(path: Path = GPKG) -> list[dict[str, str]]:
    """The change log the file carries (geo/data/changelog.py), oldest first, every entry checked."""
    df = _read(path, CHANGELOG_LAYER, CHANGELOG_COLUMNS)
    problems = _text_columns(df, CHANGELOG_COLUMNS)
    entries = [{c: str(v) for c, v in zip(CHANGELOG_COLUMNS, values)} for values in df.itertuples(index=False)]
    if not problems:
        problems = [f"entry {i + 1}: {p}" for i, e in enumerate(entries) for p in entry_problems(e)]
    _refuse(path, CHANGELOG_LAYER, problems)
    return entries


def fa_records(fa: pd.DataFrame) -> list[dict[str, str]]:
    return [{c: str(v) for c, v in zip(FA_COLUMNS, values)} for values in fa[list(FA_COLUMNS)].itertuples(index=False)]
