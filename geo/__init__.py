"""RSP-kartan's pure-Python core: parsing, validation, joins, GeoPackage I/O and the folium map.

Never imports streamlit; the app wraps these functions in its own caches.
"""

from .contacts import COLUMNS, ORG_TYPES, ContactsError, read_contacts
from .gpkg import DataUnavailable, JoinError, load_counties, load_metadata, load_municipalities

__all__ = [
    "COLUMNS",
    "ORG_TYPES",
    "ContactsError",
    "DataUnavailable",
    "JoinError",
    "load_counties",
    "load_metadata",
    "load_municipalities",
    "read_contacts",
]
