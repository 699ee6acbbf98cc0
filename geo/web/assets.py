"""The app's static folder (served at /app/static): Leaflet from the XStatic-Leaflet package, and nothing else.

``static/`` is generated at start-up and owned by the app: whatever else is found there (an ``.html`` or
``.svg`` someone dropped in, which Streamlit would serve from the app's origin) is removed. The HTTP guard
(geo/guard.py) also serves only these files, for deployments where the folder is read-only.
"""

from __future__ import annotations

import filecmp
import logging
import shutil
from pathlib import Path

from ..paths import STATIC_DIR

log = logging.getLogger(__name__)

FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)


def leaflet_source() -> Path:
    from xstatic.pkg import leaflet

    return Path(leaflet.BASE_DIR)


def leaflet_version() -> str:
    """The installed Leaflet's version; the map asks for its files with ``?v=<version>``, so that a proxy
    may cache them for good (deploy/Caddyfile)."""
    from xstatic.pkg import leaflet

    return str(leaflet.VERSION)


def allowed_files(static_dir: Path = STATIC_DIR) -> set[Path]:
    return {Path(static_dir) / "leaflet" / name for name in FILES}


def ensure_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Make ``static/`` hold exactly the installed Leaflet (``static/leaflet``); returns that folder."""
    src, dest = leaflet_source(), Path(static_dir) / "leaflet"
    keep = allowed_files(static_dir)
    if Path(static_dir).exists():
        for path in sorted(Path(static_dir).rglob("*"), reverse=True):
            if path.is_dir():
                if path != dest and not any(path.iterdir()):
                    path.rmdir()
            elif path not in keep:
                log.warning("removed %s from the static folder: only Leaflet is served from there", path)
                path.unlink()
    for name in FILES:
        target = dest / name
        if target.exists() and filecmp.cmp(src / name, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(src / name, tmp)
        tmp.replace(target)
    return dest


# Relative to the st_folium component's iframe (/component/<name>/index.html), so that the assets come from the
# app's own origin and still resolve under a server.baseUrlPath; ``?v=`` lets a proxy cache them for good.
ASSET_BASE = "../../app/static/leaflet"


def leaflet_urls() -> tuple[str, str]:
    """The map's addresses of Leaflet's script and stylesheet."""
    version = leaflet_version()
    return f"{ASSET_BASE}/leaflet.js?v={version}", f"{ASSET_BASE}/leaflet.css?v={version}"
