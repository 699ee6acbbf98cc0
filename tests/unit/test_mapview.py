"""geo/mapview.py: the folium map, its JSON state and the municipality outlines."""

from __future__ import annotations

import json
import re

import pytest
from support.data import MARKUP

from geo.data.gpkg import load_counties, load_municipalities
from geo.render.mapview import (
    Fit,
    MapState,
    build_map,
    counties_geojson,
    map_state,
    municipality_features,
    outlines,
    safe_json,
    sweden_bounds,
)
from geo.web.assets import leaflet_urls


def test_safe_json_cannot_close_a_script_element():
    text = safe_json({"x": MARKUP + "\u2028"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": MARKUP + "\u2028"}


@pytest.fixture(scope="module")
def counties():

    return load_counties()


def test_map_script_is_constant_and_holds_no_raw_markup(counties):
    hostile = counties.copy()
    hostile["org_name"] = MARKUP
    gj = counties_geojson(hostile)
    scripts = [build_map(gj, sweden_bounds(hostile), leaflet_urls()).get_root().render() for _ in range(2)]
    body = [re.sub(r"[0-9a-f]{32}", "", s) for s in scripts]
    assert body[0] == body[1]  # independent of anything but the data
    assert "<img" not in scripts[0] and "</script><script>" not in scripts[0]
    assert "cdn" not in scripts[0].lower() and "https://" not in scripts[0].split("<body>")[0]


def test_map_state_is_plain_json_data():
    outline = {"type": "FeatureCollection", "features": [], "name": MARKUP}
    state = map_state(MapState("en", ("region",), "25"), [("municipality", outline)], Fit("lan:25", [[1, 2], [3, 4]]))
    assert json.loads(json.dumps(state)) == state
    assert state["state"] == {"lang": "en", "types": ["region"], "lan": "25", "period": "idag"}
    assert state["fit"] == {"key": "lan:25", "bounds": [[1, 2], [3, 4]]}
    assert state["overlays"][0]["data"] == outline  # data stays data: it is escaped where it meets code


@pytest.fixture(scope="module")
def kommun():
    k = load_municipalities()
    return dict(zip(k["kommun_kod"], k["kommun"])), dict(zip(k["kommun_kod"], k["lan_kod"]))


def test_outlines(kommun):
    features = municipality_features(load_municipalities())
    layers = outlines(features, "20", "2023")
    assert [name for name, _ in layers] == ["municipalities", "municipality"]
    assert len(layers[0][1]["features"]) == 15  # Dalarna's municipalities
    assert layers[1][1]["features"][0]["properties"]["kommun_kod"] == "2023"
    assert outlines(features, None, None) == []
