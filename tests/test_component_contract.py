"""The streamlit-folium seam (app_pages/_ui.py): every private name and frontend argument the map relies on
is still there in the locked version, and a version without one fails with a message that names it."""

from __future__ import annotations

import types

import streamlit_folium as sf

from app_pages._ui import (FRONTEND_ARGS, PRIVATE_FUNCTIONS, STREAMLIT_ARGS, MapParts, component_kwargs,
                           component_problems)


def test_the_locked_streamlit_folium_offers_everything_the_map_uses():
    assert component_problems() == []


def test_the_map_passes_only_the_checked_arguments():
    parts = MapParts("script", "header", "html", [], [], "key")
    assert set(component_kwargs(parts, "state", 560)) == set(FRONTEND_ARGS) | set(STREAMLIT_ARGS)


def test_a_version_without_a_private_function_fails_naming_it():
    fake = types.SimpleNamespace(__name__="streamlit_folium", __file__=sf.__file__,
                                 **{name: getattr(sf, name) for name in PRIVATE_FUNCTIONS if name != "_get_header"})
    assert component_problems(fake) == [
        "streamlit_folium._get_header is gone or not callable (app_pages/_ui.py renders the map with it)"]


def test_a_frontend_that_renamed_an_argument_fails_naming_it(tmp_path):
    js = tmp_path / "frontend" / "build" / "static" / "js"
    js.mkdir(parents=True)
    from app_pages._ui import _frontend_bundle

    bundle = _frontend_bundle(sf).replace("data.args.feature_group", "data.args.feature_group_to_add")
    (js / "main.test.js").write_text(bundle, encoding="utf-8")
    fake = types.SimpleNamespace(__name__="streamlit_folium", __file__=str(tmp_path / "__init__.py"),
                                 **{name: getattr(sf, name) for name in PRIVATE_FUNCTIONS})
    assert component_problems(fake) == [
        "the streamlit_folium frontend no longer reads the argument 'feature_group' (data.args.feature_group)"]
