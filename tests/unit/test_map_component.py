"""app_pages/_map_component.py, the adapter: every private name, front-end argument and global it relies on
is there in the locked streamlit-folium; a version without one fails with a message that names it. Also
its small interface (the click it reads, the per-run script) and both JavaScript files' syntax."""

from __future__ import annotations

import json
import types

import esprima
import pytest
import streamlit_folium as sf

from app_pages import _map_component as mc
from geo.render.mapview import COUNTY_JS, MapState, map_state


def test_the_locked_streamlit_folium_offers_everything_the_adapter_uses():
    assert mc.problems() == []


def test_the_adapter_passes_only_the_checked_arguments():
    mounted = mc.Mounted("script", "header", "html", [], [], "key")
    assert set(mc.component_kwargs(mounted, {}, 560)) == set(mc.FRONTEND_ARGS) | set(mc.STREAMLIT_ARGS)


def _fake(without: str | None = None, file: str = sf.__file__):
    return types.SimpleNamespace(
        __name__="streamlit_folium", __file__=file, **{n: getattr(sf, n) for n in mc.PRIVATE_FUNCTIONS if n != without}
    )


@pytest.mark.parametrize("name", mc.PRIVATE_FUNCTIONS)
def test_a_version_without_a_private_function_fails_naming_it(name):
    assert mc.problems(_fake(without=name)) == [
        f"streamlit_folium.{name} is gone or not callable (app_pages/_map_component.py renders the map with it)"
    ]


def _frontend(tmp_path, old: str, new: str):
    js = tmp_path / "frontend" / "build" / "static" / "js"
    js.mkdir(parents=True)
    (js / "main.test.js").write_text(mc._frontend_bundle(sf).replace(old, new), encoding="utf-8")
    return _fake(file=str(tmp_path / "__init__.py"))


def test_a_front_end_that_renamed_an_argument_fails_naming_it(tmp_path):
    fake = _frontend(tmp_path, "data.args.feature_group", "data.args.feature_group_to_add")
    assert mc.problems(fake) == [
        "the streamlit_folium front end no longer reads the argument 'feature_group' (data.args.feature_group)"
    ]


def test_a_front_end_without_a_global_the_bridge_uses_fails_naming_it(tmp_path):
    fake = _frontend(tmp_path, "window.__GLOBAL_DATA__", "window.__STATE__")
    assert mc.problems(fake) == [
        "the streamlit_folium front end no longer uses window.__GLOBAL_DATA__ (app_pages/_map_component.js relies on it)"
    ]


def test_a_package_without_a_front_end_fails_saying_so(tmp_path):
    assert mc.problems(_fake(file=str(tmp_path / "__init__.py")))[-1].endswith("to check")


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        ({}, None),
        ({"last_active_drawing": None}, None),
        ({"last_active_drawing": {"properties": {"lan_kod": "25", "click": 3}}}, ("25", 3)),
        ({"last_active_drawing": {"properties": {"action": "sverige", "click": 4}}}, ("sverige", 4)),
        ({"last_active_drawing": {"properties": {"lan_kod": 25, "click": 1}}}, ("25", 1)),
        ({"last_active_drawing": {"properties": {}}}, None),
    ],
)
def test_clicked_reads_the_event_and_its_counter(value, expected):
    assert mc.clicked(value) == expected


def test_the_per_run_script_is_one_call_with_json_that_cannot_close_a_script_element():
    hostile = "</script><script>alert(1)</script>\u2028"
    state = map_state(
        MapState("en", ("region",), "25"),
        [("municipality", {"type": "FeatureCollection", "features": [], "name": hostile})],
    )
    js = mc.update_script(state)
    assert js.startswith("window.rspBridge.update(") and js.endswith(");")
    assert "</script" not in js and "\u2028" not in js
    assert json.loads(js[len("window.rspBridge.update(") : -2]) == state
    esprima.parseScript(js)


@pytest.mark.parametrize("path", [mc.BRIDGE_JS, COUNTY_JS], ids=lambda p: p.name)
def test_the_map_javascript_parses(path):
    esprima.parseScript(path.read_text(encoding="utf-8"))


def test_mount_puts_the_bridge_before_the_map_and_keys_by_content():
    from geo.data.model import load
    from geo.render.mapview import model_map
    from geo.web.assets import leaflet_urls

    mounted = mc.mount(model_map(load(), leaflet_urls()))
    assert mounted.script.index("window.rspBridge =") < mounted.script.index("window.rspCountyMap(")
    assert mc.mount(model_map(load(), leaflet_urls())).key == mounted.key  # the same data: the same component key
    assert 'type="application/json" id="rsp-county-config"' in mounted.header
