"""geo/validate.py: the one rule for a web address the data files may hold, and so the cards may link."""

from __future__ import annotations

import pytest

from geo.data.validate import url_problem


@pytest.mark.parametrize(
    "url",
    [
        "https://www.regionstockholm.se/",
        "https://www.regionstockholm.se:443/stod?x=1#a",
        "http://www.lansstyrelsen.se/dalarna",
        "https://örebro.se/",  # a Swedish letter, Unicode form
        "https://xn--rebro-jua.se/",  # the same, IDNA form
        "https://www.region-östergötland.se/",
        "https://x.example/",  # reserved for examples, not private
    ],
)
def test_a_public_address_is_taken(url):
    assert url_problem(url) is None


@pytest.mark.parametrize(
    "url, why",
    [
        ("javascript:alert(1)", "is not an http(s) address"),
        ("data:text/html;base64,PHNjcmlwdD4=", "is not an http(s) address"),
        ("ftp://www.region.se/", "is not an http(s) address"),
        ("https:///path", "is not an http(s) address"),
        ("https://www.regionstockholm.se@evil.example/", "has user info before its host"),
        ("https://user:pass@www.regionstockholm.se/", "has user info before its host"),
        ("http://127.0.0.1/", "is an IP address, not a name"),
        ("http://10.0.0.1/admin", "is an IP address, not a name"),
        ("http://[::1]:8501/", "is an IP address, not a name"),
        ("http://2130706433/", "is an IP address, not a name"),  # 127.0.0.1 as one number
        ("http://0x7f.1/", "is an IP address, not a name"),
        ("http://localhost:8501/", "is not a public domain name"),
        ("http://intranet/", "is not a public domain name"),
        ("https://server.local/", "is a local or private name"),
        ("https://a.b.internal/", "is a local or private name"),
        ("https://router.home.arpa/", "is a local or private name"),
        ("https://www.region%73tockholm.se/", "is percent-encoded"),
        ("https://www.regi\u043enstockholm.se/", "mixes scripts (CYRILLIC, LATIN in 'regi\u043enstockholm')"),
        ("https://www.xn--reginstockholm-yzl.se/", "mixes scripts"),  # the same look-alike in IDNA form
        ("https://\u0440\u0435\u0433\u0438\u043e\u043d.se/", "is not in the Latin script"),
        ("https://www.xn--reginstockholm-x.se/", "is not a valid domain name"),
        ("https://www.regionstockholm.se:99999/", "has an invalid port"),
        ('https://x.example/"><img src=x>', "contains spaces, quotes or control characters"),
        ("https://www.region.se/\r\nX", "contains spaces, quotes or control characters"),
        ("https://-bad-.se/", "is not a public domain name"),
        ("http://[x/", "is not a valid web address"),  # urlsplit raises on it: a problem, never a crash
        ("https://[::1/stod", "is not a valid web address"),
    ],
)
def test_a_deceptive_or_local_address_is_refused_saying_why(url, why):
    problem = url_problem(url)
    assert problem is not None and why in problem, problem


def test_a_host_the_caller_allows_is_taken_although_not_public():
    assert url_problem("http://127.0.0.1:8000/x", allow_hosts=frozenset({"127.0.0.1"})) is None
    assert url_problem("http://user@127.0.0.1:8000/x", allow_hosts=frozenset({"127.0.0.1"})) is not None
