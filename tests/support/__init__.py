"""Helpers for the test tiers: browser.py (servers, Chromium sessions), data.py (the command line, GeoPackages
broken on purpose, tables read back), app.py (Streamlit AppTest), asgi.py (the guard in-process)."""
