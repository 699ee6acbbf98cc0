"""Project paths, resolved from this file (never from the working directory)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
CONTACTS_CSV = DATA_DIR / "contacts.csv"
COUNTIES_CSV = DATA_DIR / "counties.csv"
LINKS_CSV = DATA_DIR / "links.csv"
TODAY_CSV = DATA_DIR / "today.csv"
HOSTS_CSV = DATA_DIR / "hosts.csv"  # the reviewed hosts (geo/data/hosts.py)
LINK_CHECK_CSV = DATA_DIR / "link-check.csv"  # written by `python -m geo check-links`
GPKG = DATA_DIR / "rsp.gpkg"
GPKG_ENV = "RSP_GPKG"  # another GeoPackage than data/rsp.gpkg (tests, deployments with their own data)
DATA_ENV = "RSP_DATA"  # another folder of data files for `python -m geo refresh` (tests, deployments)
STATIC_DIR = ROOT / "static"
