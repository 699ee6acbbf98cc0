"""Every text a person sees, in Swedish (the default) and English: the translations live in geo/i18n.toml
(data, one table per key), read once; ``t(key, lang, **fields)`` gives one."""

from __future__ import annotations

import tomllib
from pathlib import Path

LANGS = ("sv", "en")
# Each language by its own name, whatever the page's language (the language switch)
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}
DEFAULT_LANG = "sv"
TRANSLATIONS = Path(__file__).with_name("i18n.toml")

with open(TRANSLATIONS, "rb") as _fh:
    STRINGS: dict[str, dict[str, str]] = tomllib.load(_fh)


def t(key: str, lang: str, **kwargs: object) -> str:
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**kwargs) if kwargs else text
