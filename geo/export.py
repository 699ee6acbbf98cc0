"""Downloads of a selection of counties: CSV, Excel, GeoJSON, GeoPackage and vCard."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import geopandas as gpd
import pyogrio
from openpyxl import Workbook

from .card import persons
from .contacts import COLUMNS, Row
from .contacts import to_csv as contacts_csv

VCARD_MIME = "text/vcard"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def to_csv(rows: list[Row]) -> bytes:
    """The contract's columns, rows in the order shown."""
    return contacts_csv(rows).encode("utf-8")


def _cell(value: str) -> str:
    # A spreadsheet would run text starting with = + - @ as a formula; keep it text.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_xlsx(rows: list[Row], sheet: str = "RSP 2014-2020") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(list(COLUMNS))
    for r in rows:
        ws.append([_cell(r[c]) for c in COLUMNS])
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHIJKLM", (10, 8, 22, 10, 16, 30, 16, 15, 34, 40, 34, 40, 11)):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _subset(counties: gpd.GeoDataFrame, rows: list[Row]) -> gpd.GeoDataFrame:
    order = [r["lan_kod"] for r in rows]
    sub = counties.set_index("lan_kod").loc[order].reset_index()
    return gpd.GeoDataFrame(sub[list(COLUMNS) + ["geometry"]], geometry="geometry", crs=counties.crs)


def to_geojson(counties: gpd.GeoDataFrame, rows: list[Row]) -> bytes:
    return _subset(counties, rows).to_json(drop_id=True, ensure_ascii=False).encode("utf-8")


def to_gpkg(counties: gpd.GeoDataFrame, rows: list[Row]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rsp.gpkg"
        pyogrio.write_dataframe(_subset(counties, rows), path, layer="counties", driver="GPKG")
        return path.read_bytes()


def _vtext(value: str) -> str:
    """vCard text value escaping (RFC 2426 §5 / RFC 6350 §3.4)."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 6350 §3.2)."""
    out, current = [], b""
    for char in line:
        enc = char.encode("utf-8")
        if len(current) + len(enc) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += enc
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def vcards(rows: list[Row]) -> str:
    """vCard 3.0 (what phones import most reliably), one per contact person (two for Norrbotten), with organisation, phone and website."""
    cards = []
    for r in rows:
        for person in persons(r):
            name = person.strip()
            parts = name.split()
            family, given = (parts[-1], " ".join(parts[:-1])) if len(parts) > 1 else (name, "")
            lines = [
                "BEGIN:VCARD",
                "VERSION:3.0",
                f"FN:{_vtext(name)}",
                f"N:{_vtext(family)};{_vtext(given)};;;",
                f"ORG:{_vtext(r['org_name'])}",
                f"TEL;TYPE=WORK,VOICE:{_vtext(r['phone_e164'] or r['phone'])}",
                f"NOTE:{_vtext('Regionalt serviceprogram ' + r['period'] + ', ' + r['lan'])}",
            ]
            if r["info_url"].startswith(("http://", "https://")):
                lines.append(f"URL:{r['info_url']}")
            lines.append("END:VCARD")
            cards.append("\r\n".join(_fold(line) for line in lines))
    return "\r\n".join(cards) + "\r\n"
