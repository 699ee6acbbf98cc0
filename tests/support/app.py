"""Helpers for the AppTest tier: the app run with a URL's parameters, its HTML elements by class, its URL."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from geo.paths import ROOT

APP = str(ROOT / "app.py")
# Markup, script and Markdown in a data value: every tier shows it as text
HOSTILE = '<img src=x onerror="alert(1)"> `${alert(2)}` **bold** [x](javascript:alert(4))'


def run_app(params: dict | None = None, env_gpkg=None, monkeypatch=None) -> AppTest:
    """app.py run once with ``params`` as the URL's query (and RSP_GPKG set to ``env_gpkg``); no exception."""
    if env_gpkg is not None:
        monkeypatch.setenv("RSP_GPKG", str(env_gpkg))
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def html_of(at: AppTest, css_class: str) -> list[str]:
    """The st.html elements whose HTML has an element of class ``css_class`` (among its classes)."""
    pattern = re.compile(rf'class="(?:[^"]* )?{re.escape(css_class)}(?: [^"]*)?"')
    return [h.value for h in at.html if pattern.search(h.value)]


def params_of(at: AppTest) -> dict:
    return dict(at.query_params.items())
