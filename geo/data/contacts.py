"""The contact table: its columns, reading and atomic writing, and change reports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import phonenumbers

from .atomic import write_text_atomic
from .counties import by_code
from .hosts import address_problem
from .validate import TableError, control_chars, field_problem, iso_date_problem, read_table

COLUMNS = (
    "period",
    "lan_kod",
    "lan",
    "iso_3166_2",
    "org_type",
    "org_name",
    "phone",
    "phone_e164",
    "contact_persons",
    "programme_url",
    "info_url",
    "source_url",
    "retrieved",
)
ORG_TYPES = ("lansstyrelse", "region", "samverkansorgan")
PERSON_SEPARATOR = "; "

Row = dict[str, str]


class ContactsError(ValueError):
    """The contact table cannot be read or does not follow the data contract."""


def to_csv(
    rows: list[Row], columns: tuple[str, ...] = COLUMNS, lineterminator: str = "\n", delimiter: str = ","
) -> str:
    """The given columns (by default the contract's), the rows in the order given.

    Values are quoted when they hold the delimiter, a quote or any character of the terminator; the
    data file uses ``\n`` (its values never hold CR or LF: the validation refuses control characters),
    downloads use ``\r\n`` so that a stray CR or LF in a value is always quoted.
    """
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=columns, lineterminator=lineterminator, quoting=csv.QUOTE_MINIMAL, delimiter=delimiter
    )
    writer.writeheader()
    writer.writerows({c: row[c] for c in columns} for row in rows)
    return buf.getvalue()


def write_contacts(rows: list[Row], path: Path) -> None:
    """The contact table file: rows by county code, written atomically."""
    write_text_atomic(path, to_csv(sorted(rows, key=lambda r: r["lan_kod"])))


PERIOD_RE = re.compile(r"\d{4}-\d{4}")
_PHONE_CHARS = re.compile(r"\+?[0-9][0-9 ()\-–]{4,29}")


def normalise_phone(phone: str) -> str | None:
    """E.164 form of a Swedish number as written on the page, or None when it is not a valid number."""
    if not _PHONE_CHARS.fullmatch(phone.strip()):
        return None  # phonenumbers would read the digits out of "010-223 10 00<b>" or "call 010 …"
    try:
        parsed = phonenumbers.parse(phone, "SE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def row_problems(row: Row, today: dt.date | None = None) -> list[str]:
    """Every problem of one contact row (without the county prefix): the one rule set for a row, used by
    ingest (geo/ingest.py), the build (read_contacts) and the app's load (geo/gpkg.py).

    - no field holds control characters or is absurdly long;
    - ``lan_kod`` is one of the 21 codes of data/counties.csv, and ``lan`` and ``iso_3166_2`` are that
      county's name and code there;
    - ``org_type`` is one of ORG_TYPES, ``period`` is YYYY-YYYY;
    - ``org_name`` and ``contact_persons`` are not empty (both are shown as text, markup and all);
    - ``phone`` is a valid Swedish number and ``phone_e164`` is its E.164 form;
    - ``source_url`` is an http(s) address to a public host, and so are ``programme_url`` and ``info_url``
      when set, to a host reviewed for the county (geo/data/hosts.py, data/hosts.csv);
    - ``retrieved`` is an ISO date, not after ``today``.
    """
    problems = [f"{col} {why}" for col in COLUMNS if (why := field_problem(row[col]))]
    if problems:
        return problems
    county = by_code().get(row["lan_kod"])
    if county is None:
        problems.append(f"lan_kod {row['lan_kod'][:10]!r} is not one of the 21 county codes of data/counties.csv")
    else:
        if row["lan"] != county.lan:
            problems.append(
                f"lan {row['lan'][:60]!r} is not {county.lan!r}, the name data/counties.csv gives {county.lan_kod}"
            )
        if row["iso_3166_2"] != county.iso_3166_2:
            problems.append(f"iso_3166_2 {row['iso_3166_2'][:20]!r} is not {county.iso_3166_2!r} (data/counties.csv)")
    if row["org_type"] not in ORG_TYPES:
        problems.append(f"unknown org_type {row['org_type'][:40]!r} (one of {', '.join(ORG_TYPES)})")
    if not PERIOD_RE.fullmatch(row["period"]):
        problems.append(f"period {row['period'][:40]!r} is not YYYY-YYYY")
    if not row["org_name"].strip():
        problems.append("org_name is empty")
    if not [p for p in row["contact_persons"].split(PERSON_SEPARATOR.strip()) if p.strip()]:
        problems.append("contact_persons is empty (at least one person)")
    e164 = normalise_phone(row["phone"])
    if e164 is None:
        problems.append(f"phone {row['phone'][:40]!r} is not a valid Swedish number")
    elif row["phone_e164"] != e164:
        problems.append(
            f"phone_e164 {row['phone_e164'][:40]!r} is not {e164}, the E.164 form of phone {row['phone']!r}"
        )
    if not row["source_url"]:
        problems.append("source_url is empty")
    for col in ("programme_url", "info_url", "source_url"):
        if row[col] and (why := address_problem(row["lan_kod"], row[col])):
            problems.append(f"{col}: {why}")
    if why := iso_date_problem(row["retrieved"], latest=today or dt.date.today()):
        problems.append(f"retrieved: {why}")
    return problems


def table_problems(rows: list[Row]) -> list[str]:
    """What the whole table must hold: one row for each of the 21 counties, all of one period."""
    problems = []
    seen: dict[str, int] = {}
    for row in rows:
        seen[row["lan_kod"]] = seen.get(row["lan_kod"], 0) + 1
    counties = by_code()
    problems += [
        f"{counties[c].lan if c in counties else c} ({c[:10]}): {n} rows (one per county)"
        for c, n in seen.items()
        if n > 1
    ]
    problems += [
        f"{county.lan} ({code}): missing (every county needs one row)"
        for code, county in counties.items()
        if code not in seen
    ]
    periods = sorted({r["period"] for r in rows})
    if len(periods) > 1:
        counts = {p: [r["lan_kod"] for r in rows if r["period"] == p] for p in periods}
        shown = "; ".join(
            f"{p[:20]!r}: {', '.join(c[:10] for c in codes[:5])}{' …' if len(codes) > 5 else ''}"
            for p, codes in counts.items()
        )
        problems.append(f"more than one period ({shown}); the table is one programme period")
    return problems


def read_contacts(path: Path, today: dt.date | None = None) -> list[Row]:
    """Read a contacts CSV, every value as NFC text; raises ContactsError listing every problem by county
    (row_problems and table_problems).

    A file saved by Excel (UTF-8 with a byte-order mark) is read too.
    """
    try:
        numbered, problems = read_table(path, COLUMNS)
    except TableError as exc:
        raise ContactsError(f"{path}: {exc}") from exc
    rows: list[Row] = []
    for n, row in numbered:
        rows.append(row)
        county = by_code().get(row["lan_kod"])
        where = (
            f"{county.lan} ({county.lan_kod})"
            if county
            else f"{row['lan'][:60]} ({row['lan_kod'][:10]})"
            if not control_chars(row["lan"] + row["lan_kod"])
            else f"line {n}"
        )
        problems += [f"{where}: {p}" for p in row_problems(row, today)]
    problems += table_problems(rows)
    if problems:
        raise ContactsError(f"{path}: " + "; ".join(problems))
    return rows


def diff_rows(old: list[Row], new: list[Row], ignore: tuple[str, ...] = ("retrieved",)) -> list[str]:
    """Human-readable changes, one line per county and field: ``Län (kod): field: 'old' → 'new'``."""
    old_by, new_by = {r["lan_kod"]: r for r in old}, {r["lan_kod"]: r for r in new}
    lines: list[str] = []
    for code in sorted(old_by.keys() | new_by.keys()):
        o, n = old_by.get(code), new_by.get(code)
        if o is None:
            lines.append(f"{n['lan']} ({code}): added")
            continue
        if n is None:
            lines.append(f"{o['lan']} ({code}): removed")
            continue
        for col in COLUMNS:
            if col in ignore or o.get(col, "") == n[col]:
                continue
            lines.append(f"{n['lan']} ({code}): {col}: {o.get(col, '')!r} → {n[col]!r}")
    return lines
