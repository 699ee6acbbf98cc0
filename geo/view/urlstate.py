"""The view's state as it lives in the URL: parse (tolerant, never raising) and serialise.

Parameters: ``lan`` (SCB county code, "25"), ``kommun`` (four-digit municipality code),
``typ`` (comma-separated subset of the organisation types), ``lang`` (``sv`` | ``en``), ``period``
(``idag`` | ``2014-2020`` | ``regiontyp``: what the map colours by; ``regiontyp`` shows the FA regions by
Tillväxtanalys' urban–rural type), ``zoom`` (``sverige``: all of Sweden although a county
is selected), and for the contacts page ``q`` (free-text search) and ``sort`` (``lan`` | ``typ`` | ``org``).

``period`` defaults to ``idag``. A link with ``typ`` but no ``period`` was made before the period switch
existed, when the map showed 2014–2020; it opens in ``2014-2020``, so the canonical form of a state with a
type filter always names its period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from ..data.contacts import ORG_TYPES
from ..i18n import DEFAULT_LANG, LANGS
from ..rules import MAX_PARAM_CHARS, QUERY_MAX_CHARS

SORT_KEYS = ("lan", "typ", "org")
PERIODS = ("idag", "2014-2020", "regiontyp")
DEFAULT_PERIOD = "idag"
LEGACY_PERIOD = "2014-2020"  # what a link from before the switch showed
ZOOMS = ("sverige",)


@dataclass(frozen=True)
class ViewState:
    lang: str = DEFAULT_LANG
    typ: tuple[str, ...] = ()  # empty: no filter, all types at full colour
    lan: str | None = None
    kommun: str | None = None
    q: str = ""  # free-text search on the contacts page
    sort: str = "lan"  # contacts page order: lan | typ | org
    period: str = DEFAULT_PERIOD  # map colouring: idag (programme status) | 2014-2020 (organisation type) | regiontyp
    zoom: str | None = None  # "sverige": all of Sweden although a county is selected; None: fit the selection

    @property
    def active_types(self) -> tuple[str, ...]:
        return self.typ or ORG_TYPES

    def with_(self, **changes) -> ViewState:
        return replace(self, **changes)

    def select(self, lan: str | None, kommun: str | None = None) -> ViewState:
        """A county (and municipality) chosen: the map fits it again."""
        return replace(self, lan=lan, kommun=kommun, zoom=None)


def _last(values: Iterable[str] | str | None) -> str | None:
    if values is None:
        return None
    if isinstance(values, str):
        return values
    values = list(values)
    return values[-1] if values else None


def _joined(values: Iterable[str] | str | None) -> str | None:
    if values is None or isinstance(values, str):
        return values
    values = [v for v in values if v.strip()]
    return ",".join(values) if values else None


@dataclass(frozen=True)
class _Known:
    """What a URL's codes are checked against."""

    counties: frozenset[str]
    municipality_counties: Mapping[str, str]


# Each reader takes a parameter's (last, non-blank) value and the state so far, and returns the new state
# and whether the value was understood; a value that was not is dropped and named in the notice.


def _read_lang(raw: str, state: ViewState, known: _Known) -> tuple[ViewState, bool]:
    value = raw.strip().lower()
    return (state.with_(lang=value), True) if value in LANGS else (state, False)


def _read_typ(raw: str, state: ViewState, known: _Known) -> tuple[ViewState, bool]:
    parts = [p.strip().lower() for p in raw.split(",")] if len(raw) <= MAX_PARAM_CHARS else [raw]
    types = [t for t in ORG_TYPES if t in parts]
    return state.with_(typ=tuple(types)), bool(types) and len(types) == len([p for p in parts if p])


def _read_period(raw: str, state: ViewState, known: _Known) -> tuple[ViewState, bool]:
    value = raw.strip().lower().replace("\u2013", "-")
    return (state.with_(period=value), True) if value in PERIODS else (state, False)


def _read_lan(raw: str, state: ViewState, known: _Known) -> tuple[ViewState, bool]:
    value = raw.strip()
    value = value.zfill(2) if re.fullmatch(r"\d{1,2}", value) else value
    return (state.with_(lan=value), True) if value in known.counties else (state, False)


def _read_kommun(raw: str, state: ViewState, known: _Known) -> tuple[ViewState, bool]:
    value = raw.strip()
    value = value.zfill(4) if re.fullmatch(r"\d{3}", value) else value
    county = known.municipality_counties.get(value) if re.fullmatch(r"\d{4}", value) else None
    if county is None or county not in known.counties:
        return state, False
    return state.with_(kommun=value, lan=county), True  # a known municipality decides the county


def _read_zoom(raw: str, state: ViewState, known: _Known) -> tuple[ViewState, bool]:
    value = raw.strip().lower()
    if value not in ZOOMS:
        return state, False
    return (state.with_(zoom=value) if state.lan else state), True  # without a county: all of Sweden anyway


def _read_q(raw: str, state: ViewState, known: _Known) -> tuple[ViewState, bool]:
    value = " ".join("".join(c for c in raw if c.isprintable()).split())
    return (state.with_(q=value), True) if len(value) <= QUERY_MAX_CHARS else (state, False)


def _read_sort(raw: str, state: ViewState, known: _Known) -> tuple[ViewState, bool]:
    value = raw.strip().lower()
    return (state.with_(sort=value), True) if value in SORT_KEYS else (state, False)


# In this order: the county a municipality names wins over ?lan=, and ?zoom= needs the county.
_READERS = (
    ("lang", _read_lang),
    ("typ", _read_typ),
    ("period", _read_period),
    ("lan", _read_lan),
    ("kommun", _read_kommun),
    ("zoom", _read_zoom),
    ("q", _read_q),
    ("sort", _read_sort),
)


def parse(
    params: Mapping[str, Iterable[str] | str],
    county_codes: Iterable[str],
    municipality_counties: Mapping[str, str] | None = None,
) -> tuple[ViewState, list[str]]:
    """The state a URL asks for, and the names of parameters that were dropped.

    ``municipality_counties`` maps a kommun code to its county code; a known municipality
    decides the county. An empty parameter (``?lang=``) means its default, not an error; an empty ``?q=``
    is an empty search.
    """
    known = _Known(frozenset(county_codes), municipality_counties or {})
    state, dropped = ViewState(), []
    for name, read in _READERS:
        # the type filter may come as one value (typ=a,b) or as several (typ=a&typ=b, a form's checkboxes)
        raw = _joined(params.get(name)) if name == "typ" else _last(params.get(name))
        if raw is None or (not raw.strip() and name != "q"):
            if name == "period" and state.typ:  # a type filter without a period: a link from before "idag"
                state = state.with_(period=LEGACY_PERIOD)
            continue
        state, understood = read(raw, state, known)
        if not understood:
            dropped.append(name)
    return state, dropped


def to_params(state: ViewState) -> dict[str, str]:
    """The canonical URL parameters of a state; defaults are left out."""
    out: dict[str, str] = {}
    if state.lan:
        out["lan"] = state.lan
    if state.kommun:
        out["kommun"] = state.kommun
    if state.typ:
        out["typ"] = ",".join(t for t in ORG_TYPES if t in state.typ)
    if state.lang != DEFAULT_LANG:
        out["lang"] = state.lang
    if state.period != DEFAULT_PERIOD or state.typ:
        out["period"] = state.period
    if state.zoom and state.lan:
        out["zoom"] = state.zoom
    if state.q:
        out["q"] = state.q
    if state.sort != "lan":
        out["sort"] = state.sort
    return out
