"""The data's change log (``data/changelog.csv``): what each build changed in the facts.

Each ``python -m geo build`` compares the facts it is about to write (today's region, support page and
programme, and the 2014–2020 table) with the GeoPackage it replaces, county by county and field by field,
and appends one line per changed value: the build's time, its day, the county, the field, the old and the
new value, and the source the new value was read on. A build that changes nothing appends nothing. The file
is append-only: a build refuses a log that no longer begins with the entries the GeoPackage it replaces
carries (an edited or shortened history). The whole log also goes into the GeoPackage (layer ``changelog``),
so the app, the first view and the feed read the version of the log that belongs to the data they serve.

Not logged: the days a fact was checked or retrieved, and what the monthly link check finds (its marks are
on the cards); those change at every check without the fact changing.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pyogrio

from .atomic import write_text_atomic
from .contacts import Row, to_csv
from .counties import by_code
from .today import ROW_COLUMNS as TODAY_COLUMNS
from .validate import TableError, field_problem, read_table, url_problem

COLUMNS = ("built_at", "date", "lan_kod", "lan", "field", "old", "new", "source")
LAYER = "changelog"
FILE_NAME = "changelog.csv"
# The facts compared, in the card's order: today's first, then the 2014–2020 table's.
HISTORY_FIELDS = ("org_type", "org_name", "phone", "contact_persons", "programme_url", "info_url")
TODAY_FIELDS = tuple(c for c in TODAY_COLUMNS if c != "today_checked")
FIELDS = TODAY_FIELDS + HISTORY_FIELDS
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")


class ChangelogError(ValueError):
    """The change log breaks its contract (or is no longer append-only); ``problems`` lists each one."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def entry_problems(entry: Row) -> list[str]:
    """Why an entry of the log is refused ([] when it is fine): the same rules for the file and the layer."""
    problems = []
    try:
        when = dt.datetime.fromisoformat(entry["built_at"])
        if when.tzinfo is None:
            problems.append(f"built_at {entry['built_at']!r} has no time zone")
        elif when.date().isoformat() != entry["date"]:
            problems.append(f"date {entry['date']!r} is not built_at's day")
    except ValueError:
        problems.append(f"built_at {entry['built_at'][:40]!r} is not an ISO date and time")
    if entry["lan_kod"] not in by_code():
        problems.append(f"lan_kod {entry['lan_kod'][:10]!r} is not one of the 21")
    if not _FIELD_NAME.fullmatch(entry["field"]):
        problems.append(f"field {entry['field'][:40]!r} is not a column name")
    for col in ("lan", "old", "new"):
        if why := field_problem(entry[col]):  # markup is kept as text (the 2014–2020 table may hold it)
            problems.append(f"{col} {why}")
    if entry["source"] and (why := url_problem(entry["source"])):
        problems.append(f"source {why}")
    if entry["old"] == entry["new"]:
        problems.append("old and new are the same")
    return problems


def read_changelog(path: Path) -> list[Row]:
    """The log's entries in file order ([] when there is no file yet); raises ChangelogError."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        numbered, problems = read_table(path, COLUMNS)
    except TableError as exc:
        raise ChangelogError(path, [str(exc)]) from exc
    problems += [f"line {n}: {p}" for n, row in numbered for p in entry_problems(row)]
    if problems:
        raise ChangelogError(path, problems)
    return [row for _, row in numbered]


def previous_facts(gpkg: Path) -> tuple[dict[str, Row], list[Row]] | None:
    """The facts and the log of the GeoPackage a build replaces: ``(rows by county, log entries)``, or None
    when there is none to compare with (no file, or one that cannot be read: then nothing is logged). Only
    the columns it has are read: a field added since is no change."""
    gpkg = Path(gpkg)
    if not gpkg.exists():
        return None
    try:
        layers = {name for name, _ in pyogrio.list_layers(gpkg)}
        counties = pyogrio.read_dataframe(gpkg, layer="counties", read_geometry=False)
        log = pyogrio.read_dataframe(gpkg, layer=LAYER, read_geometry=False) if LAYER in layers else None
    except Exception:  # an unreadable file (pyogrio raises several types): nothing to compare with
        return None
    wanted = dict.fromkeys(("lan_kod", "lan", *FIELDS, "source_url", "today_source_url"))
    cols = [c for c in wanted if c in counties.columns]
    rows = {
        str(r["lan_kod"]): {c: "" if r[c] is None else str(r[c]) for c in cols}
        for r in counties[cols].to_dict("records")
    }
    entries = [] if log is None else [{c: str(r.get(c) or "") for c in COLUMNS} for r in log.to_dict("records")]
    return rows, entries


def changes(old: dict[str, Row], new: list[Row], built_at: str) -> list[Row]:
    """One entry per county and field whose value differs between ``old`` (by county) and ``new``; a county or
    field that ``old`` lacks is not compared."""
    entries = []
    for row in sorted(new, key=lambda r: r["lan_kod"]):
        before = old.get(row["lan_kod"])
        if before is None:
            continue
        for field in FIELDS:
            if field not in before or before[field] == row[field]:
                continue
            source = row.get("today_source_url", "") if field.startswith("today_") else row.get("source_url", "")
            entries.append(
                {
                    "built_at": built_at,
                    "date": built_at[:10],
                    "lan_kod": row["lan_kod"],
                    "lan": row["lan"],
                    "field": field,
                    "old": before[field],
                    "new": row[field],
                    "source": source,
                }
            )
    return entries


def continued(path: Path, history: list[Row], served: list[Row]) -> list[Row]:
    """The log to continue: the file's entries, which must begin with those the GeoPackage being replaced
    carries (raises ChangelogError). A file that lacks only the last of them (its write failed after the
    data's) gets them back from the data."""
    if len(served) > len(history) and served[: len(history)] == history:
        return served
    if history[: len(served)] != served:
        kept = next((i for i, (a, b) in enumerate(zip(history, served)) if a != b), min(len(history), len(served)))
        raise ChangelogError(
            path,
            [
                f"it is append-only, but it no longer begins with the {len(served)} entries of the data it "
                f"replaces (they differ from entry {kept + 1} on); restore it (git checkout {path.name}) "
                "and build again"
            ],
        )
    return history


def write_changelog(path: Path, entries: list[Row]) -> None:
    """The whole log, written atomically (the build appends by writing the old entries and the new)."""
    write_text_atomic(path, to_csv(entries, COLUMNS))
