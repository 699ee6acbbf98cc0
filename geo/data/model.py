"""The one data model: everything the pages, the first view and the guard read, made once from the GeoPackage
(per process and file version: geo/web/store.py keeps it).

A row (``Row``) carries the 2014–2020 contact columns, then today's ``today_*`` columns, then which of its
links the last link check found dead, then the shares of the county's area by region type. What a layer above
derives from the model (the folium map, the SVG shapes, the preview images) is made once per model with
:meth:`Model.derived`, so that nothing is computed twice and nothing outlives its data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import geopandas as gpd

from ..paths import GPKG
from .contacts import Row
from .gpkg import (
    COUNTY_COLUMNS,
    check_file,
    fa_records,
    load_changelog,
    load_counties,
    load_fa_regions,
    load_metadata,
    load_municipalities,
)

ROW_COLUMNS = COUNTY_COLUMNS
T = TypeVar("T")


def rows_of(counties: gpd.GeoDataFrame) -> list[Row]:
    """The counties' rows as text, ``ROW_COLUMNS`` only, in the layer's order."""
    cols = list(ROW_COLUMNS)
    return [{c: str(v) for c, v in zip(cols, values)} for values in counties[cols].itertuples(index=False)]


@dataclass(frozen=True, eq=False)
class Model:
    """The data of one GeoPackage file, checked. Compared and hashed by identity (one per file version)."""

    counties: gpd.GeoDataFrame  # 21 counties, every row column and the geometry (EPSG:4326)
    municipalities: gpd.GeoDataFrame  # kommun_kod, kommun, lan_kod, fa_kod and the geometry
    fa: gpd.GeoDataFrame  # the 60 FA regions with their types and the geometry
    meta: dict[str, str]
    version: str = ""  # which file version it was read from (geo/web/store.py)
    changelog: tuple[dict[str, str], ...] = ()  # the data's change log, oldest first (geo/data/changelog.py)
    rows: list[Row] = field(init=False)
    by_code: dict[str, Row] = field(init=False)
    kommun_lan: dict[str, str] = field(init=False)  # kommun_kod -> lan_kod
    kommun_name: dict[str, str] = field(init=False)  # kommun_kod -> its name
    kommun_fa: dict[str, str] = field(init=False)  # kommun_kod -> fa_kod
    fa_rows: list[dict[str, str]] = field(init=False)  # the FA regions' columns, no geometry
    fa_by_code: dict[str, dict[str, str]] = field(init=False)
    _memo: dict[str, Any] = field(init=False, repr=False)
    _locks: dict[str, threading.Lock] = field(init=False, repr=False)
    _lock: threading.Lock = field(init=False, repr=False)

    def __post_init__(self) -> None:
        kom, rows, fa_rows = self.municipalities, rows_of(self.counties), fa_records(self.fa)
        for name, value in (
            ("rows", rows),
            ("by_code", {r["lan_kod"]: r for r in rows}),
            ("kommun_lan", dict(zip(kom["kommun_kod"], kom["lan_kod"]))),
            ("kommun_name", dict(zip(kom["kommun_kod"], kom["kommun"]))),
            ("kommun_fa", dict(zip(kom["kommun_kod"], kom["fa_kod"]))),
            ("fa_rows", fa_rows),
            ("fa_by_code", {r["fa_kod"]: r for r in fa_rows}),
            ("_memo", {}),
            ("_locks", {}),
            ("_lock", threading.Lock()),
        ):
            object.__setattr__(self, name, value)

    def derived(self, key: str, make: Callable[[], T]) -> T:
        """``make()``'s result, made once for this model (callers arriving together wait for the one run)."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._memo:
                self._memo[key] = make()
            return self._memo[key]


def load(path: Path = GPKG, version: str = "") -> Model:
    """Read and check the GeoPackage; raises geo.data.gpkg.DataUnavailable (with the reason and the rebuild
    command)."""
    check_file(path)  # the whole file's structure first: no layer is read from a file that fails it
    counties, kom = load_counties(path), load_municipalities(path)
    return Model(counties, kom, load_fa_regions(path, kom), load_metadata(path), version, tuple(load_changelog(path)))
