"""Downloads of a selection of counties: CSV, Excel, GeoJSON, GeoPackage and vCard.

Every format carries both periods: the 2014–2020 contact columns and today's ``today_*`` columns.
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import geopandas as gpd
import pyogrio
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..data.contacts import Row
from ..data.contacts import to_csv as contacts_csv
from ..data.linkcheck import DEAD_COLUMN
from ..data.model import ROW_COLUMNS, Model
from ..data.today import same_body_today, status_class
from ..data.validate import control_chars
from ..i18n import t
from ..view.formatting import (
    checked_is_old,
    checked_old_text,
    period_text,
    persons,
    safe_http_url,
    status_class_label,
    status_label,
    type_label,
)

VCARD_MIME = "text/vcard"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


_PLAIN_NUMBER = re.compile(r"[+-][\d\s().]*")


def neutralise(value: str) -> str:
    """A spreadsheet runs a cell that starts with = + - @ (or tab, CR) as a formula. Such values get a leading
    apostrophe, the usual mark for "this is text"; a signed plain number (``+4635134800``) is left as it is."""
    if value[:1] in ("=", "@", "\t", "\r") or (value[:1] in ("+", "-") and not _PLAIN_NUMBER.fullmatch(value)):
        return "'" + value
    return value


CSV_SEPARATORS = {"semikolon": ";", "komma": ","}
DEFAULT_CSV_SEPARATOR = "semikolon"  # Excel with Swedish settings reads ";" (the comma is the decimal mark)

# The downloads' columns. The 2014–2020 contact columns carry their period in their names
# (``org_name_2014_2020``), today's their ``today_`` prefix, so that no value is labelled with the wrong
# period (one ``period`` column said 2014-2020 on rows that are mostly today's); the county's own columns
# and the area shares belong to neither. A code has its label beside it, in the page's language.
COUNTY_COLUMNS = ("lan_kod", "lan", "iso_3166_2")
# a code's column → (its label column's name, the label of a row's value in a language)
LABELS = {
    "org_type": ("org_type_label", type_label),
    "today_programme_status": ("today_programme_status_label", status_label),
}


def _download_spec(period: str) -> list[tuple[str, object]]:
    """The downloads' columns: (name, value of a row in a language), one list for the names and the values."""
    suffix = "_" + period.replace("-", "_") if period else ""
    spec: list[tuple[str, object]] = []
    for c in ROW_COLUMNS:
        if c == "period":
            continue
        own = c in COUNTY_COLUMNS or c.startswith(("today_", "area_pct_")) or c == DEAD_COLUMN
        spec.append((c if own else c + suffix, lambda r, lang, c=c: r[c]))
        if c in LABELS:
            name, label = LABELS[c]
            spec.append((name if own else name + suffix, lambda r, lang, c=c, label=label: label(r[c], lang)))
        if c == "today_checked":  # facts checked too long ago say so (checked_is_old, RSP_STALE_MONTHS)
            spec.append(("today_checked_old", lambda r, lang: "yes" if checked_is_old(r["today_checked"]) else "no"))
            spec.append(
                (
                    "today_checked_old_label",
                    lambda r, lang: checked_old_text(lang) if checked_is_old(r["today_checked"]) else "",
                )
            )
        if c == "today_programme_status":  # the map's class of the county, the one rule (geo/data/today.py)
            spec.append(("today_map_class", lambda r, lang: status_class(r)))
            spec.append(("today_map_class_label", lambda r, lang: status_class_label(status_class(r), lang)))
    return spec


def download_records(rows: list[Row], lang: str = "sv") -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """The rows as the downloads carry them: (the column names, one dict per row)."""
    spec = _download_spec(rows[0]["period"] if rows else "")
    return tuple(n for n, _ in spec), [{n: value(r, lang) for n, value in spec} for r in rows]


# What Excel turns into a number or a date when it opens a CSV: "01" → 1, "+46102231000" → 46102231000,
# "-2030" → -2030, "2022-10" → a date. In the Excel CSV these are written as ="…", which Excel and
# LibreOffice show as that very text (only values of this exact form: no data becomes a formula).
_EXCEL_CONVERTS = re.compile(r"[+-]?\d+(?:[-./:]\d+)*")


