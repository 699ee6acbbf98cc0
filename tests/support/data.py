"""Helpers for the data tests: the command line (in-process, and as a real subprocess for its contract), a
GeoPackage built afresh and copies of it broken on purpose (one per way a careless source can break one) for
the load-time checks and the app's friendly message, and tables and CSV downloads read back."""

from __future__ import annotations

import contextlib
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pyogrio
from shapely.geometry import Polygon

from geo.paths import CONTACTS_CSV, ROOT

HOSTILE_DIR = ROOT / "tests" / "hostile"  # the hostile corpus (its README lists each case)
FIXTURES = ROOT / "tests" / "fixtures"
# Markup and script in a data value: every tier shows it as text
MARKUP = '<img src=x onerror="alert(1)"> `${alert(2)}` </script><script>alert(3)</script> [x](javascript:alert(4))'


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_geo(*args: str) -> subprocess.CompletedProcess:
    """``python -m geo ARGS`` as a real process (the command line's contract: exit codes, streams)."""
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True)


def cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m geo ARGS`` in this process (the same main(), its streams captured): for the many cases that
    check a message and a refusal, without a Python start-up each."""
    from geo.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own refusals
            code = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(["python", "-m", "geo", *args], code, out.getvalue(), err.getvalue())


def built_gpkg(out: Path, contacts: Path = CONTACTS_CSV) -> Path:
    """A GeoPackage built by the command line from ``contacts`` and the committed today.csv."""
    res = cli("build", "--contacts", str(contacts), "--out", str(out))
    assert res.returncode == 0, res.stderr
    return out


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


def _edit_geometry(c, code, change):
    import shapely

    c.loc[c["lan_kod"] == code, "geometry"] = [
        shapely.transform(g, change) for g in c.loc[c["lan_kod"] == code, "geometry"]
    ]
    return c


def _bow_tie(c):
    c.loc[c["lan_kod"] == "03", "geometry"] = Polygon([(17, 59), (18, 60), (18, 59), (17, 60)])
    return c


def _pacific(c):
    return _edit_geometry(c, "03", lambda xy: xy - [168.0, 0.0])


def _swapped(c):
    return _edit_geometry(c, "03", lambda xy: xy[:, ::-1])


def _million(c):
    return _edit_geometry(c, "03", lambda xy: xy * 1e6)


def _point(c):
    from shapely.geometry import Point

    c.loc[c["lan_kod"] == "03", "geometry"] = Point(17.6, 59.9)
    return c


def _set(code, column, value):
    def change(c):
        c.loc[c["lan_kod"] == code, column] = value
        return c

    return change


_js_url = _set("25", "info_url", "javascript:alert(1)")
_userinfo_url = _set("01", "today_region_url", "https://www.regionstockholm.se@evil.example/")
_evil_lan = _set("25", "lan", "Evil län")
_bad_e164 = _set("25", "phone_e164", '+46" onmouseover="x')
_future = _set("25", "retrieved", "2999-01-01")


def _long_name(c):
    c.loc[c["lan_kod"] == "25", "org_name"] = "R" * 20_000
    return c


COUNTY_CASES = {
    "null-geometry": (_null_geometry, "01: NULL or empty geometry"),
    "empty-geometry": (_empty_geometry, "01: NULL or empty geometry"),
    "duplicate-code": (_duplicate_code, "duplicate lan_kod 03"),
    "unknown-type": (_unknown_type, "25: unknown org_type 'kommun'"),
    "control-char": (_control_char, "org_name contains control characters (U+001B)"),
    "long-name": (_long_name, "values over 10,000 characters in org_name (20,000 characters)"),
    "bow-tie": (_bow_tie, "03: invalid geometry (Self-intersection"),
    "in-the-pacific": (_pacific, "03: lies outside Sweden (bounds -151."),
    "axes-swapped": (_swapped, "03: lies outside Sweden (bounds 59."),
    "times-a-million": (_million, "03: lies outside Sweden (bounds 1"),
    "a-point": (_point, "03: a Point, not a polygon"),
    "javascript-url": (_js_url, "25: info_url: 'javascript:alert(1)' is not an http(s) address"),
    "userinfo-url": (
        _userinfo_url,
        "01: today_region_url: 'https://www.regionstockholm.se@evil.example/' has user info",
    ),
    "evil-lan": (_evil_lan, "25: lan 'Evil län' is not 'Norrbottens län'"),
    "bad-e164": (_bad_e164, "25: phone_e164 '+46\" onmouseover=\"x' is not +46920284000"),
    "future-retrieved": (_future, "25: retrieved: 2999-01-01 is in the future"),
}


def broken_gpkgs_in(gpkg: Path, folder: Path) -> dict[str, Path]:
    """Copies of ``gpkg`` in ``folder``, each broken on purpose (COUNTY_CASES, and metadata and municipality
    cases), by name."""
    import geopandas as gpd

    out = {
        name: edit_counties(copy_file(gpkg, folder, f"{name}.gpkg"), change)
        for name, (change, _) in COUNTY_CASES.items()
    }
    meta = copy_file(gpkg, folder, "metadata-columns.gpkg")
    pyogrio.write_dataframe(
        gpd.pd.DataFrame({"k": ["period"], "v": ["2014-2020"]}), meta, layer="metadata", driver="GPKG"
    )
    out["metadata-columns"] = meta
    period = copy_file(gpkg, folder, "metadata-period.gpkg")
    md = pyogrio.read_dataframe(period, layer="metadata")
    md.loc[md["key"] == "period", "value"] = "![i](http://10.0.0.1/x.png) :red[RED]"
    pyogrio.write_dataframe(md, period, layer="metadata", driver="GPKG")
    out["metadata-period"] = period
    kom = copy_file(gpkg, folder, "null-kommun-name.gpkg")
    k = pyogrio.read_dataframe(kom, layer="municipalities")
    k.loc[k["kommun_kod"] == "2023", "kommun"] = None
    pyogrio.write_dataframe(k, kom, layer="municipalities", driver="GPKG")
    out["null-kommun-name"] = kom
    return out


def table_cells(html: str, css_class: str) -> list[dict[str, tuple[str, str]]]:
    """The body rows of the table of class ``css_class`` (geo/tables.py): per row, each cell's data-col →
    (its text, its first link's href or "")."""
    from html.parser import HTMLParser

    rows: list[dict[str, tuple[str, str]]] = []

    class Reader(HTMLParser):
        inside = in_body = False
        col = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "table":
                self.inside = css_class in (a.get("class") or "").split()
            elif self.inside and tag == "tbody":
                self.in_body = True
            elif self.inside and self.in_body and tag == "tr":
                rows.append({})
            elif self.inside and self.in_body and tag in ("td", "th"):
                self.col = a.get("data-col")
                rows[-1][self.col] = ("", "")
            elif self.col and tag == "a":
                text, href = rows[-1][self.col]
                rows[-1][self.col] = (text, href or a.get("href", ""))

        def handle_endtag(self, tag):
            if tag in ("td", "th"):
                self.col = None
            elif tag == "table":
                self.inside = self.in_body = False

        def handle_data(self, data):
            if self.col:
                text, href = rows[-1][self.col]
                rows[-1][self.col] = (text + data, href)

    Reader().feed(html)
    return rows


def excel_csv(data: bytes, delimiter: str = ";") -> list[dict[str, str]]:
    """A CSV download read back as Excel shows it: after the byte-order mark, split by ``delimiter``, and a
    cell ="x" (what the Excel CSV writes for a value Excel would turn into a number or a date) as the text x."""
    import csv
    import io

    assert data.startswith("\ufeff".encode("utf-8")), "no UTF-8 byte-order mark (Swedish Excel needs it)"
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    return [{k: v[2:-1] if v.startswith('="') and v.endswith('"') else v for k, v in r.items()} for r in rows]


def app_model():
    """The committed data as the app reads it (data/rsp.gpkg, built by the set-up): the process's one model
    (geo/web/store.py), the very object the guard and the AppTest runs of this process use."""
    from geo.paths import GPKG
    from geo.web.store import store_for

    return store_for(GPKG).model()


def hostile_gpkg(folder: Path) -> Path:
    """Markup and script where the contract allows free text (organisation, persons): built for real."""
    import csv

    from geo.data.contacts import COLUMNS, read_contacts

    from .app import HOSTILE

    rows = read_contacts(CONTACTS_CSV)
    for row in rows:
        row["org_name"] = f"{row['org_name']} {HOSTILE}"
        row["contact_persons"] = f"Eva {HOSTILE}; Per `rm -rf` ${{x}}"
    contacts = folder / "contacts.csv"
    with open(contacts, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return built_gpkg(folder / "rsp.gpkg", contacts)


# --- GeoPackages made to make a reader work without end (issue: bound every read of the data file) -------------

RECURSIVE = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT t.* FROM {real} t, r"
CRAFTED_VIEWS = (
    "gpkg_contents",
    "gpkg_spatial_ref_sys",
    "gpkg_geometry_columns",
    "counties",
    "municipalities",
    "fa_regions",
    "metadata",
)


def _sql(path: Path, script: str) -> Path:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.executescript(script)
    finally:
        con.close()
    return path


def crafted_gpkg(gpkg: Path, folder: Path, case: str) -> tuple[Path, str]:
    """A copy of ``gpkg`` made hostile, and the table (or file) its refusal must name. Cases: ``view:TABLE``
    (TABLE replaced by a view that recurses without end), ``corrupt-page`` (a data page overwritten),
    ``hot-journal`` (a journal of an unfinished write beside the file), ``huge-schema`` (10^6 views in
    sqlite_master)."""
    import sqlite3

    path = copy_file(gpkg, folder, f"{case.replace(':', '-')}.gpkg")
    if case.startswith("view:"):
        table = case.split(":", 1)[1]
        _sql(
            path,
            f'ALTER TABLE "{table}" RENAME TO "{table}_real"; '
            f'CREATE VIEW "{table}" AS ' + RECURSIVE.format(real=f'"{table}_real"') + ";",
        )
        return path, table
    if case == "corrupt-page":
        con = sqlite3.connect(path)
        (page_size,) = con.execute("PRAGMA page_size").fetchone()
        (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'municipalities'").fetchone()
        con.close()
        with open(path, "r+b") as fh:  # the layer's root page: its b-tree header and cells become noise
            fh.seek((root - 1) * page_size)
            fh.write(bytes((i * 37 + 11) % 256 for i in range(page_size)))
        return path, "municipalities"
    if case == "hot-journal":
        journal = path.with_name(path.name + "-journal")
        journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 4088)  # a rollback journal's magic
        return path, journal.name
    if case == "huge-schema":
        con = sqlite3.connect(path)
        con.execute("PRAGMA writable_schema=ON")
        con.executemany(
            "INSERT INTO sqlite_master(type, name, tbl_name, rootpage, sql) VALUES ('view', ?, ?, 0, ?)",
            ((f"v{i:x}", f"v{i:x}", f"CREATE VIEW v{i:x} AS SELECT 1") for i in range(1_000_000)),
        )
        con.commit()
        con.close()
        return path, "sqlite_master"
    raise ValueError(case)


CRAFTED_CASES = (*(f"view:{t}" for t in CRAFTED_VIEWS), "corrupt-page", "hot-journal", "huge-schema")


STALE_COUNTY = "03"  # Uppsala län: its facts checked 13 months before today in stale_gpkg


def stale_gpkg(gpkg: Path, folder: Path) -> Path:
    """A copy of ``gpkg`` whose county STALE_COUNTY has its facts checked 400 days (13 months) before today."""
    import datetime as dt

    path = copy_file(gpkg, folder, "rsp.gpkg")
    counties = pyogrio.read_dataframe(path, layer="counties")
    old = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    counties.loc[counties["lan_kod"] == STALE_COUNTY, "today_checked"] = old
    pyogrio.write_dataframe(counties, path, layer="counties", driver="GPKG")
    return path
