"""What changed between 2014–2020 and today: who was responsible then, who is now, per county."""

from __future__ import annotations

from ..data.contacts import Row
from ..data.contacts import to_csv as rows_csv
from ..data.today import TODAY_ORG_TYPE, status_class
from ..i18n import STRINGS, t
from .formatting import safe_http_url, source_kind_label, status_label, type_label

# The comparison's columns (also the CSV download's).
COLUMNS = (
    "lan_kod",
    "lan",
    "org_type_2014_2020",
    "org_name_2014_2020",
    "org_type_today",
    "org_name_today",
    "type_changed",
    "support_url_today",
    "programme_status_today",
    "programme_url_today",
)


def comparison(rows: list[Row]) -> list[Row]:
    """All counties, in the order given, with the responsible organisation then and now."""
    return [
        {
            "lan_kod": r["lan_kod"],
            "lan": r["lan"],
            "org_type_2014_2020": r["org_type"],
            "org_name_2014_2020": r["org_name"],
            "org_type_today": TODAY_ORG_TYPE,
            "org_name_today": r["today_region"],
            "type_changed": "yes" if r["org_type"] != TODAY_ORG_TYPE else "no",
            "support_url_today": r["today_support_url"],
            "programme_status_today": status_class(r),
            "programme_url_today": r["today_programme_url"],
        }
        for r in rows
    ]


def changed(rows: list[Row]) -> list[Row]:
    """The counties whose responsible organisation's type changed (Länsstyrelse or Samverkansorgan → Region)."""
    return [c for c in comparison(rows) if c["type_changed"] == "yes"]


def to_csv(rows: list[Row]) -> bytes:
    return rows_csv(comparison(rows), COLUMNS).encode("utf-8")


def table_records(comp: list[Row], lang: str) -> list[dict[str, str]]:
    """The comparison as shown: type labels in the UI's language."""
    return [
        {
            "lan": c["lan"],
            "then_type": type_label(c["org_type_2014_2020"], lang),
            "then_org": c["org_name_2014_2020"],
            "now_type": type_label(c["org_type_today"], lang),
            "now_org": c["org_name_today"],
            "now_support": safe_http_url(c["support_url_today"]) or "",
        }
        for c in comp
    ]


# --- the data's change log (geo/data/changelog.py): what each build changed ------------------------------

LOG_BUILDS_SHOWN = 10  # the page shows the latest builds that changed something; the feed carries more
FEED_BUILDS = 50


def log_builds(entries: tuple[Row, ...] | list[Row], limit: int = LOG_BUILDS_SHOWN) -> list[tuple[str, list[Row]]]:
    """The log's entries grouped by the build that made them, newest build first: ``(built_at, entries)``."""
    groups: dict[str, list[Row]] = {}
    for e in entries:
        groups.setdefault(e["built_at"], []).append(e)
    return sorted(groups.items(), key=lambda item: item[0], reverse=True)[:limit]


def field_label(field: str, lang: str) -> str:
    """A logged field in words ("Aktuellt program: titel"); an unknown one by its column name."""
    key = f"log_field_{field}"
    return t(key, lang) if key in STRINGS else field


def log_value_text(field: str, value: str, lang: str) -> str:
    """A logged value as the card says it: a status or type in words, an empty value as "(tomt)"."""
    if not value:
        return t("log_empty", lang)
    if field == "today_programme_status":
        return status_label(value, lang)
    if field == "org_type":
        return type_label(value, lang)
    if field == "today_source_kind":
        return source_kind_label(value, lang) or value
    return value
