"""The folium map: 21 counties coloured by organisation type, served without any CDN.

The map's generated JavaScript is constant for a given data set: its behaviour is geo/countymap.js, its
data a JSON element. Language, type filter, selection and municipality outlines are one JSON state per
view (``map_state``), which the component's adapter (app_pages/_map_component.py) hands to the mounted
map without remounting it. Every text reaching the browser is set with ``textContent`` or JSON-encoded;
no data is inserted as markup or code.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import shapely
import shapely.geometry
from branca.element import MacroElement
from jinja2 import Template

from ..data.model import Model
from ..data.regiontypes import fa_file_name, fa_geojson
from ..data.today import status_class
from ..i18n import LANGS, t
from ..view.formatting import shares_text, status_class_label, type_label
from .palette import COLOURS, DIM_OPACITY, FULL_OPACITY, REGION_TYPE_COLOURS, STATUS_COLOURS, STROKES
from .styles import MAP_CSS

# Deployments that want a basemap set RSP_TILE_URL (a Leaflet URL template) and, as its licence
# requires, RSP_TILE_ATTRIBUTION. Off by default: no request leaves the app's origin.
TILE_URL_ENV = "RSP_TILE_URL"
TILE_ATTRIBUTION_ENV = "RSP_TILE_ATTRIBUTION"


def safe_json(value) -> str:
    """JSON that is also safe inside an HTML <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, esc)
    return text


def counties_geojson(counties: gpd.GeoDataFrame) -> dict:
    """The minimal GeoJSON the map needs: geometry plus code, names and type."""
    slim = counties[["lan_kod", "lan", "org_name", "org_type", "today_region", "geometry"]].copy()
    slim["status"] = [status_class(r) for r in counties.to_dict("records")]  # the one rule: geo/data/today.py
    records = counties.to_dict("records")
    for lang in LANGS:  # the region-type view's tooltip line: the county's area by type
        slim[f"shares_{lang}"] = [shares_text(r, lang) for r in records]
    # Four decimals (about 10 m) is far finer than the map shows; rounding every vertex the same
    # way keeps borders shared by two counties identical.
    slim["geometry"] = shapely.transform(slim.geometry.values, lambda xy: np.round(xy, 4))
    return json.loads(slim.to_json(drop_id=True))


def municipality_features(municipalities: gpd.GeoDataFrame) -> dict[str, dict]:
    """``{kommun_kod: GeoJSON Feature}`` with rounded coordinates, for outlines drawn on demand."""
    slim = municipalities[["kommun_kod", "lan_kod", "geometry"]].copy()
    slim["geometry"] = shapely.transform(slim.geometry.values, lambda xy: np.round(xy, 4))
    collection = json.loads(slim.to_json(drop_id=True))
    return {f["properties"]["kommun_kod"]: f for f in collection["features"]}


def outlines(features: dict[str, dict], lan: str | None, kommun: str | None) -> list[tuple[str, dict]]:
    """Overlays for a state: the selected county's municipal borders and the chosen municipality."""
    layers: list[tuple[str, dict]] = []
    if lan:
        members = [f for f in features.values() if f["properties"]["lan_kod"] == lan]
        layers.append(("municipalities", {"type": "FeatureCollection", "features": members}))
    if kommun and kommun in features:
        layers.append(("municipality", {"type": "FeatureCollection", "features": [features[kommun]]}))
    return layers


COUNTY_JS = Path(__file__).with_name("countymap.js")
CONFIG_ID = "rsp-county-config"


class _CountyLayer(MacroElement):
    """The counties: geo/countymap.js, started with its configuration as a JSON element in the header."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<script type="application/json" id="{{ this.config_id }}">{{ this.config }}</script>
{% endmacro %}
{% macro script(this, kwargs) %}
{{ this.code }}
window.rspCountyMap({{ this._parent.get_name() }},
  JSON.parse(document.getElementById("{{ this.config_id }}").textContent), window.rspBridge);
{% endmacro %}
"""
    )

    def __init__(self, geojson: dict, bounds: list[list[float]], fa_url: str = ""):
        super().__init__()
        self._name = "CountyLayer"
        self.config_id = CONFIG_ID
        self.code = COUNTY_JS.read_text(encoding="utf-8")
        self.config = safe_json(
            {
                "data": geojson,
                "sweden": bounds,
                "texts": {
                    lang: {key: t(f"map_{key}", lang) for key in ("home", "wheel", "touch", "fa_failed")}
                    for lang in LANGS
                },
                # the region-type view's FA layer: fetched from this address the first time that view shows
                "faUrl": fa_url,
                "faColours": REGION_TYPE_COLOURS,
                "colours": COLOURS,
                "labels": {lang: {key: type_label(key, lang) for key in COLOURS} for lang in LANGS},
                "statusColours": STATUS_COLOURS,
                "statusLabels": {
                    lang: {key: status_class_label(key, lang) for key in STATUS_COLOURS} for lang in LANGS
                },
                "types": list(COLOURS),
                "full": FULL_OPACITY,
                "dim": DIM_OPACITY,
                "strokes": STROKES,
            }
        )


