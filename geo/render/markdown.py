"""Our own Markdown texts (the About page's, from geo/i18n.toml) as HTML: one renderer for the live page and the
first view, markdown-it-py's CommonMark with raw HTML off (markup in the text is shown as text) and its link
check (no ``javascript:``). Never used on data."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False, "typographer": False})


@lru_cache(maxsize=16)
def markdown_html(text: str) -> str:
    """``text`` as HTML inside ``<div class="rsp-md">`` (geo/render/styles.py sizes its headings)."""
    return f'<div class="rsp-md">{_MD.render(text.strip())}</div>'
