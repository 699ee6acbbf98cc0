"""The tutorial's folium map, shared by the baseline app and the static floor (the same map in both)."""

import folium

COLOURS = {"lansstyrelse": "#0072B2", "region": "#E69F00", "samverkansorgan": "#CC79A7"}


def tutorial_map(counties, leaflet_base: str) -> folium.Map:
    """folium.GeoJson of the raw county GeoDataFrame with a GeoJsonTooltip; Leaflet from ``leaflet_base``."""
    m = folium.Map(location=[62.5, 17.0], zoom_start=4, tiles=None)
    m.default_js = [("leaflet", f"{leaflet_base}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{leaflet_base}/leaflet.css")]
    folium.GeoJson(
        counties,
        style_function=lambda f: {
            "fillColor": COLOURS[f["properties"]["org_type"]],
            "color": "white",
            "weight": 1,
            "fillOpacity": 0.85,
        },
        tooltip=folium.GeoJsonTooltip(fields=["lan", "org_name", "org_type"]),
    ).add_to(m)
    m.fit_bounds([[55.3, 11.1], [69.1, 24.2]])
    return m
