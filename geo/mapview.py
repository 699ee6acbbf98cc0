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
import shapely.geometry
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from .assets import leaflet_version
from .palette import COLOURS, LABELS, STATUS_COLOURS, STATUS_LABELS
from .today import STATUS_CLASS

# Relative to the st_folium component's iframe (/component/<name>/index.html), so that the
# assets come from the app's own origin and still resolve under a server.baseUrlPath.
ASSET_BASE = "../../app/static/leaflet"
LEAFLET_JS = f"{ASSET_BASE}/leaflet.js?v={leaflet_version()}"
LEAFLET_CSS = f"{ASSET_BASE}/leaflet.css?v={leaflet_version()}"

# Deployments that want a basemap set RSP_TILE_URL (a Leaflet URL template) and, as its licence
# requires, RSP_TILE_ATTRIBUTION. Off by default: no request leaves the app's origin.
TILE_URL_ENV = "RSP_TILE_URL"
TILE_ATTRIBUTION_ENV = "RSP_TILE_ATTRIBUTION"

MAP_CSS = (
    "<style>.leaflet-container{background:#eef1f4}"
    # The counties are out of the Tab order (the county select is the keyboard path); the map itself is
    # one Tab stop (arrow keys pan, +/- zoom), and its focus is always visible.
    "path.leaflet-interactive:focus{outline:none}"
    ".leaflet-container:focus-visible,.rsp-home:focus-visible,.leaflet-control-zoom a:focus-visible"
    "{outline:3px solid #0b5394;outline-offset:2px}"
    # Long names wrap inside the tooltip instead of stretching it across the page.
    ".leaflet-tooltip{white-space:normal;overflow-wrap:anywhere;width:max-content;max-width:16rem}"
    ".rsp-home{font:600 13px/1.2 system-ui,sans-serif;padding:6px 8px;background:#fff;color:#1f1f1f;"
    "border:2px solid rgba(0,0,0,.3);border-radius:4px;cursor:pointer}"
    ".rsp-hint{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);z-index:1000;"
    "background:rgba(31,31,31,.85);color:#fff;padding:8px 12px;border-radius:6px;font:14px system-ui,sans-serif;"
    "pointer-events:none;opacity:0;transition:opacity .2s;max-width:80%;text-align:center}"
    ".rsp-hint.rsp-show{opacity:1}"
    "@media print{.leaflet-control-container,.rsp-hint{display:none}}</style>"
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
  var container = map.getContainer();
  function text(key) { return (cfg.texts[state.lang] || cfg.texts.sv)[key]; }
  // What st_folium reports as last_active_drawing: an event (a county's code, or the "all of Sweden"
  // action) and a click counter, no geometry; sent at once instead of after st_folium's 250 ms debounce.
  function report(props) {
    state.clicks += 1;
    props.click = state.clicks;
    var g = window.__GLOBAL_DATA__, data = {last_active_drawing: {type: "Feature", geometry: null, properties: props}};
    if (g) { g.last_active_drawing = data.last_active_drawing; g.previous_data = data; }
    if (window.Streamlit) { window.Streamlit.setComponentValue(data); }
  }
  // On a phone the card sits under the map: once it shows the tapped county, bring it into view.
  function revealCard(code) {
    var doc;
    try { doc = window.parent.document; } catch (e) { return; }
    if (!doc || window.parent.innerWidth > 640) { return; }
    var tries = 0, timer = setInterval(function () {
      var el = doc.querySelector('section.rsp-card[data-lan="' + code + '"]');
      if (el) { el.scrollIntoView({block: "start"}); }
      if (el || ++tries > 60) { clearInterval(timer); }
    }, 50);
  }
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
  // Outlines (municipal borders, the searched municipality) draw in a pane above the county fills.
  var pane = map.createPane("rspOutlines");
  pane.style.zIndex = 450;
  pane.style.pointerEvents = "none";
  // The page scrolls over the map: the wheel zooms only with Ctrl/Cmd held (a trackpad pinch sends that)
  // or after a click into the map, until the pointer leaves it. One finger scrolls the page on a touch
  // screen; two fingers pan and zoom. A short hint says so.
  var hint = L.DomUtil.create("div", "rsp-hint", container), hintTimer = null, active = false, wheelSum = 0;
  hint.setAttribute("aria-hidden", "true");
  function showHint(key) {
    hint.textContent = text(key);
    hint.classList.add("rsp-show");
    clearTimeout(hintTimer);
    hintTimer = setTimeout(function () { hint.classList.remove("rsp-show"); }, 1500);
  }
  container.addEventListener("wheel", function (e) {
    if (!(e.ctrlKey || e.metaKey || active)) { showHint("wheel"); return; }
    e.preventDefault();
    wheelSum += e.deltaY;
    if (Math.abs(wheelSum) < 40) { return; }
    var step = wheelSum > 0 ? -0.5 : 0.5;
    wheelSum = 0;
    map.setZoomAround(map.mouseEventToContainerPoint(e), map.getZoom() + step, {animate: false});
  }, {passive: false});
  map.on("click", function () { active = true; });
  container.addEventListener("mouseleave", function () { active = false; });
  if (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) {
    map.dragging.disable();
    container.addEventListener("touchmove", function (e) { if (e.touches.length === 1) { showHint("touch"); } }, {passive: true});
  }
  var Home = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var b = L.DomUtil.create("button", "rsp-home");
      b.type = "button";
      L.DomEvent.disableClickPropagation(b);
      L.DomEvent.on(b, "click", function (e) {
        L.DomEvent.stop(e);
        map.fitBounds(cfg.sweden, {animate: false});
        window.rspFitKey = "sverige";
        report({action: "sverige"});
      });
      return b;
    }
  });
  var home = new Home().addTo(map);
  var layer = L.geoJSON(cfg.data, {
    style: function (f) { return styleFor(f.properties); },
    onEachFeature: function (f, lyr) {
      byCode[f.properties.lan_kod] = lyr;
      lyr.getElementCode = function () { return f.properties.lan_kod; };
      lyr.bindTooltip(tooltipFor, {sticky: true});
      lyr.on("click", function () {
        report({lan_kod: f.properties.lan_kod});
        revealCard(f.properties.lan_kod);
      });
    }
  }).addTo(map);
  // Fit the map to the view's target (the county, the municipality or all of Sweden) when the target
  // changes; a rerun that keeps it (a language switch, say) leaves the person's own zoom alone.
  window.rspFit = function (fit, tries) {
    if (!fit || window.rspFitKey === fit.key) { return; }
    map.invalidateSize({pan: false});
    var size = map.getSize();
    if ((size.x < 50 || size.y < 50) && (tries || 0) < 40) {  // the frame is not laid out yet: try again
      setTimeout(function () { window.rspFit(fit, (tries || 0) + 1); }, 50);
      return;
    }
    window.rspFitKey = fit.key;
    lastFit = fit;
    map.fitBounds(fit.bounds, {padding: [16, 16], animate: false, maxZoom: 10});
  };
  // st_folium sets the frame's height only after the first state script ran, so a fit made on the
  // provisional (short) frame is made again once the frame has its real size.
  var lastFit = null;
  map.on("resize", function (e) {
    if (lastFit && e.oldSize.y < 200 && e.newSize.y >= 200) {
      map.fitBounds(lastFit.bounds, {padding: [16, 16], animate: false, maxZoom: 10});
    }
  });
  window.rspView = function () { return {zoom: map.getZoom(), center: map.getCenter(), fitKey: window.rspFitKey}; };
  window.rspApply = function (next) {
    state.lang = next.lang; state.types = next.types; state.lan = next.lan; state.period = next.period;
    var b = home.getContainer();
    b.textContent = text("home");
    b.setAttribute("aria-label", text("home"));
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
        path.setAttribute("tabindex", "-1");
      }
    });
  };
  window.rspApply(state);
})();
{% endmacro %}
"""
    )

    def __init__(self, geojson: dict, bounds: list[list[float]]):
        super().__init__()
        self._name = "CountyLayer"
        self.config = safe_json(
            {
                "data": geojson,
                "sweden": bounds,
                "texts": MAP_TEXTS,
                "colours": COLOURS,
                "labels": LABELS,
                "statusColours": STATUS_COLOURS,
                "statusLabels": STATUS_LABELS,
                "types": list(COLOURS),
                "full": FULL_OPACITY,
                "dim": DIM_OPACITY,
            }
        )


MAP_TEXTS = {
    "sv": {"home": "Hela Sverige", "wheel": "Håll Ctrl (⌘ på Mac) nedtryckt och scrolla för att zooma kartan",
           "touch": "Använd två fingrar för att flytta kartan"},
    "en": {"home": "All of Sweden", "wheel": "Hold Ctrl (⌘ on a Mac) and scroll to zoom the map",
           "touch": "Use two fingers to move the map"},
}


def bounds_of(geometry) -> list[list[float]]:
    """Leaflet bounds ``[[south, west], [north, east]]`` of a shapely geometry or GeoSeries."""
    minx, miny, maxx, maxy = geometry.total_bounds if hasattr(geometry, "total_bounds") else geometry.bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


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
        scroll_wheel_zoom=False,  # the page scrolls over the map; the state script zooms with Ctrl/Cmd
        # No zoom animation: an animated first fit (all of Sweden) would finish after, and undo, the fit to
        # a linked county or municipality; instant zooms are also lighter on slow phones.
        zoom_animation=False,
    )
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    tile_url = os.environ.get(TILE_URL_ENV, "").strip()
    if tile_url:
        folium.TileLayer(tile_url, attr=os.environ.get(TILE_ATTRIBUTION_ENV, "") or tile_url).add_to(m)
        m.options["attributionControl"] = True
    _CountyLayer(geojson, bounds).add_to(m)
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
    "municipalities": [{"color": "#333333", "weight": 0.8, "opacity": 0.8, "fill": False}],
    "municipality": [{"color": "#ffffff", "weight": 7, "opacity": 0.9, "fill": False},
                     {"color": "#000000", "weight": 3.5, "opacity": 1, "dashArray": "6 4", "fill": False}],
}


@dataclass(frozen=True)
class Fit:
    """Where the map should look: ``key`` names the target (``lan:25``, ``kommun:2023``, ``sverige``)."""

    key: str
    bounds: list[list[float]]


def fit_target(lan: str | None, kommun: str | None, zoom: str | None, county_bounds: dict[str, list[list[float]]],
               kommun_bounds: dict[str, list[list[float]]], sweden: list[list[float]]) -> Fit:
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


def state_script(state: MapState, overlays: list[tuple[str, dict]] | None = None, map_var: str = "map_div",
                 fit: Fit | None = None) -> str:
    """JavaScript that applies a state to the mounted map (st_folium's ``feature_group`` slot).

    ``overlays`` are ``(style name, GeoJSON)`` pairs drawn as non-interactive outlines above the counties;
    they are pushed onto ``window.feature_group`` so that st_folium removes them before the next state.
    ``fit`` is applied when its key differs from the last one applied.
    """
    payload = {
        "state": {"lang": state.lang, "types": list(state.types), "lan": state.lan, "period": state.period},
        "overlays": [{"styles": OUTLINE_STYLES[name], "data": data} for name, data in overlays or []],
        "fit": {"key": fit.key, "bounds": fit.bounds} if fit else None,
    }
    return (
        "(function () {\n"
        f"  var cfg = {safe_json(payload)};\n"
        "  window.feature_group = window.feature_group || [];\n"
        "  cfg.overlays.forEach(function (o) {\n"
        "    o.styles.forEach(function (style) {\n"
        f"      var layer = L.geoJSON(o.data, {{style: style, interactive: false, pane: \"rspOutlines\"}}).addTo({map_var});\n"
        "      window.feature_group.push(layer);\n"
        "    });\n"
        "  });\n"
        "  if (window.rspApply) { window.rspApply(cfg.state); }\n"
        "  if (window.rspFit) { window.rspFit(cfg.fit); }\n"
        "})();\n"
    )
