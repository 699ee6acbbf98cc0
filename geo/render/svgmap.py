"""The first view's map: the 21 counties as an inline SVG, coloured for the view as the live map colours them,
each county a link to its own view; the same outlines as points for the preview images (geo/render/ogimage.py).

Shapes are made once per data model (``shapes(model)``), in Web Mercator kilometres with y down, as Leaflet
draws them, simplified as one coverage so that neighbours keep their shared border.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import geopandas as gpd
import shapely

from ..data.model import Model
from ..data.today import status_class
from ..i18n import t
from ..rules import SVG_SIMPLIFY_M
from ..view.pages import MAP, Request, query
from .palette import COLOURS, DIM_OPACITY, FULL_OPACITY, REGION_TYPE_COLOURS, STATUS_COLOURS, STROKES
from .styles import MAP_ANCHOR

_KM = 1000.0
SELECTED_WIDTH, BORDER_WIDTH = 3, 1  # a county's outline: chosen, and every other
LINE_WIDTH, HALO_WIDTH = 1.2, 3.5  # the region-type view: the county borders above the FA regions
VEIL = 0.7  # the region-type view: a county outside the type filter is veiled with white


@dataclass(frozen=True)
class Shapes:
    """Outlines of one layer by code: SVG path data, the rings as points, their boxes, and Sweden's box."""

    d: dict[str, str]
    rings: dict[str, list[list[tuple[int, int]]]]
    bounds: dict[str, tuple[float, float, float, float]]  # x0, y0, x1, y1 in the same units
    sweden: tuple[float, float, float, float]


def _ring(coords) -> list[tuple[int, int]]:
    points, last = [], None
    for x, y in coords:
        p = (round(x / _KM), round(-y / _KM))
        if p != last:
            points.append(p)
            last = p
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points if len(points) >= 3 else []


def _ring_d(points: list[tuple[int, int]]) -> str:
    x0, y0 = points[0]
    steps = "".join(f"l{x - px} {y - py}" for (px, py), (x, y) in zip(points, points[1:]))
    return f"M{x0} {y0}{steps}z"


def _box(bounds) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = bounds
    return (x0 / _KM, -y1 / _KM, x1 / _KM, -y0 / _KM)


def shapes_of(layer: gpd.GeoDataFrame, key: str = "lan_kod") -> Shapes:
    """The shapes of a layer (the counties, or the FA regions with ``key="fa_kod"``), by ``key``."""
    merc = layer.to_crs(3857)
    simple = shapely.coverage_simplify(merc.geometry.values, SVG_SIMPLIFY_M)
    d, rings, bounds = {}, {}, {}
    for code, geom, full in zip(merc[key], simple, merc.geometry.values):
        polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        rings[code] = [r for r in (_ring(p.exterior.coords) for p in polys if not p.is_empty) if r]
        d[code] = "".join(_ring_d(r) for r in rings[code])
        bounds[code] = _box(full.bounds)
    return Shapes(d, rings, bounds, _box(merc.total_bounds))


def shapes(model: Model) -> Shapes:
    return model.derived("svg-counties", lambda: shapes_of(model.counties))


def fa_shapes(model: Model) -> Shapes:
    return model.derived("svg-fa", lambda: shapes_of(model.fa, "fa_kod"))


def kommun_boxes(model: Model) -> dict[str, tuple[float, float, float, float]]:
    """Each municipality's box in the shapes' units (a municipality's view fits it)."""

    def make():
        merc = model.municipalities.to_crs(3857)
        return {k: _box(g.bounds) for k, g in zip(merc["kommun_kod"], merc.geometry.values)}

    return model.derived("svg-kommun-boxes", make)


def _view_box(req: Request, model: Model) -> str:
    s, counties = req.state, shapes(model)
    boxes = kommun_boxes(model)
    if s.kommun and s.kommun in boxes and s.zoom != "sverige":
        x0, y0, x1, y1 = boxes[s.kommun]
    elif s.lan and s.zoom != "sverige":
        x0, y0, x1, y1 = counties.bounds[s.lan]
    else:
        x0, y0, x1, y1 = counties.sweden
    pad = 0.04 * max(x1 - x0, y1 - y0)
    return f"{x0 - pad:.0f} {y0 - pad:.0f} {x1 - x0 + 2 * pad:.0f} {y1 - y0 + 2 * pad:.0f}"


def _stroke(colour: str, width: float) -> str:
    return f'stroke="{colour}" stroke-width="{width}"'


def county_fill(row: dict[str, str], period: str) -> str:
    """A county's colour in the today or 2014–2020 view (the live map's rule, geo/render/countymap.js)."""
    return STATUS_COLOURS[status_class(row)] if period == "idag" else COLOURS.get(row["org_type"], STROKES["unknown"])


def svg_map(req: Request, model: Model, alt: str) -> str:
    """The 21 counties, coloured for the view; each a link to its own view, the selected one outlined."""
    s = req.state
    counties = shapes(model)
    order = sorted(model.rows, key=lambda r: r["lan_kod"] == s.lan)  # the selected county last: its outline on top
    regiontyp = s.period == "regiontyp"
    out = _fa_paths(model) if regiontyp else []
    for r in order:
        code = r["lan_kod"]
        selected = code == s.lan
        active = r["org_type"] in s.active_types
        if regiontyp:  # the FA regions show through; a county outside the filter is veiled, as on the live map
            fill, opacity = STROKES["halo"], 0 if active else VEIL
            stroke = (
                _stroke(STROKES["selected"], HALO_WIDTH) if selected else _stroke(STROKES["county_line"], LINE_WIDTH)
            )
        else:
            fill = county_fill(r, s.period)
            opacity = FULL_OPACITY if active else DIM_OPACITY
            stroke = (
                _stroke(STROKES["selected"], SELECTED_WIDTH) if selected else _stroke(STROKES["border"], BORDER_WIDTH)
            )
        href = query(MAP, s, req.embed, lan=code, kommun=None, zoom=None)
        current = ' aria-current="true"' if selected else ""
        out.append(
            f'<a data-lan="{code}" href="{escape(href, quote=True)}" '
            f'aria-label="{escape(r["lan"], quote=True)}"{current}>'
            f'<path d="{counties.d[code]}" fill="{fill}" fill-opacity="{opacity}" {stroke} '
            f'vector-effect="non-scaling-stroke"><title>{escape(r["lan"])}</title></path></a>'
        )
    return (
        f'<svg id="{MAP_ANCHOR}" class="rf-map" viewBox="{_view_box(req, model)}" preserveAspectRatio="xMidYMid meet" '
        f'role="group" aria-label="{escape(t(alt, s.lang), quote=True)}">{"".join(out)}</svg>'
    )


def _fa_paths(model: Model) -> list[str]:
    """The region-type view's under-layer: the FA regions filled by type, then a white halo for every county
    border (the county links above draw the dark line)."""
    fa, counties = fa_shapes(model), shapes(model)
    paths = [
        f'<path d="{fa.d[r["fa_kod"]]}" fill="{REGION_TYPE_COLOURS.get(r["ur6"], STROKES["unknown"])}" '
        f'stroke="{STROKES["halo"]}" stroke-width="0.5" stroke-opacity="0.6" vector-effect="non-scaling-stroke"/>'
        for r in model.fa_rows
    ]
    halo = "".join(counties.d[r["lan_kod"]] for r in model.rows)
    return [
        f'<g aria-hidden="true">{"".join(paths)}<path d="{halo}" fill="none" {_stroke(STROKES["halo"], HALO_WIDTH)} '
        'stroke-opacity="0.9" vector-effect="non-scaling-stroke"/></g>'
    ]
