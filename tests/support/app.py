"""Helpers for the AppTest tier: the app run with a URL's parameters, its HTML elements by class, its URL."""

from __future__ import annotations

import re

from hypothesis import strategies as st
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


# Random addresses: every parameter the app reads and some it does not, with values a person, a crawler or an
# attacker might send (the AppTest tier runs a few through the whole app, the unit tier many more)
QUERY_VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "25",
            "08",
            "1",
            "99",
            "en",
            "sv",
            "region",
            "lansstyrelse,region",
            ";;",
            "2023",
            "%00",
            "<script>",
            "org",
            "typ",
            "idag",
            "2014-2020",
        ]
    ),
    st.text(alphabet="0123456789,;", max_size=12),
)
QUERY_PARAMS = st.dictionaries(
    st.sampled_from(["lan", "typ", "lang", "kommun", "q", "sort", "period", "x", "LAN"]),
    st.lists(QUERY_VALUES, min_size=1, max_size=3),
    max_size=4,
)
