"""Who to contact today: each county's region and its current service programme (``data/today.csv``).

Since 1 January 2019 the region holds regional development in every county, and since 2025 support to
commercial service is applied for at the region (SFS 2024:1243). The file records, per county, the region
and, where a public page showed one, the current programme, each row with its source and checked date.
It is read strictly: any problem names the county and nothing is built from the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .contacts import Row
from .counties import by_code
from .hosts import address_problem
from .validate import TableError, iso_date_problem, read_table, text_problem

COLUMNS = (
    "lan_kod",
    "lan",
    "region",
    "region_url",
    "support_url",
    "support_title",
    "support_kinds",
    "support_era",
    "programme_title",
    "programme_period",
    "programme_status",
    "status_date",
    "programme_url",
    "source_url",
    "source_kind",
    "checked",
)
# The columns as they travel with the 2014–2020 contact columns (GeoPackage, rows, downloads).
PREFIX = "today_"
ROW_COLUMNS = tuple(PREFIX + c for c in COLUMNS if c not in ("lan_kod", "lan"))

STATUSES = ("adopted", "in_force", "draft", "period_not_stated", "not_found")
# How the map groups them ("idag" view): adopted or in force / draft / found, period not stated / not found.
STATUS_CLASSES = ("adopted", "draft", "unstated", "not_found")
STATUS_CLASS = {
    "adopted": "adopted",
    "in_force": "adopted",
    "draft": "draft",
    "period_not_stated": "unstated",
    "not_found": "not_found",
}
# Since 2019 the region is responsible in every county (Lag 2010:630 om regionalt utvecklingsansvar).
TODAY_ORG_TYPE = "region"

# The region's page about applying for support to commercial service: the kinds of support it names (as the
# ordinance names them; Kronoberg's page says "investeringsstöd") and what its own text shows of its age.
SUPPORT_KINDS = {  # as written in the file -> its key in the translations (support_kind_*)
    "servicebidrag": "servicebidrag",
    "hemsändningsbidrag": "hemsandningsbidrag",
    "särskilt driftstöd": "sarskilt_driftstod",
    "investeringsbidrag": "investeringsbidrag",
    "investeringsstöd": "investeringsstod",
}
SUPPORT_ERAS = ("before_2025", "undated")  # before_2025: its text shows the rules before SFS 2024:1243
SUPPORT_FIELDS = ("support_url", "support_title", "support_kinds", "support_era")
KIND_SEPARATOR = "; "
# What kind of page the programme's (or, without one, the region's) facts were read on.
SOURCE_KINDS = ("region", "region_news", "municipality", "local_news")

_PERIOD = re.compile(r"(?:(\d{4})-(\d{4})|-(\d{4})|(\d{4})-)")
_STATUS_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_PROGRAMME_FIELDS = ("programme_title", "programme_period", "status_date", "programme_url")


class TodayError(ValueError):
    """``data/today.csv`` breaks the data contract; ``problems`` lists each one with its county."""

    def __init__(self, path: Path, problems: list[str]):
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def _status_date_problem(value: str) -> str | None:
    if not _STATUS_DATE.fullmatch(value):
        return f"status_date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    try:
        dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        return f"status_date {value!r} is not a real date"
    return None


def _period_problem(value: str) -> str | None:
    m = _PERIOD.fullmatch(value)
    if not m:
        return f"programme_period {value!r} is not YYYY-YYYY, -YYYY or YYYY-"
    if m.group(1) and int(m.group(2)) < int(m.group(1)):
        return f"programme_period {value!r} ends before it starts"
    return None


def row_problems(row: dict[str, str], today: dt.date) -> list[str]:
    """Every problem of one row, without its county prefix."""
    problems: list[str] = []
    for col in COLUMNS:
        why = text_problem(row[col])
        if why:
            problems.append(f"{col} {why}")
    if problems:
        return problems
    if not row["region"].strip():
        problems.append("region is empty")
    for col in ("region_url", "source_url"):
        why = address_problem(row["lan_kod"], row[col]) if row[col] else f"{col} is empty"
        if why:
            problems.append(f"{col}: {why}" if row[col] else why)
    status = row["programme_status"]
    if status not in STATUSES:
        problems.append(f"programme_status {status!r} is not one of {', '.join(STATUSES)}")
    elif status == "not_found":
        problems += [f"{col} must be empty when programme_status is not_found" for col in _PROGRAMME_FIELDS if row[col]]
    else:
        # A programme found without an address of its own is allowed: its source_url is then the evidence.
        if not row["programme_title"].strip():
            problems.append(f"programme_title is empty (programme_status is {status})")
        if row["programme_url"] and (why := address_problem(row["lan_kod"], row["programme_url"])):
            problems.append(f"programme_url: {why}")
        if row["programme_period"] and (why := _period_problem(row["programme_period"])):
            problems.append(why)
        if row["status_date"] and (why := _status_date_problem(row["status_date"])):
            problems.append(why)
        if status == "in_force" and not row["status_date"]:
            problems.append("status_date is empty (in_force needs the date it took effect)")
    problems += _support_problems(row)
    if row["source_kind"] not in SOURCE_KINDS:
        problems.append(f"source_kind {row['source_kind']!r} is not one of {', '.join(SOURCE_KINDS)}")
    if why := iso_date_problem(row["checked"], latest=today):
        problems.append(f"checked: {why}")
    return problems


def support_kinds(value: str) -> list[str]:
    """``"servicebidrag; hemsändningsbidrag"`` → the kinds, in the order the page names them."""
    return [k.strip() for k in value.split(KIND_SEPARATOR.strip()) if k.strip()]


def _support_problems(row: dict[str, str]) -> list[str]:
    """A support page is all four fields or none (none found: the card shows the region's website)."""
    if not row["support_url"]:
        return [f"{col} must be empty when support_url is empty" for col in SUPPORT_FIELDS[1:] if row[col]]
    problems = []
    if why := address_problem(row["lan_kod"], row["support_url"]):
        problems.append(f"support_url: {why}")
    if not row["support_title"].strip():
        problems.append("support_title is empty (support_url is set)")
    kinds = support_kinds(row["support_kinds"])
    if not kinds:
        problems.append("support_kinds is empty (support_url is set)")
    problems += [
        f"support_kinds: {k!r} is not one of {', '.join(SUPPORT_KINDS)}" for k in kinds if k not in SUPPORT_KINDS
    ]
    if row["support_era"] not in SUPPORT_ERAS:
        problems.append(f"support_era {row['support_era']!r} is not one of {', '.join(SUPPORT_ERAS)}")
    return problems


def read_today(path: Path, today: dt.date | None = None) -> list[Row]:
    """Read and validate the file; every value text, NFC-normalised. Raises TodayError listing all problems."""
    path = Path(path)
    try:
        numbered, problems = read_table(path, COLUMNS)
    except TableError as exc:
        raise TodayError(path, [str(exc)]) from exc
    counties = by_code()
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for n, row in numbered:
        row = {k: v.strip() for k, v in row.items()}
        code = row["lan_kod"]
        county = counties.get(code)
        where = f"{county.lan} ({code})" if county else f"line {n}"
        if county is None:
            problems.append(f"{where}: unknown county code {code!r} (two digits, e.g. 01)")
            continue
        if code in seen:
            problems.append(f"{where}: listed twice (lines {seen[code]} and {n})")
            continue
        seen[code] = n
        if row["lan"] != county.lan:
            problems.append(f"{where}: lan is {row['lan']!r}, expected {county.lan!r}")
        problems += [f"{where}: {p}" for p in row_problems(row, today or dt.date.today())]
        rows.append(row)
    for code in sorted(set(counties) - set(seen)):
        problems.append(f"{counties[code].lan} ({code}): missing (every county needs one row)")
    if problems:
        raise TodayError(path, problems)
    return sorted(rows, key=lambda r: r["lan_kod"])


def as_row_columns(row: Row) -> Row:
    """A today row under its prefixed column names (``today_region`` …), without the join key and name."""
    return {PREFIX + c: row[c] for c in COLUMNS if c not in ("lan_kod", "lan")}


def today_row_of(row: Row) -> Row:
    """The inverse of as_row_columns: a county row's today's columns under the file's own names."""
    return {
        "lan_kod": row["lan_kod"],
        "lan": row["lan"],
        **{c: row[PREFIX + c] for c in COLUMNS if c not in ("lan_kod", "lan")},
    }


def same_body_today(row: Row) -> bool:
    """Whether the 2014–2020 organisation is today's region, the same legal body (every 2014–2020 Region:
    Landstinget Västernorrland and Gotlands kommun are the regions renamed). A Länsstyrelse or Kalmar's
    Regionförbundet no longer answers for this, so its old number is history, not a number to call."""
    return row.get("org_type") == TODAY_ORG_TYPE


def status_class(row: Row) -> str:
    """The map's class of a county row carrying the prefixed columns: its programme's status alone decides it
    (adopted or in force, draft, found without title, period or date, not found). A period the sources do not
    state is shown as a fact on the card ("Period ej angiven") and does not change the class: the map, the
    legend, the card, the lists, print, the downloads and the first view all use this one rule."""
    return STATUS_CLASS.get(row.get(PREFIX + "programme_status", ""), "not_found")
