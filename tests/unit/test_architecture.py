"""The house's rules, read from the code: geo/ imports only downwards and never streamlit, every colour and
every page path is written once, every page of the registry has its live script and its first-view body,
and no test module imports another."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from geo.paths import ROOT
from geo.render.firstview import BODIES
from geo.view.pages import BY_KEY, PAGES

# geo's floors, lowest first: a module may import its own floor and the ones below, never one above.
FLOORS = {"paths": 0, "rules": 0, "i18n": 0, "data": 1, "view": 2, "render": 3, "web": 4, "__main__": 5}
GEO = sorted((ROOT / "geo").rglob("*.py"))
APP = sorted([ROOT / "app.py", ROOT / "serve.py", *(ROOT / "app_pages").glob("*.py")])
CODE = [*GEO, *APP, *sorted((ROOT / "deploy").glob("*.py")), *sorted((ROOT / "bench").glob("*.py"))]


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, absolute."""
    here = _module(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.add(module)
            found |= {f"{module}.{a.name}" for a in node.names}
    return found


def _floor(module: str) -> int | None:
    parts = module.split(".")
    return FLOORS.get(parts[1]) if parts[0] == "geo" and len(parts) > 1 else (0 if module == "geo" else None)


def _geo_modules(path: Path) -> set[str]:
    """The geo modules (files) that ``path`` imports."""
    known = {_module(p) for p in GEO}
    return {m for m in _imports(path) if m in known}


def test_geo_is_grouped_in_four_floors_on_a_ground_floor():
    top = {p.name for p in (ROOT / "geo").iterdir() if not p.name.startswith((".", "__pycache__"))}
    assert top == {
        "__init__.py",
        "__main__.py",
        "paths.py",
        "rules.py",
        "i18n.py",
        "i18n.toml",
        "data",
        "view",
        "render",
        "web",
    }


@pytest.mark.parametrize("path", GEO, ids=lambda p: _module(p))
def test_nothing_in_geo_imports_upward_or_streamlit(path):
    mine = _floor(_module(path))
    assert mine is not None
    upward = sorted(m for m in _geo_modules(path) if (_floor(m) or 0) > mine)
    assert upward == [], f"{_module(path)} (floor {mine}) imports from a floor above: {upward}"
    assert not any(m == "streamlit" or m.startswith("streamlit.") for m in _imports(path)), (
        "geo never imports streamlit"
    )


def test_no_import_cycle_in_geo():
    graph = {_module(p): _geo_modules(p) - {_module(p)} for p in GEO}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                raise AssertionError("an import cycle: " + " → ".join([*trail, node, nxt]))
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\([^)]*\)")


def test_every_colour_is_written_once():
    """Colours live in geo/render/palette.py (and the translucent greys in geo/render/styles.py); the
    folium map's script gets them in its configuration."""
    seen: dict[str, list[str]] = {}
    for path in [*GEO, *APP, ROOT / "geo" / "render" / "countymap.js", ROOT / "app_pages" / "_map_component.js"]:
        for literal in _COLOUR.findall(path.read_text(encoding="utf-8")):
            seen.setdefault(literal.lower().replace(" ", ""), []).append(path.name)
    twice = {colour: where for colour, where in seen.items() if len(where) > 1}
    assert twice == {}
    homes = {name for where in seen.values() for name in where}
    assert homes <= {"palette.py", "styles.py"}, homes


def _string_constants(path: Path) -> list[str]:
    """The string literals of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def test_page_paths_are_spelled_in_the_registry_only():
    paths = {p.path for p in PAGES if p.path} | {a for p in PAGES for a in p.aliases}
    spelled = re.compile(r"^/?(" + "|".join(sorted(paths)) + r")(?:[/?]|$)")
    found = {
        _module(path): hits
        for path in CODE
        if path.name not in ("pages.py", "i18n.py")
        if (hits := sorted({s for s in _string_constants(path) if spelled.match(s)}))
    }
    assert found == {}


def test_every_page_of_the_registry_has_its_script_and_its_first_view():
    assert set(BODIES) == set(BY_KEY)
    for page in BY_KEY.values():
        assert (ROOT / page.script).is_file(), page.script
    assert [p.path for p in PAGES][0] == "" and len({p.path for p in PAGES}) == len(PAGES)


def test_no_test_module_imports_another():
    tests = sorted((ROOT / "tests").rglob("test_*.py"))
    names = {p.stem for p in tests}
    found = {p.stem: sorted(m for m in _imports(p) if m.split(".")[0] in names) for p in tests}
    assert {k: v for k, v in found.items() if v} == {}
