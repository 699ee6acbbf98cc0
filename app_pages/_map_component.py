"""The map component's adapter: the only module that knows streamlit-folium's internals.

Its interface, for the pages:

- ``mount(m) -> Mounted``: render a folium map once (cache the result); the map's script never changes
  afterwards, so the component never remounts it;
- ``show(mounted, state, height, on_click)``: the component for this run, with one JSON state for the map
  (geo.mapview.map_state); returns the component's value;
- ``clicked(value)``: the event in that value — ``(county code or "sverige", click counter)`` — or None.

streamlit-folium publishes only ``st_folium``, which renders the folium map again on every rerun
(≈50 ms) and cannot take a pre-rendered one. So this module uses, and ``problems()`` checks, what the
package does not publish: its helpers ``_get_html``, ``_get_header``, ``_get_map_string`` and
``_component_func``, the front end's argument names, and its front-end globals, which the bridge script
(``_map_component.js``, put in front of the map's script) uses. tests/test_map_component.py runs
``problems()`` against the locked version and against fakes that lack one name each.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import folium
import streamlit_folium as sf

from geo.render.mapview import safe_json

BRIDGE_JS = Path(__file__).with_suffix(".js")
PRIVATE_FUNCTIONS = ("_get_html", "_get_header", "_get_map_string", "_component_func")
FRONTEND_ARGS = (
    "script",
    "header",
    "html",
    "height",
    "width",
    "returned_objects",
    "zoom",
    "center",
    "feature_group",
    "return_on_hover",
    "layer_control",
    "pixelated",
    "css_links",
    "js_links",
    "wrap_longitude",
)
STREAMLIT_ARGS = ("key", "default", "on_change")  # consumed by Streamlit's component API, not the front end
FRONTEND_NAMES = (
    "window.__GLOBAL_DATA__",
    "window.feature_group",
    "window.Streamlit",
    "last_active_drawing",
    "previous_data",
)
RETURNED = "last_active_drawing"


@dataclass(frozen=True)
class Mounted:
    """A folium map rendered once, as the component's front end takes it."""

    script: str
    header: str
    html: str
    css_links: list[str]
    js_links: list[str]
    key: str


def mount(m: folium.Map) -> Mounted:
    """Render ``m`` for the component, with the bridge script in front of the map's own script."""
    m.get_root().render()
    script = BRIDGE_JS.read_text(encoding="utf-8") + "\n" + sf._get_map_string(m)
    header, html = sf._get_header(m), sf._get_html(m)
    # the key changes with anything the map is made of (the data sits in the header's JSON element), so new
    # data mounts a new map; the same data keeps the mounted one
    # (folium names the map with a random id, which the header's CSS repeats)
    made_of = re.sub(r"\bmap_[0-9a-f]{32}\b", "map", "\0".join((script, header, html)))
    digest = hashlib.sha256(made_of.encode()).hexdigest()[:16]
    return Mounted(
        script, header, html, [h for _, h in m.default_css], [s for _, s in m.default_js], f"rsp-map-{digest}"
    )


HANDOVER_FUNCTION = re.search(
    r"window\.rspHandover = function[\s\S]*?\n\};", BRIDGE_JS.read_text(encoding="utf-8")
).group(0)


def handover_html() -> str:
    """For a page without a map: the first view gives way as soon as this element (the page's last) is
    on screen. Its only script is the bridge's own swap function (no data)."""
    return (
        "<script>" + HANDOVER_FUNCTION + "\nwindow.requestAnimationFrame(function () {"
        " window.requestAnimationFrame(function () { window.rspHandover(document); }); });</script>"
    )


def update_script(state: dict) -> str:
    """The component's per-run script: one call that hands the JSON state to the mounted map."""
    return f"window.rspBridge.update({safe_json(state)});"


def component_kwargs(mounted: Mounted, state: dict, height: int, on_click=None) -> dict:
    """The component's arguments: exactly FRONTEND_ARGS and STREAMLIT_ARGS. (st_folium also passes an ``id``,
    which its front end never reads; the contract test found that, so it is left out.)"""
    return {
        "script": mounted.script,
        "header": mounted.header,
        "html": mounted.html,
        "key": mounted.key,
        "height": height,
        "width": None,
        "returned_objects": [RETURNED],
        "default": {RETURNED: None},
        "zoom": None,
        "center": None,
        "feature_group": update_script(state),
        "return_on_hover": False,
        "layer_control": None,
        "pixelated": False,
        "css_links": mounted.css_links,
        "js_links": mounted.js_links,
        "on_change": on_click,
        "wrap_longitude": False,
    }


def show(mounted: Mounted, state: dict, height: int = 560, on_click=None):
    """The map for this run. The mounted map is updated in place, never remounted."""
    return sf._component_func(**component_kwargs(mounted, state, height, on_click))


def clicked(value) -> tuple[str, object] | None:
    """``(event, click counter)`` from the component's value: a county's code, or the action ("sverige")."""
    feature = (value or {}).get(RETURNED) or {}
    props = feature.get("properties") or {}
    event = props.get("lan_kod") if props.get("lan_kod") is not None else props.get("action")
    return (str(event), props.get("click")) if event is not None else None


def frontend_build(module=sf) -> Path:
    """The component's built front end (its ``static/`` is content-hashed; deploy/ serves it from disk)."""
    return Path(module.__file__).parent / "frontend" / "build"


def _frontend_bundle(module) -> str | None:
    folder = frontend_build(module) / "static" / "js"
    bundles = sorted(folder.glob("main*.js")) if folder.is_dir() else []
    return "".join(b.read_text(encoding="utf-8", errors="replace") for b in bundles) or None


def problems(module=sf) -> list[str]:
    """What the installed streamlit-folium no longer offers of what this adapter uses; [] when all is there."""
    name = getattr(module, "__name__", "streamlit_folium")
    found = [
        f"{name}.{fn} is gone or not callable (app_pages/_map_component.py renders the map with it)"
        for fn in PRIVATE_FUNCTIONS
        if not callable(getattr(module, fn, None))
    ]
    bundle = _frontend_bundle(module)
    if bundle is None:
        return found + [f"{name} has no front-end bundle (frontend/build/static/js/main*.js) to check"]
    found += [
        f"the {name} front end no longer reads the argument {arg!r} (data.args.{arg})"
        for arg in FRONTEND_ARGS
        if not re.search(rf"data\.args\.{arg}\b", bundle)
    ]
    found += [
        f"the {name} front end no longer uses {used} (app_pages/_map_component.js relies on it)"
        for used in FRONTEND_NAMES
        if used not in bundle
    ]
    return found
