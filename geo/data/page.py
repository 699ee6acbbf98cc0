"""Read Tillväxtverket's *Regional samordning* page (plain text or saved HTML) into lines.

The page is reduced to a list of :class:`Line` objects — the text a browser shows, one block per
line, with the link addresses of that line (HTML only) and whether the line was a heading.
The parser in :mod:`geo.ingest` works on lines, so both input kinds share one code path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser

from ..rules import MAX_LINES  # limits that keep ingest bounded


class PageTooLarge(ValueError):
    """The input is far larger than the page; the message says how large and what was expected."""


# Runs of ordinary white space: spaces (every Unicode space separator), tabs and line breaks. Control and
# format characters (VT, FF, ESC, NUL, U+2028, U+202E …) are not white space here: they stay in the text,
# and the validation refuses them by name instead of letting them vanish.
_SPACE_RUN = re.compile(r"[ \t\r\n\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def collapse(text: str) -> str:
    return _SPACE_RUN.sub(" ", text).strip(" ")


# The screen-reader suffix the page appends to external link texts.
LINK_SUFFIX_RE = re.compile(r"länk till annan webbplats(?:,\s*öppnas i nytt fönster)?", re.IGNORECASE)

_HTML_START_RE = re.compile(r"\A\s*(?:\ufeff)?\s*(?:<!doctype|<html|<\?xml|<head|<body|<!--)", re.IGNORECASE)
_HTML_BLOCK_CLOSE_RE = re.compile(r"</(?:p|div|h[1-6]|li|body|html|section|article)\s*>", re.IGNORECASE)


@dataclass
class Link:
    text: str
    href: str


@dataclass
class Line:
    text: str
    links: list[Link] = field(default_factory=list)
    heading: int = 0  # 1-6 for an HTML heading, 0 otherwise

    @cached_property
    def clean(self) -> str:
        """The text without the link suffix, whitespace collapsed (computed once: the parser asks often)."""
        return collapse(LINK_SUFFIX_RE.sub(" ", self.text))


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START_RE.match(text) or _HTML_BLOCK_CLOSE_RE.search(text))


def _check_line_count(n: int) -> None:
    if n > MAX_LINES:
        raise PageTooLarge(
            f"the page has more than {MAX_LINES:,} lines; Tillväxtverket's page has a few hundred. "
            "Is this the right file?"
        )


def text_lines(text: str) -> list[Line]:
    """One line per line break: CR LF, LF or a lone CR (old Mac files)."""
    text = text.replace("\ufeff", "")
    _check_line_count(len(_LINE_BREAK.findall(text)))
    return [Line(raw) for raw in _LINE_BREAK.split(text)]


_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "form",
    "address",
    "body",
    "html",
}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "svg"}


class _LineBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self._text: list[str] = []
        self._links: list[Link] = []
        self._heading_level = 0
        self._line_is_heading = 0
        self._skip_depth = 0
        self._anchor: tuple[str, list[str]] | None = None

    # line handling -------------------------------------------------------------------------
    def _flush(self, blank_after: bool) -> None:
        text = collapse("".join(self._text))
        if text or self._links:
            self.lines.append(Line(text, self._links, self._line_is_heading))
            _check_line_count(len(self.lines))
        if blank_after and self.lines and self.lines[-1].text != "":
            self.lines.append(Line(""))
        self._text, self._links = [], []
        self._line_is_heading = self._heading_level

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
            return
        if self._skip_depth:
            return
        if tag in _BLOCK_TAGS:
            self._flush(blank_after=True)
        if tag in _HEADING_TAGS:
            self._heading_level = int(tag[1])
            self._line_is_heading = self._heading_level
        if tag == "br":
            self._flush(blank_after=False)
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self._anchor = (href.strip(), [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._skip_depth:
            self._flush(blank_after=False)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if self._skip_depth:
            return
        if tag == "a" and self._anchor is not None:
            href, parts = self._anchor
            self._links.append(Link(collapse("".join(parts)), href))
            self._anchor = None
        if tag in _BLOCK_TAGS:
            self._flush(blank_after=True)
        if tag in _HEADING_TAGS:
            self._heading_level = 0
            self._line_is_heading = 0

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        self._text.append(data)
        if self._anchor is not None:
            self._anchor[1].append(data)

    def close(self) -> None:
        super().close()
        self._flush(blank_after=False)


def html_lines(html: str) -> list[Line]:
    builder = _LineBuilder()
    builder.feed(html)
    builder.close()
    return builder.lines


def read_page(text: str) -> tuple[list[Line], str]:
    """Return the page's lines and its kind, ``"html"`` or ``"text"``."""
    if looks_like_html(text):
        return html_lines(text), "html"
    return text_lines(text), "text"
