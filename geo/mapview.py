"""The folium map: 21 counties coloured by organisation type, served without any CDN.

The map's generated JavaScript is constant for a given data set: language, type filter,
selection and municipality outlines are applied by a small state script passed to
st_folium as ``feature_group_to_add``, which updates a mounted map without remounting it.
Every text reaching the browser is set with ``textContent`` or JSON-encoded; no data is
inserted as markup.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import folium
import numpy as np
import shapely
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from .palette import COLOURS, LABELS, STATUS_COLOURS, STATUS_LABELS
from .today import STATUS_CLASS

# Relative to the st_folium component's iframe (/component/<name>/index.html), so that the
# assets come from the app's own origin and still resolve under a server.baseUrlPath.
ASSET_BASE = "../../app/static/leaflet"
LEAFLET_JS = f"{ASSET_BASE}/leaflet.js"
LEAFLET_CSS = f"{ASSET_BASE}/leaflet.css"

# Deployments that want a basemap set RSP_TILE_URL (a Leaflet URL template) and, as its licence
# requires, RSP_TILE_ATTRIBUTION. Off by default: no request leaves the app's origin.
TILE_URL_ENV = "RSP_TILE_URL"
TILE_ATTRIBUTION_ENV = "RSP_TILE_ATTRIBUTION"

# The selected county already gets a thick border; the browser's focus box around a clicked
# path only hides the map.
MAP_CSS = (
    "<style>.leaflet-container{background:#eef1f4}"
    "path.leaflet-interactive:focus{outline:none}"
    # Long names wrap inside the tooltip instead of stretching it across the page.
    ".leaflet-tooltip{white-space:normal;overflow-wrap:anywhere;max-width:16rem}</style>"
)

FULL_OPACITY = 0.85
DIM_OPACITY = 0.15


def safe_json(value) -> str:
    """JSON that is also safe inside an HTML <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, esc)
    return text


def counties_geojson(counties: gpd.GeoDataFrame) -> dict:
    """The minimal GeoJSON the map needs: geometry plus code, names and type."""
    slim = counties[["lan_kod", "lan", "org_name", "org_type", "today_region", "geometry"]].copy()
    slim["status"] = counties["today_programme_status"].map(STATUS_CLASS).fillna("not_found")
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


