"""The link preview images (Open Graph, 1200×630 PNG) and the favicon, drawn with Pillow (which Streamlit
installs) from the first view's shapes: Sweden's 21 counties coloured for the view, the chosen county
outlined, with the site's name and the county's. Made once per data set, when the guard loads it."""

from __future__ import annotations

import io
import logging
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..data.contacts import Row
from ..data.model import Model
from ..i18n import LANGS, t
from ..view.pages import MAP
from ..view.urlstate import PERIODS
from .palette import (
    ACCENT,
    COLOURS,
    DIM_OPACITY,
    FULL_OPACITY,
    INK,
    MAP_BACKGROUND,
    PAPER,
    REGION_TYPE_COLOURS,
    STROKES,
)
from .svgmap import county_fill, fa_shapes, shapes

log = logging.getLogger(__name__)
SIZE = (1200, 630)
MAP_BOX = (620, 15, 1185, 615)  # where Sweden is drawn
TEXT_BOX = (60, 60, 580, 615)  # where the words go: 40 px clear of the map
# A font with Swedish letters: Debian's DejaVu where it is installed, else the Source Sans that Streamlit
# ships (woff2, unpacked with fontTools), else Pillow's own (whose letters lack å, ä and ö).
SYSTEM_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",)


@lru_cache(maxsize=1)
def _font_bytes() -> bytes | None:
    for path in SYSTEM_FONTS:
        if Path(path).is_file():
            return Path(path).read_bytes()
    spec = find_spec("streamlit")
    folder = Path(spec.origin).parent / "static" / "static" / "media" if spec and spec.origin else None
    for woff2 in sorted(folder.glob("SourceSansVF-Upright*.woff2")) if folder and folder.is_dir() else []:
        try:
            from fontTools.ttLib import TTFont

            font = TTFont(str(woff2))
            font.flavor = None
            buf = io.BytesIO()
            font.save(buf)
            return buf.getvalue()
        except Exception as exc:  # a font that cannot be read: the next choice
            log.warning("cannot read %s for the preview images: %s", woff2, exc)
    return None


@lru_cache(maxsize=16)
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    data = _font_bytes()
    if data is None:
        return ImageFont.load_default(size=size)
    f = ImageFont.truetype(io.BytesIO(data), size)
    try:
        f.set_variation_by_axes([700])  # Source Sans is a variable font: bold
    except (OSError, AttributeError, ValueError):
        pass
    return f


