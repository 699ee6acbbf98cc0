"""RSP-kartan's pure-Python core (never imports streamlit), in layers that import only downwards:

- the ground floor: ``paths``, ``rules`` (every limit), ``i18n`` (every text a person sees);
- ``data``: reading, checking, building and loading the data files and the GeoPackage;
- ``view``: the page registry, the view in the URL, filters, search, what changed, words for values;
- ``render``: HTML, SVG, PNG, CSS, downloads and the folium map;
- ``web``: the HTTP guard, Streamlit's index page, the data store, assets and the server log.

``python -m geo`` is the command line (ingest, build, check-links).
"""
