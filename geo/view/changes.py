"""What changed between 2014–2020 and today: who was responsible then, who is now, per county."""

from __future__ import annotations

from ..data.contacts import Row
from ..data.contacts import to_csv as rows_csv
from ..data.today import TODAY_ORG_TYPE, status_class
from .formatting import safe_http_url, type_label

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