def _blend(colour: str, opacity: float, background: str = MAP_BACKGROUND) -> tuple[int, int, int]:
    fg = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    bg = [int(background[i : i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(f * opacity + b * (1 - opacity)) for f, b in zip(fg, bg))


def preview_png(
    shapes,
    rows: list[Row],
    lan: str | None,
    period: str,
    title: str,
    fa_shapes=None,
    fa_rows: tuple = (),
    subtitle: str = "",
) -> bytes:
    """One preview: the map on the right; on the left the site's name, ``title`` and ``subtitle``, each fitted
    into the text column (TEXT_BOX), never over the map."""
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    box = MAP_BOX
    draw.rectangle(box, fill=MAP_BACKGROUND)
    x0, y0, x1, y1 = shapes.sweden
    scale = min((box[2] - box[0] - 20) / (x1 - x0), (box[3] - box[1] - 20) / (y1 - y0))
    ox = box[0] + (box[2] - box[0] - scale * (x1 - x0)) / 2 - scale * x0
    oy = box[1] + (box[3] - box[1] - scale * (y1 - y0)) / 2 - scale * y0
    by_code = {r["lan_kod"]: r for r in rows}
    regiontyp = period == "regiontyp" and fa_shapes is not None
    if regiontyp:  # the FA regions by type, the county borders above them
        for r in fa_rows:
            for ring in fa_shapes.rings[r["fa_kod"]]:
                draw.polygon(
                    [(ox + scale * x, oy + scale * y) for x, y in ring],
                    fill=REGION_TYPE_COLOURS.get(r["ur6"], STROKES["unknown"]),
                )
    for code in sorted(by_code, key=lambda c: c == lan):  # the chosen county last, its outline on top
        r = by_code[code]
        if not regiontyp:
            fill = _blend(county_fill(r, period), FULL_OPACITY if lan in (None, code) else DIM_OPACITY * 2)
        for ring in shapes.rings[code]:
            points = [(ox + scale * x, oy + scale * y) for x, y in ring]
            if regiontyp:
                draw.line(points + points[:1], fill=STROKES["county_line"], width=2)
            else:
                draw.polygon(points, fill=fill, outline=STROKES["border"])
    if lan:
        for ring in shapes.rings[lan]:
            points = [(ox + scale * x, oy + scale * y) for x, y in ring]
            if regiontyp:
                draw.line(points + points[:1], fill=STROKES["halo"], width=9, joint="curve")
            draw.line(points + points[:1], fill=STROKES["selected"], width=5, joint="curve")
    left, _, right, _ = TEXT_BOX
    draw.text((left, 70), "RSP-kartan", font=font(44), fill=ACCENT)
    y = 180
    for text, size, most in ((title, 68, 4), (subtitle, 36, 3)):
        if not text:
            continue
        lines, size = fit(draw, text, size, right - left, most)
        for line in lines:
            draw.text((left, y), line, font=font(size), fill=INK)
            y += int(size * 1.2)
        y += 24
    draw.rectangle((60, 560, 240, 566), fill=ACCENT)
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


def fit(draw: ImageDraw.ImageDraw, text: str, size: int, width: int, most: int) -> tuple[list[str], int]:
    """``text`` in at most ``most`` lines, each no wider than ``width`` (a long word too), at the largest font
    size from ``size`` down that does it (in steps of 4, to 20 at the least)."""
    while True:
        f, lines, line = font(size), [], ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if draw.textlength(trial, font=f) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
        if (len(lines) <= most and all(draw.textlength(x, font=f) <= width for x in lines)) or size <= 20:
            return lines, size
        size -= 4


def preview_keys(model: Model) -> list[str]:
    """Every preview a view can name: ``{lan or "sverige"}-{period}-{lang}`` (22 × 3 × 2 images)."""
    places = ["sverige", *(r["lan_kod"] for r in model.rows)]
    return [f"{place}-{period}-{lang}" for lang in LANGS for period in PERIODS for place in places]


def preview(model: Model, key: str) -> bytes | None:
    """One preview, drawn when it is first asked for and kept with the model (None: no view names ``key``).
    All of Sweden says what the view shows (its heading); a county says its name, and the question, in the
    view's language. Drawn on demand: a process no longer spends seconds at its start drawing all 132."""
    place, _, rest = key.partition("-")
    period, _, lang = rest.rpartition("-")
    if lang not in LANGS or period not in PERIODS or (place != "sverige" and place not in model.by_code):
        return None

    def draw() -> bytes:
        counties, fa, rows = shapes(model), fa_shapes(model), model.rows
        if place == "sverige":
            return preview_png(counties, rows, None, period, t(MAP.heading(period), lang), fa, model.fa_rows)
        question = t("title_question", lang)
        question = question[:1].upper() + question[1:]
        name = model.by_code[place]["lan"]
        return preview_png(counties, rows, place, period, name, fa, model.fa_rows, subtitle=question)

    return model.derived(f"preview:{key}", draw)


def previews(model: Model) -> dict[str, bytes]:
    """Every preview, by its key (preview_keys)."""
    return {key: preview(model, key) for key in preview_keys(model)}


@lru_cache(maxsize=2)
def favicon_png(size: int = 64) -> bytes:
    """The site's icon: a map pin in the map's accent colour."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    s = size / 64
    draw.rounded_rectangle((2 * s, 2 * s, 62 * s, 62 * s), radius=12 * s, fill=ACCENT)
    draw.ellipse((18 * s, 10 * s, 46 * s, 38 * s), fill=PAPER)
    draw.polygon([(21 * s, 30 * s), (43 * s, 30 * s), (32 * s, 55 * s)], fill=PAPER)
    draw.ellipse((26 * s, 18 * s, 38 * s, 30 * s), fill=COLOURS["region"])
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
