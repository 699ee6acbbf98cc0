"""geo/urlstate.py: the view state in the URL (parse, to_params) and the page paths."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from support.app import QUERY_PARAMS
from support.data import app_model

from geo.data.contacts import read_contacts
from geo.paths import CONTACTS_CSV
from geo.render.firstview import body_html
from geo.view.pages import request_of
from geo.view.urlstate import ViewState, parse, to_params

CODES = [r["lan_kod"] for r in read_contacts(CONTACTS_CSV)]


KOMMUN = {"2023": "20", "1480": "14", "1880": "18"}


@pytest.mark.parametrize(
    "params, state, dropped",
    [
        ({}, ViewState(), []),
        ({"lan": ["25"]}, ViewState(lan="25"), []),
        ({"lan": ["8"]}, ViewState(lan="08"), []),
        ({"lan": ["99"]}, ViewState(), ["lan"]),
        ({"lan": ["<script>"]}, ViewState(), ["lan"]),
        ({"lan": ["25", "01"]}, ViewState(lan="01"), []),
        ({"lan": ["x" * 10_000]}, ViewState(), ["lan"]),
        # a type filter without a period is a link from before the period switch: 2014–2020
        ({"typ": ["lansstyrelse"]}, ViewState(typ=("lansstyrelse",), period="2014-2020"), []),
        ({"typ": ["region,lansstyrelse"]}, ViewState(typ=("lansstyrelse", "region"), period="2014-2020"), []),
        ({"typ": [";;"]}, ViewState(), ["typ"]),
        ({"typ": ["region,foo"]}, ViewState(typ=("region",), period="2014-2020"), ["typ"]),
        ({"typ": ["region"], "period": ["idag"]}, ViewState(typ=("region",), period="idag"), []),
        ({"period": ["2014-2020"]}, ViewState(period="2014-2020"), []),
        ({"period": ["2014–2020"]}, ViewState(period="2014-2020"), []),
        ({"period": ["IDAG"]}, ViewState(period="idag"), []),
        ({"period": ["1999"]}, ViewState(), ["period"]),
        ({"period": ["<b>"], "typ": ["region"]}, ViewState(typ=("region",)), ["period"]),
        ({"period": [""]}, ViewState(), []),
        ({"typ": [""]}, ViewState(), []),
        ({"lang": ["en"]}, ViewState(lang="en"), []),
        ({"lang": ["EN"]}, ViewState(lang="en"), []),
        ({"lang": ["fi"]}, ViewState(), ["lang"]),
        ({"kommun": ["2023"]}, ViewState(lan="20", kommun="2023"), []),
        ({"kommun": ["2023"], "lan": ["25"]}, ViewState(lan="20", kommun="2023"), []),
        ({"kommun": ["9999"]}, ViewState(), ["kommun"]),
        (
            {"lan": ["08"], "typ": ["samverkansorgan"], "lang": ["en"]},
            ViewState("en", ("samverkansorgan",), "08", period="2014-2020"),
            [],
        ),
        ({"lan": ["25"], "period": ["idag"], "lang": ["en"]}, ViewState("en", (), "25"), []),
    ],
)
def test_parse(params, state, dropped):
    assert parse(params, CODES, KOMMUN) == (state, dropped)


@pytest.mark.parametrize(
    "state, params",
    [
        (ViewState(), {}),
        (ViewState(lan="25"), {"lan": "25"}),
        (
            ViewState(typ=("lansstyrelse", "region"), period="2014-2020"),
            {"typ": "lansstyrelse,region", "period": "2014-2020"},
        ),
        (ViewState(typ=("region",)), {"typ": "region", "period": "idag"}),
        (
            ViewState("en", ("samverkansorgan",), "08", None, period="2014-2020"),
            {"lan": "08", "typ": "samverkansorgan", "lang": "en", "period": "2014-2020"},
        ),
        (ViewState(lan="20", kommun="2023"), {"lan": "20", "kommun": "2023"}),
        (ViewState(lan="25", period="2014-2020"), {"lan": "25", "period": "2014-2020"}),
        (ViewState(lang="en", lan="25"), {"lan": "25", "lang": "en"}),
    ],
)
def test_to_params_round_trips(state, params):
    assert to_params(state) == params
    assert parse({k: [v] for k, v in params.items()}, CODES, KOMMUN) == (state, [])


@pytest.mark.parametrize(
    "path, base, expected",
    [
        ("/", "", None),
        ("/kontakter", "", None),
        ("/karta", "", None),
        ("/nope", "", "nope"),
        ("/om/x", "", None),
        ("/rsp/nope", "rsp", "nope"),
        ("/rsp/om", "rsp", None),
        ("/x%00", "", None),
    ],
)
def test_unknown_page(path, base, expected):
    from geo.view.pages import unknown_page

    assert unknown_page(path, base) == expected


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUERY_PARAMS)
def test_random_addresses_give_a_canonical_view_and_a_first_view(params):
    """Any address: the parser keeps what it understands, its canonical address reads back as the same view
    with nothing dropped, and the first view (what the server answers) is made without an error."""
    model = app_model()
    state, dropped = parse(params, model.by_code, model.kommun_lan)
    canonical = to_params(state)
    assert set(canonical) <= {"lan", "typ", "lang", "kommun", "q", "sort", "period", "zoom"}
    assert parse({k: [v] for k, v in canonical.items()}, model.by_code, model.kommun_lan) == (state, [])
    assert set(dropped) <= set(params)
    req = request_of("/", params, model.by_code, model.kommun_lan)
    assert req.state == state
    assert 'id="rsp-first"' in body_html(req, model)