def excel_text(value: str) -> str:
    return f'="{value}"' if _EXCEL_CONVERTS.fullmatch(value) else value


def to_csv(rows: list[Row], separator: str = DEFAULT_CSV_SEPARATOR, lang: str = "sv") -> bytes:
    """The county's columns, 2014–2020's, today's, rows in the order shown, formula prefixes neutralised.

    UTF-8 with a byte-order mark (without it Excel reads å, ä, ö as two characters each), separated by
    ``;`` by default, for Excel with Swedish settings, where a value Excel would turn into a number or a
    date is written so that it stays text; or by ``,`` (``separator="komma"``), the values as they are."""
    names, records = download_records(rows, lang)
    return _csv_bytes(records, names, separator)


def _csv_bytes(records: list[dict[str, str]], columns: tuple[str, ...], separator: str) -> bytes:
    """A download's CSV: BOM, CRLF, formula prefixes neutralised, and for Excel (";") numbers and dates as text."""
    keep = excel_text if separator == "semikolon" else (lambda v: v)
    safe = [{c: keep(neutralise(r[c])) for c in columns} for r in records]
    text = contacts_csv(safe, columns, lineterminator="\r\n", delimiter=CSV_SEPARATORS[separator])
    return ("\ufeff" + text).encode("utf-8")


KOMMUN_COLUMNS = (
    "kommun_kod",
    "kommun",
    "lan_kod",
    "lan",
    "fa_kod",
    "fa_namn",
    "ur6",
    "ur6_sv",
    "ur6_en",
    "ur3",
    "ur3_sv",
    "ur3_en",
)


def kommun_records(model: Model) -> list[dict[str, str]]:
    """One row per municipality (290): its county, its FA region and the region's type (codes and names in both
    languages), by municipality code."""
    out = []
    for code in sorted(model.kommun_name):
        fa = model.fa_by_code[model.kommun_fa[code]]
        lan = model.kommun_lan[code]
        out.append(
            {
                "kommun_kod": code,
                "kommun": model.kommun_name[code],
                "lan_kod": lan,
                "lan": model.by_code[lan]["lan"],
                **{c: fa[c] for c in KOMMUN_COLUMNS[4:]},
            }
        )
    return out


def kommun_csv(records: list[dict[str, str]], separator: str = DEFAULT_CSV_SEPARATOR) -> bytes:
    """The municipalities with their FA region and type, as the contacts CSV is written (BOM, CRLF, ``;``,
    codes such as ``0180`` kept as text for Excel)."""
    return _csv_bytes(records, KOMMUN_COLUMNS, separator)


_SLUG_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def slug(text: str) -> str:
    """``Norrbottens län`` → ``norrbottens-lan``: a file-name part."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().translate(_SLUG_FOLD)).strip("-")[:40]


def file_stem(*parts: str, day: str) -> str:
    """``rsp-kontakter-lansstyrelse-2026-11-27``: what the file holds and the day it was made."""
    return "-".join(p for p in ("rsp", *(slug(x) for x in parts), day) if p)


def selection_stem(state, day: str) -> str:
    """The contacts page's selection named: ``rsp-kontakter-lansstyrelse-sok-lindberg-2026-12-04``."""
    lang = state.lang
    what = [t("file_contacts", lang), *(type_label(x, lang) for x in state.typ)]
    return file_stem(*what, *([f"{t('file_search', lang)} {state.q}"] if state.q else []), day=day)


