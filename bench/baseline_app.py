"""The tutorial approach, for comparison: what a user would otherwise build.

folium.GeoJson of the raw county GeoDataFrame with a GeoJsonTooltip, a default st_folium(m) call
(all returned objects), no caching, the contact shown from last_active_drawing. The only change
from the tutorial: Leaflet comes from the app's own static folder, so that it renders offline.
"""

from pathlib import Path

import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium
from tutorial_map import tutorial_map

GPKG = Path(__file__).resolve().parent.parent / "data" / "rsp.gpkg"

st.set_page_config(layout="wide")
st.title("Regionala serviceprogram 2014–2020")

counties = gpd.read_file(GPKG, layer="counties")
m = tutorial_map(counties, "../../app/static/leaflet")

left, right = st.columns([3, 2])
with left:
    out = st_folium(m, height=560, use_container_width=True)
with right:
    clicked = out.get("last_active_drawing") if out else None
    if clicked:
        p = clicked["properties"]
        st.subheader(p["lan"])
        st.write(p["org_name"])
        st.write(p["phone"])
        st.write(p["contact_persons"])
    else:
        st.info("Klicka på ett län.")
