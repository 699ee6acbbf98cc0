"""Shared helpers for the data tiers: the command line as a subprocess, and GeoPackages broken on purpose
(one per way a careless source can break one) for the load-time checks and the app's friendly message."""

from __future__ import annotations

import subprocess
import sys
import hashlib
from pathlib import Path

import pyogrio
from shapely.geometry import Polygon

from geo.paths import ROOT

HOSTILE_DIR = ROOT / "tests" / "hostile"  # the hostile corpus (its README lists each case)
FIXTURES = ROOT / "tests" / "fixtures"
# Markup and script in a data value: every tier shows it as text
MARKUP = '<img src=x onerror="alert(1)"> `${alert(2)}` </script><script>alert(3)</script> [x](javascript:alert(4))'


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_geo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True)

def copy_file(gpkg: Path, tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    out.write_bytes(gpkg.read_bytes())
    return out

def edit_counties(path: Path, change) -> Path:
    counties = pyogrio.read_dataframe(path, layer="counties")
    counties = change(counties)
    pyogrio.write_dataframe(counties, path, layer="counties", driver="GPKG")
    return path

def _null_geometry(c):
    c.loc[c["lan_kod"] == "01", "geometry"] = None
    return c

def _empty_geometry(c):
    c.loc[c["lan_kod"] == "01", "geometry"] = Polygon()
    return c

def _duplicate_code(c):
    c.loc[c["lan_kod"] == "01", "lan_kod"] = "03"
    return c

def _unknown_type(c):
    c.loc[c["lan_kod"] == "25", "org_type"] = "kommun"
    return c

def _control_char(c):
    c.loc[c["lan_kod"] == "25", "org_name"] = "Region\x1bNorrbotten"
    return c

def _long_name(c):
    c.loc[c["lan_kod"] == "25", "org_name"] = "R" * 20_000
    return c

COUNTY_CASES = {
    "null-geometry": (_null_geometry, "01: NULL or empty geometry"),
    "empty-geometry": (_empty_geometry, "01: NULL or empty geometry"),
    "duplicate-code": (_duplicate_code, "duplicate lan_kod 03"),
    "unknown-type": (_unknown_type, "25: unknown org_type 'kommun'"),
    "control-char": (_control_char, "org_name contains control characters (U+001B)"),
    "long-name": (_long_name, "org_name is 20,000 characters long"),
}