def _xlsx_text(value: str) -> str:
    """Cells are text; characters XML 1.0 cannot hold (which openpyxl refuses) are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def to_xlsx(rows: list[Row], sheet: str = "RSP", lang: str = "sv") -> bytes:
    """The CSV's columns (:func:`download_records`), every cell text, addresses as links, a header filter."""
    names, records = download_records(rows, lang)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append(list(names))
    for r in records:
        ws.append([_xlsx_text(r[c]) for c in names])
    link_columns = [n for n, col in enumerate(names) if "_url" in col]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"  # text, never a formula: openpyxl would store "=…" as one
        for n in link_columns:  # an address is a link to click, only a clean http(s) one
            cell = row[n]
            if safe_http_url(cell.value or ""):
                cell.hyperlink = cell.value
                cell.style = "Hyperlink"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions  # a filter on the header row, over every row and column
    for n, col in enumerate(names, start=1):
        ws.column_dimensions[ws.cell(row=1, column=n).column_letter].width = 34 if "_url" in col else 16
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _subset(counties: gpd.GeoDataFrame, rows: list[Row]) -> gpd.GeoDataFrame:
    order = [r["lan_kod"] for r in rows]
    sub = counties.set_index("lan_kod").loc[order].reset_index()
    return gpd.GeoDataFrame(sub[list(ROW_COLUMNS) + ["geometry"]], geometry="geometry", crs=counties.crs)


def to_geojson(counties: gpd.GeoDataFrame, rows: list[Row]) -> bytes:
    return _subset(counties, rows).to_json(drop_id=True, ensure_ascii=False).encode("utf-8")


def to_gpkg(counties: gpd.GeoDataFrame, rows: list[Row]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rsp.gpkg"
        pyogrio.write_dataframe(_subset(counties, rows), path, layer="counties", driver="GPKG")
        return path.read_bytes()


_VCARD_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def _vtext(value: str) -> str:
    """vCard text value escaping (RFC 2426 §5 / RFC 6350 §3.4): backslash, comma, semicolon and line breaks
    are escaped; every other control or format character, which a vCard cannot carry, is dropped."""
    value = _VCARD_BREAKS.sub("\n", value)
    value = "".join(ch for ch in value if ch == "\n" or not control_chars(ch))
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


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


def _card(lines: list[str]) -> str:
    return "\r\n".join(_fold(line) for line in ["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"])


def _url_line(url: str) -> list[str]:
    """A URL property only for a clean http(s) address: a URI value cannot be escaped, so anything with
    spaces, quotes or control characters (a CR LF would start a new property or card) is left out."""
    safe = safe_http_url(url)
    return [f"URL:{safe}"] if safe else []


def vcards(rows: list[Row], lang: str = "sv") -> str:
    """vCard 3.0 (what phones import most reliably). Per county: today's region first (organisation, its page
    for applying for support and its website; no phone or person, since no source gives them), then one card
    per 2014–2020 contact person (two for Norrbotten) where that organisation is today's region. The
    persons of a Länsstyrelse or of Kalmar's Regionförbundet are left out: a phone shows any TEL as a number
    to tap, and theirs no longer answers for this (the CSV, Excel and GeoJSON files keep them as history).
    Each note says which period the contact belongs to, in the UI's language."""
    cards = []
    for r in rows:
        support = safe_http_url(r["today_support_url"])
        note = t("vcard_note_today", lang, lan=r["lan"], checked=r["today_checked"])
        if checked_is_old(r["today_checked"]):
            note += f" ({checked_old_text(lang)})"
        if support:
            note += "\n" + t("support_action", lang) + ": " + support
        cards.append(
            _card(
                [
                    f"FN:{_vtext(r['today_region'])}",
                    f"N:{_vtext(r['today_region'])};;;;",
                    f"ORG:{_vtext(r['today_region'])}",
                    "X-ABSHOWAS:COMPANY",
                    f"NOTE:{_vtext(note)}",
                    *_url_line(r["today_support_url"]),
                    *_url_line(r["today_region_url"]),
                ]
            )
        )
        if not same_body_today(r):
            continue
        note = t("vcard_note_history", lang, lan=r["lan"], period=period_text(r["period"]))
        for person in persons(r):
            name = person.strip()
            parts = name.split()
            family, given = (parts[-1], " ".join(parts[:-1])) if len(parts) > 1 else (name, "")
            cards.append(
                _card(
                    [
                        f"FN:{_vtext(name)}",
                        f"N:{_vtext(family)};{_vtext(given)};;;",
                        f"ORG:{_vtext(r['org_name'])}",
                        f"TEL;TYPE=WORK,VOICE:{_vtext(r['phone_e164'] or r['phone'])}",
                        f"NOTE:{_vtext(note)}",
                        *_url_line(r["info_url"]),
                    ]
                )
            )
    return "\r\n".join(cards) + "\r\n"
