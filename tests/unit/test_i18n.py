"""geo/i18n.py and geo/i18n.toml: every text a person sees is in the translations, in Swedish and English, and every key
there is used somewhere."""

from __future__ import annotations

import re
import string

import pytest

from geo.data.changelog import FIELDS as LOG_FIELDS
from geo.data.contacts import ORG_TYPES
from geo.data.regiontypes import UR3, UR6
from geo.data.today import SOURCE_KINDS, STATUS_CLASSES, STATUSES, SUPPORT_KINDS
from geo.i18n import LANGS, STRINGS
from geo.paths import ROOT
from geo.render.export import CSV_SEPARATORS
from geo.view.urlstate import PERIODS, SORT_KEYS

# Every module that can name a text: the frame, the pages and every module of geo/ (its sub-folders too)
CODE = sorted(
    [
        ROOT / "app.py",
        *(ROOT / "app_pages").glob("*.py"),
        *(p for p in (ROOT / "geo").rglob("*.py") if p.name != "i18n.py"),
    ]
)
assert len(CODE) > 30, "the glob found the code"
# Keys the code builds from a prefix and a known set of values: t(f"type_{org_type}", ...) and the like.

FAMILIES = {
    "type_": ORG_TYPES,
    "status_class_": STATUS_CLASSES,
    "status_": STATUSES,
    "period_": PERIODS,
    "sort_": SORT_KEYS,
    "csv_sep_": tuple(CSV_SEPARATORS),
    "map_": ("home", "wheel", "touch", "fa_failed"),
    "ur6_": (*UR6, *(f"{u}_one" for u in UR6)),
    "ur3_": UR3,
    "not_found_": ("title", "body", "link"),
    "support_kind_": tuple(SUPPORT_KINDS.values()),
    "source_kind_": SOURCE_KINDS,
    "log_field_": LOG_FIELDS,
}
SOURCE = {path: path.read_text(encoding="utf-8") for path in CODE}


def _literal_keys() -> set[str]:
    return {key for text in SOURCE.values() for key in re.findall(r"""\bt\(\s*["']([A-Za-z0-9_-]+)["']""", text)}


def _family_prefixes() -> set[str]:
    found = set()
    for text in SOURCE.values():
        found |= set(re.findall(r'\bt\(\s*f"([a-z_]+)\{', text))
        found |= set(re.findall(r'\bt\(\s*f"([a-z_]+)\{key\}"', text))
    return found


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = STRINGS[key]
    assert set(entry) == set(LANGS), f"{key}: has {sorted(entry)}, needs {list(LANGS)}"
    fields = {lang: {f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in LANGS}
    assert all(entry[lang].strip() for lang in LANGS), f"{key}: an empty text"
    assert fields["sv"] == fields["en"], f"{key}: placeholders differ {fields}"


def test_every_key_the_code_asks_for_exists():
    missing = sorted(_literal_keys() - set(STRINGS))
    missing += sorted(
        f"{prefix}{value}"
        for prefix, values in FAMILIES.items()
        for value in values
        if f"{prefix}{value}" not in STRINGS
    )
    assert missing == [], f"keys used in the code but missing from geo/i18n.toml: {missing}"


def test_every_key_built_from_a_prefix_is_a_known_family():
    assert _family_prefixes() <= set(FAMILIES), f"unknown key families: {_family_prefixes() - set(FAMILIES)}"


def test_every_key_is_used():
    family_keys = {f"{prefix}{value}" for prefix, values in FAMILIES.items() for value in values}
    quoted = {key for key in STRINGS if any(f'"{key}"' in text or f"'{key}'" in text for text in SOURCE.values())}
    unused = sorted(set(STRINGS) - _literal_keys() - family_keys - quoted)
    assert unused == [], f"keys in geo/i18n.toml that no code uses: {unused}"