class _CountyLayer(MacroElement):
    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var cfg = {{ this.config }};
  var state = {lang: "sv", types: cfg.types, lan: null, period: "2014-2020", clicks: 0};
  var byCode = {};
  function styleFor(p) {
    var on = state.types.indexOf(p.org_type) >= 0;
    var sel = p.lan_kod === state.lan;
    var fill = state.period === "idag" ? cfg.statusColours[p.status] : cfg.colours[p.org_type];
    return {fillColor: fill || "#777777", fillOpacity: on ? cfg.full : cfg.dim,
            color: sel ? "#000000" : "#ffffff", weight: sel ? 3 : 1, opacity: 1};
  }
  function tooltipFor(layer) {
    var p = layer.feature.properties, box = document.createElement("div");
    var lines = state.period === "idag"
      ? [[p.lan, true], [p.today_region, false], [(cfg.statusLabels[state.lang] || cfg.statusLabels.sv)[p.status] || "", false]]
      : [[p.lan, true], [p.org_name, false], [(cfg.labels[state.lang] || cfg.labels.sv)[p.org_type] || p.org_type, false]];
    lines.forEach(function (l) {
      var el = document.createElement("div");
      if (l[1]) { el.style.fontWeight = "bold"; }
      el.textContent = l[0];
      box.appendChild(el);
    });
    return box;
  }
  var layer = L.geoJSON(cfg.data, {
    style: function (f) { return styleFor(f.properties); },
    onEachFeature: function (f, lyr) {
      byCode[f.properties.lan_kod] = lyr;
      lyr.getElementCode = function () { return f.properties.lan_kod; };
      lyr.bindTooltip(tooltipFor, {sticky: true});
      // What st_folium reports as last_active_drawing: the code and a click counter, no geometry.
      lyr.toGeoJSON = function () {
        return {type: "Feature", geometry: null, properties: {lan_kod: f.properties.lan_kod, click: state.clicks}};
      };
      lyr.on("click", function () {
        state.clicks += 1;
        var g = window.__GLOBAL_DATA__, data = {last_active_drawing: lyr.toGeoJSON()};
        if (g) { g.last_active_drawing = data.last_active_drawing; g.previous_data = data; }
        // Answer at once instead of after st_folium's 250 ms debounce.
        if (window.Streamlit) { window.Streamlit.setComponentValue(data); }
      });
    }
  }).addTo(map);
  window.rspApply = function (next) {
    state.lang = next.lang; state.types = next.types; state.lan = next.lan; state.period = next.period;
    layer.eachLayer(function (lyr) {
      var p = lyr.feature.properties;
      lyr.setStyle(styleFor(p));
      if (p.lan_kod === state.lan) { lyr.bringToFront(); }
      var path = lyr.getElement && lyr.getElement();
      if (path) {
        path.setAttribute("data-lan", p.lan_kod);
        path.setAttribute("data-active", state.types.indexOf(p.org_type) >= 0 ? "1" : "0");
        path.setAttribute("data-selected", p.lan_kod === state.lan ? "1" : "0");
        path.setAttribute("data-period", state.period);
      }
    });
  };
  window.rspApply(state);
})();
{% endmacro %}
"""
    )

    def __init__(self, geojson: dict):
        super().__init__()
        self._name = "CountyLayer"
        self.config = safe_json(
            {
                "data": geojson,
                "colours": COLOURS,
                "labels": LABELS,
                "statusColours": STATUS_COLOURS,
                "statusLabels": STATUS_LABELS,
                "types": list(COLOURS),
                "full": FULL_OPACITY,
                "dim": DIM_OPACITY,
            }
        )


def sweden_bounds(counties: gpd.GeoDataFrame) -> list[list[float]]:
    minx, miny, maxx, maxy = counties.total_bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def build_map(geojson: dict, bounds: list[list[float]]) -> folium.Map:
    """The base map. Its script depends only on the data, never on language or selection."""
    m = folium.Map(
        location=[(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2],
        zoom_start=4,
        tiles=None,
        zoom_snap=0.25,
        attribution_control=False,
    )
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    tile_url = os.environ.get(TILE_URL_ENV, "").strip()
    if tile_url:
        folium.TileLayer(tile_url, attr=os.environ.get(TILE_ATTRIBUTION_ENV, "") or tile_url).add_to(m)
        m.options["attributionControl"] = True
    _CountyLayer(geojson).add_to(m)
    m.get_root().header.add_child(folium.Element(MAP_CSS), name="rsp_css")
    m.fit_bounds(bounds)
    return m


@dataclass(frozen=True)
class MapState:
    lang: str
    types: tuple[str, ...]
    lan: str | None
    period: str = "idag"


OUTLINE_STYLES = {
    "municipalities": {"color": "#333333", "weight": 0.6, "opacity": 0.7, "fill": False, "interactive": False},
    "municipality": {"color": "#000000", "weight": 3.5, "opacity": 1, "dashArray": "4 3", "fill": False, "interactive": False},
}


def state_script(state: MapState, overlays: list[tuple[str, dict]] | None = None, map_var: str = "map_div",
                 fit: bool = False) -> str:
    """JavaScript that applies a state to the mounted map (st_folium's ``feature_group`` slot).

    ``overlays`` are ``(style name, GeoJSON)`` pairs drawn as non-interactive outlines; they are
    pushed onto ``window.feature_group`` so that st_folium removes them before the next state.
    With ``fit`` the map zooms to the first overlay (the chosen municipality's county).
    """
    payload = {
        "state": {"lang": state.lang, "types": list(state.types), "lan": state.lan, "period": state.period},
        "overlays": [{"style": OUTLINE_STYLES[name], "data": data} for name, data in overlays or []],
        "fit": bool(fit and overlays),
    }
    return (
        "(function () {\n"
        f"  var cfg = {safe_json(payload)};\n"
        "  window.feature_group = window.feature_group || [];\n"
        "  var layers = cfg.overlays.map(function (o) {\n"
        f"    var layer = L.geoJSON(o.data, {{style: o.style, interactive: false}}).addTo({map_var});\n"
        "    window.feature_group.push(layer);\n"
        "    return layer;\n"
        "  });\n"
        f"  if (cfg.fit && layers.length) {{ {map_var}.fitBounds(layers[0].getBounds(), {{padding: [24, 24], animate: false}}); }}\n"
        "  if (window.rspApply) { window.rspApply(cfg.state); }\n"
        "})();\n"
    )
