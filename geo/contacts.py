"""The contact table: its columns, reading and atomic writing, and change reports."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .atomic import write_text_atomic
from .validate import TableError, control_chars, field_problem, read_table

COLUMNS = (
    "period", "lan_kod", "lan", "iso_3166_2", "org_type", "org_name", "phone", "phone_e164",
    "contact_persons", "programme_url", "info_url", "source_url", "retrieved",
)
ORG_TYPES = ("lansstyrelse", "region", "samverkansorgan")
PERSON_SEPARATOR = "; "

Row = dict[str, str]


class ContactsError(ValueError):
    """The contact table cannot be read or does not follow the data contract."""


def to_csv(rows: list[Row], columns: tuple[str, ...] = COLUMNS, lineterminator: str = "\n", delimiter: str = ",") -> str:
    """The given columns (by default the contract's), the rows in the order given.

    Values are quoted when they hold the delimiter, a quote or any character of the terminator; the
    data file uses ``\n`` (its values never hold CR or LF: the validation refuses control characters),
    downloads use ``\r\n`` so that a stray CR or LF in a value is always quoted.
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator=lineterminator, quoting=csv.QUOTE_MINIMAL,
                            delimiter=delimiter)
    writer.writeheader()
    writer.writerows({c: row[c] for c in columns} for row in rows)
    return buf.getvalue()


def write_contacts(rows: list[Row], path: Path) -> None:
    """The contact table file: rows by county code, written atomically."""
    write_text_atomic(path, to_csv(sorted(rows, key=lambda r: r["lan_kod"])))


PERIOD_RE = re.compile(r"\d{4}-\d{4}")


def row_problems(row: Row) -> list[str]:
    """What the contract forbids in one row's values (without the county prefix)."""
    problems = [f"{col} {why}" for col in COLUMNS if (why := field_problem(row[col]))]
    if row["org_type"] not in ORG_TYPES:
        problems.append(f"unknown org_type {row['org_type']!r} (one of {', '.join(ORG_TYPES)})")
    if not PERIOD_RE.fullmatch(row["period"]):
        problems.append(f"period {row['period'][:40]!r} is not YYYY-YYYY")
    if not re.fullmatch(r"\d\d", row["lan_kod"]):
        problems.append(f"lan_kod {row['lan_kod'][:10]!r} is not two digits")
    return problems


def read_contacts(path: Path) -> list[Row]:
    """Read a contacts CSV, every value as NFC text; raises ContactsError listing every problem by county.

    A file saved by Excel (UTF-8 with a byte-order mark) is read too.
    """
    try:
        numbered, problems = read_table(path, COLUMNS)
    except TableError as exc:
        raise ContactsError(f"{path}: {exc}") from exc
    rows: list[Row] = []
    for n, row in numbered:
        rows.append(row)
        where = f"{row['lan'][:60]} ({row['lan_kod'][:10]})" if not control_chars(row["lan"]) else f"line {n}"
        problems += [f"{where}: {p}" for p in row_problems(row)]
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
