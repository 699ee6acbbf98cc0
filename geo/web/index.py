"""Streamlit's index page, where the first view goes: a seam with the installed Streamlit (tests check that its
index.html still has every marker ``inject`` needs, and ``index_problems`` names any that went missing)."""

from __future__ import annotations

import re

from ..data.model import Model
from ..render.firstview import body_html, head_html
from ..view.pages import Request

INDEX_LANG = re.compile(r'<html lang="[^"]*">')
INDEX_TITLE = "<title>Streamlit</title>"
INDEX_ICON = re.compile(r'<link rel="shortcut icon" href="\./favicon\.png"\s*/?>')
INDEX_BODY = "<body>"
# Streamlit's stylesheet blocks rendering where it stands: moved from the head to after the first view, it
# holds back only Streamlit's own page (Chrome renders what comes before a stylesheet in the body).
INDEX_STYLESHEET = re.compile(r'<link rel="stylesheet"[^>]*href="\./static/css/index\.[\w-]+\.css"[^>]*>')


def index_problems(index: str) -> list[str]:
    """The markers ``inject`` needs that this index page lacks ([] when all are there)."""
    return [
        name
        for name, found in (
            ("<html lang>", INDEX_LANG.search(index)),
            ("<title>", INDEX_TITLE in index),
            ("favicon link", INDEX_ICON.search(index)),
            ("<body>", INDEX_BODY in index),
            ("stylesheet", INDEX_STYLESHEET.search(index)),
        )
        if not found
    ]


def inject(index: str, req: Request, model: Model, origin: str, base: str) -> str | None:
    """Streamlit's index page with the view's head and first view; None when a marker is missing."""
    if index_problems(index):
        return None
    page = INDEX_LANG.sub(f'<html lang="{req.state.lang}">', index, count=1)
    page = INDEX_ICON.sub("", page, count=1)
    page = page.replace(INDEX_TITLE, head_html(req, model, origin, base), 1)
    sheet = INDEX_STYLESHEET.search(page)
    after = ""
    if sheet and sheet.start() < page.index(INDEX_BODY):
        page, after = page[: sheet.start()] + page[sheet.end() :], sheet.group(0)
    return page.replace(INDEX_BODY, INDEX_BODY + body_html(req, model) + after, 1)
