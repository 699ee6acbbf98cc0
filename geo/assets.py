"""Copy Leaflet (from the XStatic-Leaflet package) into the app's static folder."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from .paths import STATIC_DIR

FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
         "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png")


def leaflet_source() -> Path:
    from xstatic.pkg import leaflet

    return Path(leaflet.BASE_DIR)


def ensure_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Make ``static/leaflet`` hold the installed Leaflet; returns that folder."""
    src, dest = leaflet_source(), Path(static_dir) / "leaflet"
    for name in FILES:
        target = dest / name
        if target.exists() and filecmp.cmp(src / name, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(src / name, tmp)
        tmp.replace(target)
    return dest
