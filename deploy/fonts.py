"""Smaller web fonts for the proxy to serve in place of Streamlit's (made at set-up, in deploy/.build/www).

Measured on the rural link (bench/README.md), fonts were half of the map page's first load: Streamlit's
icon font (Material Symbols, 375 kB as woff2, every one of its 4,000 icons) for the one sidebar arrow
the page shows, and Source Sans (170 kB, with Greek, Cyrillic and Vietnamese) for the first screen
before the app's theme (the phone's own font) arrives. Here:

- the icon font keeps only the icons Streamlit's front end and Python code name (``:material/<name>:``)
  and any our code names; an icon missing from it would show as its name in plain text, and
  tests/test_proxy.py checks that every named icon is kept;
- the text fonts (Source Sans, Source Serif, Source Code) keep Basic Latin, Latin-1 and Latin Extended-A
  (Swedish, North Sami, the other Nordic and most European languages) and punctuation; a character outside
  it comes from the next font in the page's list, the phone's own (the app's theme font in any case).

The files keep their names (the content hash of the originals); the proxy's copy changes only when the
installed Streamlit changes, as the names do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ICON_NAME = re.compile(r":material/([a-z0-9_]+):")
ICON_FONT = "MaterialSymbols-*.woff2"
TEXT_FONTS = ("SourceSans*.woff2", "SourceSerif*.woff2", "SourceCode*.woff2")
# Basic Latin, Latin-1 and Latin Extended-A (Swedish, the North Sami letters, the other Nordic and most
# European languages), general punctuation, currency signs and the replacement mark. The app's theme uses the
# phone's own font, so this one only draws the first screen; anything outside it falls back to that font.
LATIN = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070), *range(0x20A0, 0x20C1), 0xFFFD]


def icon_names(paths: Iterable[Path]) -> set[str]:
    """Every ``:material/<name>:`` written in these files (JavaScript bundles, Python sources)."""
    names: set[str] = set()
    for path in paths:
        names |= set(ICON_NAME.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def _ligatures(font: TTFont):
    """(first glyph, Ligature) for every ligature in the font's GSUB table."""
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)
            for first, ligs in getattr(table, "ligatures", {}).items():
                for lig in ligs:
                    yield table, first, lig


def kept_icons(font: TTFont) -> set[str]:
    """The icon names a (subset) icon font still spells, as text, with its ligatures."""
    glyph_char = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    return {"".join(glyph_char.get(g, "\0") for g in [first, *lig.Component]) for _, first, lig in _ligatures(font)}


def subset_icon_font(src: Path, dest: Path, names: set[str]) -> set[str]:
    """Write ``dest``: ``src`` with only the ligatures that spell ``names``; returns the names kept."""
    font = TTFont(src)
    glyph_char = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    for table, first, lig in list(_ligatures(font)):
        if "".join(glyph_char.get(g, "\0") for g in [first, *lig.Component]) not in names:
            table.ligatures[first].remove(lig)
    for table in {id(t): t for t, _, _ in _ligatures(font)}.values():
        table.ligatures = {k: v for k, v in table.ligatures.items() if v}
    # the letters that spell the names, not the private-use code points that also reach every icon
    letters = sorted({ord(c) for name in names for c in name})
    options = subset.Options(layout_features=["*"], flavor="woff2", name_IDs=["*"], notdef_outline=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=[lig.LigGlyph for _, _, lig in _ligatures(font)], unicodes=letters)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(dest)
    return kept_icons(TTFont(dest))


def subset_text_font(src: Path, dest: Path) -> None:
    """Write ``dest``: ``src`` with the Latin script only (variable axes and layout features kept)."""
    font = TTFont(src)
    options = subset.Options(layout_features=["*"], flavor="woff2", name_IDs=["*"], notdef_outline=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=LATIN)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(dest)


def slim_fonts(media: Path, sources: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Replace, in place, the fonts in ``media`` (a copy of Streamlit's static/media) by their subsets;
    ``sources`` are the files whose icon names are kept. Returns ``{file: (bytes before, bytes after)}``."""
    sizes: dict[str, tuple[int, int]] = {}
    names = icon_names(sources)
    for path in sorted(media.glob(ICON_FONT)):
        before = path.stat().st_size
        tmp = path.with_name(path.name + ".tmp")
        missing = names - subset_icon_font(path, tmp, names) - _unknown_icons(path, names)
        if missing:
            raise RuntimeError(f"{path.name}: the subset lost icons {sorted(missing)}")
        tmp.replace(path)
        sizes[path.name] = (before, path.stat().st_size)
    for pattern in TEXT_FONTS:
        for path in sorted(media.glob(pattern)):
            before = path.stat().st_size
            tmp = path.with_name(path.name + ".tmp")
            subset_text_font(path, tmp)
            tmp.replace(path)
            sizes[path.name] = (before, path.stat().st_size)
    return sizes


def _unknown_icons(path: Path, names: set[str]) -> set[str]:
    """Names that the full font has no icon for either (placeholders in docstrings, say)."""
    return names - kept_icons(TTFont(path))
