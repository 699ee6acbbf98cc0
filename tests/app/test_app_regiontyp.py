"""Streamlit AppTest for the region-type view: the switch and its URL, the legend, the card's shares, the
search's FA line, the contacts page and its municipality download, the About text."""

from __future__ import annotations

import re

import pytest
from support.app import html_of, params_of, run_app
from support.data import app_model, table_cells

DATA = app_model()


def test_the_switch_has_three_views_and_regiontyp_is_kept_in_the_url():
    at = run_app({"lan": "20"})
    switch = at.button_group(key="w_period")
    assert list(switch.options) == ["Idag", "2014–2020", "Regiontyp"]
    switch.set_value("regiontyp").run()
    assert params_of(at) == {"lan": "20", "period": "regiontyp"}
    assert at.title[0].value == "Var är det landsbygd?"
    assert 'data-period="regiontyp"' in html_of(at, "rsp-legend")[0]
    assert "period=regiontyp" in html_of(at, "rsp-share")[0]
    at.button_group(key="w_period").set_value("idag").run()
    assert params_of(at) == {"lan": "20"}


@pytest.mark.parametrize(
    "lang, title, count",
    [
        ("sv", "Regiontyp, FA-regioner (FA15)", r"(\d+) FA-regioner"),
        ("en", "Region type, FA regions (FA15)", r"(\d+) FA regions"),
    ],
)
def test_the_legend_counts_add_to_60_regions(lang, title, count):
    at = run_app({"period": "regiontyp", "lang": lang})
    legend = html_of(at, "rsp-legend")[0]
    counts = [int(n) for n in re.findall(count, legend)]
    assert title in legend and len(counts) == 6 and sum(counts) == 60


def test_a_link_to_the_view_restores_it_with_the_card_and_its_shares():
    at = run_app({"period": "regiontyp", "lan": "20"})
    card = html_of(at, "rsp-card")[0]
    assert "Dalarnas län" in card and "Regiontyp (FA15):" in card
    share = round(float(DATA.by_code["20"]["area_pct_ur3_3"]))
    assert f"{share} % av ytan i landsbygdsregioner" in card
    assert params_of(at) == {"lan": "20", "period": "regiontyp"}
    # the list under the map names each county's shares in this view
    listing = html_of(at, "rsp-matching")[0]
    assert listing.count("<li") == 21 and "av ytan i" in listing


@pytest.mark.parametrize(
    "lang, line",
    [
        ("sv", "Malung-Sälen: FA-region Malung-Sälen, landsbygdsregion mycket avlägset belägen."),
        ("en", "Malung-Sälen: FA region Malung-Sälen, rural region, very remote."),
    ],
)
def test_kommun_2023_names_its_fa_region_and_type_in_every_view(lang, line):
    for period in ("idag", "regiontyp"):
        at = run_app({"kommun": "2023", "lang": lang, "period": period})
        status = [h.value for h in at.html if 'class="rsp-status"' in h.value]
        assert len(status) == 1 and line in status[0], status


def test_a_typed_municipality_names_its_fa_region():
    at = run_app()
    at.text_input(key="w_kq").input("Storuman").run()
    status = [h.value for h in at.html if 'class="rsp-status"' in h.value][0]
    assert "FA-region Storuman, landsbygdsregion mycket avlägset belägen" in status
    assert params_of(at) == {"lan": "24", "kommun": "2421"}


def test_a_stockholm_municipality_is_metropolitan():
    at = run_app({"kommun": "0180", "lang": "en"})
    status = [h.value for h in at.html if 'class="rsp-status"' in h.value][0]
    assert "FA region Stockholm, metropolitan region" in status


def test_the_contacts_page_has_the_rural_share_and_the_municipality_download():
    at = run_app()
    at.switch_page("app_pages/contacts.py").run()
    today = {r["lan"][0]: r for r in table_cells(html_of(at, "rsp-tables")[0], "rsp-table-today")}
    assert today["Stockholms län"]["rural"][0] == "0 %"
    assert today["Gotlands län"]["rural"][0] == "100 %"
    button = next(b for b in at.get("download_button") if b.proto.label.startswith("Kommuner med FA-region"))
    assert button.proto.label.endswith("(CSV, 290 rader)")


def test_the_about_page_names_the_source_method_version_and_licence():
    for lang, words in (
        ("sv", ("FA15", "Metod:", "EPSG:3006", "Tillväxtanalys", "licens")),
        ("en", ("FA15", "Method:", "EPSG:3006", "Tillväxtanalys", "licence")),
    ):
        at = run_app({"lang": lang})
        at.switch_page("app_pages/about.py").run()
        body = html_of(at, "rsp-md")[0]
        assert all(w in body for w in words), lang
        source = html_of(at, "rsp-source")[0]
        assert "FA15" in source and "tillvaxtverket.se" in source
