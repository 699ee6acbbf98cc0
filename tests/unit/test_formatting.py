"""geo/formatting.py: values as a person reads them (addresses, phones, periods, types)."""

from __future__ import annotations

import pytest

from geo.view.formatting import safe_http_url


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://a.se/x", True),
        ("http://a.se", True),
        ("javascript:alert(1)", False),
        ("//a.se", False),
        ('https://a.se/"onmouseover=x', False),
        ("data:text/html,x", False),
        ("", False),
    ],
)
def test_safe_http_url(url, ok):
    assert (safe_http_url(url) is not None) is ok
