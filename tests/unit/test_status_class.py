"""One rule decides a county's class in the today view (geo/data/today.py status_class: the programme's status
alone; a period not stated is a fact on the card, not a class), and every rendering says the same: the map's
data, the legend, the card, the list under the map (and print), the downloads and the first view's SVG."""

from __future__ import annotations

import re

import pytest
from support.data import app_model
from support.firstview import view

from geo.data.today import status_class
from geo.render.card import card_html, legend_html, matching_list_html
from geo.render.export import download_records
from geo.render.mapview import counties_geojson
from geo.render.palette import STATUS_COLOURS
from geo.view.formatting import status_class_label
from geo.view.rows import legend_counts

MODEL = app_model()
CLASS_OF = {r["lan_kod"]: status_class(r) for r in MODEL.rows}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_rendering_gives_each_county_the_same_class(lang):
    geojson = {
        f["properties"]["lan_kod"]: f["properties"]["status"] for f in counties_geojson(MODEL.counties)["features"]
    }
    assert geojson == CLASS_OF
    listing = matching_list_html(MODEL.rows, lang, "idag")
    names, records = download_records(MODEL.rows, lang)
    downloads = {r["lan_kod"]: (r["today_map_class"], r["today_map_class_label"]) for r in records}
    _, _, body = view("/", lang=lang)
    fills = dict(re.findall(r'<a data-lan="(\d\d)"[^>]*><path d="[^"]+" fill="(#[0-9A-Fa-f]{6})"', body))
    for code, key in CLASS_OF.items():
        label = status_class_label(key, lang)
        row = MODEL.by_code[code]
        assert f'data-class="{key}"' in card_html(row, lang) and label in card_html(row, lang), code
        assert re.search(rf'data-lan="{code}"><strong>[^<]*</strong>: [^<]*\({re.escape(label)}\)</li>', listing), code
        assert downloads[code] == (key, label) and fills[code] == STATUS_COLOURS[key], code
    counts = legend_counts(MODEL.rows, "idag")
    assert counts == {k: list(CLASS_OF.values()).count(k) for k in counts} and sum(counts.values()) == 21
    assert "today_map_class" in names


def test_orebro_adopted_without_a_stated_period_is_adopted_everywhere():
    row = MODEL.by_code["18"]
    assert (row["today_programme_status"], row["today_programme_period"]) == ("adopted", "")
    assert CLASS_OF["18"] == "adopted"
    card = card_html(row, "sv")
    assert "Antaget program" in card and "Period ej angiven · Antaget 2021-02-17" in card
    # the legend's other class never reads like Örebro's card
    legend = legend_html(legend_counts(MODEL.rows, "idag"), "sv", "idag")
    assert "Program finns, ej daterat" in legend and "angiven period" not in legend