def bounds_of(geometry) -> list[list[float]]:
    """Leaflet bounds ``[[south, west], [north, east]]`` of a shapely geometry or GeoSeries."""
    minx, miny, maxx, maxy = geometry.total_bounds if hasattr(geometry, "total_bounds") else geometry.bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def sweden_bounds(counties: gpd.GeoDataFrame) -> list[list[float]]:
    minx, miny, maxx, maxy = counties.total_bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def build_map(geojson: dict, bounds: list[list[float]], leaflet: tuple[str, str], fa_url: str = "") -> folium.Map:
    """The base map. Its script depends only on the data, never on language or selection. ``leaflet``: the
    addresses of Leaflet's script and stylesheet (the app serves them itself: geo/web/assets.py)."""
    m = folium.Map(
        location=[(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2],
        zoom_start=4,
        tiles=None,
        zoom_snap=0.25,
        attribution_control=False,
        scroll_wheel_zoom=False,  # the page scrolls over the map; the state script zooms with Ctrl/Cmd
        # No zoom animation: an animated first fit (all of Sweden) would finish after, and undo, the fit to
        # a linked county or municipality; instant zooms are also lighter on slow phones.
        zoom_animation=False,
    )
    m.default_js = [("leaflet", leaflet[0])]
    m.default_css = [("leaflet_css", leaflet[1])]
    tile_url = os.environ.get(TILE_URL_ENV, "").strip()
    if tile_url:
        folium.TileLayer(tile_url, attr=os.environ.get(TILE_ATTRIBUTION_ENV, "") or tile_url).add_to(m)
        m.options["attributionControl"] = True
    _CountyLayer(geojson, bounds, fa_url).add_to(m)
    m.get_root().header.add_child(folium.Element(MAP_CSS), name="rsp_css")
    m.fit_bounds(bounds)
    return m


@dataclass(frozen=True)
class MapState:
    lang: str
    types: tuple[str, ...]
    lan: str | None
    period: str = "idag"


# Each outline is drawn as one or more strokes; the searched municipality gets a white halo under a
# black dashed line, so that it shows on every fill colour.
OUTLINE_STYLES = {
    "municipalities": [{"color": STROKES["municipal"], "weight": 0.8, "opacity": 0.8, "fill": False}],
    "municipality": [
        {"color": STROKES["halo"], "weight": 7, "opacity": 0.9, "fill": False},
        {"color": STROKES["selected"], "weight": 3.5, "opacity": 1, "dashArray": "6 4", "fill": False},
    ],
}


@dataclass(frozen=True)
class Fit:
    """Where the map should look: ``key`` names the target (``lan:25``, ``kommun:2023``, ``sverige``)."""

    key: str
    bounds: list[list[float]]


def fit_target(
    lan: str | None,
    kommun: str | None,
    zoom: str | None,
    county_bounds: dict[str, list[list[float]]],
    kommun_bounds: dict[str, list[list[float]]],
    sweden: list[list[float]],
) -> Fit:
    """The view's map target: the searched municipality, else the selected county, else all of Sweden
    (also when the person chose "Hela Sverige" with a county selected: ``zoom == "sverige"``)."""
    if zoom == "sverige" or not lan:
        return Fit("sverige", sweden)
    if kommun and kommun in kommun_bounds:
        return Fit(f"kommun:{kommun}", kommun_bounds[kommun])
    return Fit(f"lan:{lan}", county_bounds[lan])


def feature_bounds(features: dict[str, dict]) -> dict[str, list[list[float]]]:
    """``{code: Leaflet bounds}`` of GeoJSON features."""
    return {code: bounds_of(shapely.geometry.shape(f["geometry"])) for code, f in features.items()}


def map_state(state: MapState, overlays: list[tuple[str, dict]] | None = None, fit: Fit | None = None) -> dict:
    """What geo/countymap.js's ``update`` takes for one view: the colouring state, the outlines to draw
    (``(style name, GeoJSON)`` pairs, drawn above the counties) and the fit target (applied when its key
    differs from the last one applied). Plain JSON data."""
    return {
        "state": {"lang": state.lang, "types": list(state.types), "lan": state.lan, "period": state.period},
        "overlays": [{"styles": OUTLINE_STYLES[name], "data": data} for name, data in overlays or []],
        "fit": {"key": fit.key, "bounds": fit.bounds} if fit else None,
    }


# --- what the map needs of a data model, made once per model ----------------------------------------------------


@dataclass(frozen=True)
class MapData:
    """The counties' GeoJSON and every box the map fits to, in Leaflet's ``[[south, west], [north, east]]``."""

    geojson: dict
    kommun_features: dict[str, dict]
    county_bounds: dict[str, list[list[float]]]
    kommun_bounds: dict[str, list[list[float]]]
    sweden: list[list[float]]


def map_data(model: Model) -> MapData:
    def make() -> MapData:
        features = municipality_features(model.municipalities)
        counties = model.counties
        return MapData(
            counties_geojson(counties),
            features,
            {code: bounds_of(geom) for code, geom in zip(counties["lan_kod"], counties.geometry)},
            feature_bounds(features),
            sweden_bounds(counties),
        )

    return model.derived("map-data", make)


def fa_layer(model: Model) -> tuple[str, bytes]:
    """The region-type view's FA layer: ``(fa-<hash>.json, its bytes)``, which the guard serves at /_rsp/."""

    def make() -> tuple[str, bytes]:
        body = fa_geojson(model.fa)
        return fa_file_name(body), body

    return model.derived("fa-layer", make)


# The FA layer's address as the map's frame (/component/<name>/index.html) reaches the guard's /_rsp/.
FA_URL_FROM_MAP = "../../_rsp"


def model_map(model: Model, leaflet: tuple[str, str]) -> folium.Map:
    """The county map of a data model (not yet rendered: the app's map component renders it once)."""
    data = map_data(model)
    return build_map(data.geojson, data.sweden, leaflet, fa_url=f"{FA_URL_FROM_MAP}/{fa_layer(model)[0]}")
