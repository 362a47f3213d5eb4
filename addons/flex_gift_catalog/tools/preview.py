"""Preview composition: the work's image with every personalization layer drawn.

Layers are plain dicts so they can be hashed: the digest of a preview is the
SHA-256 of its canonical JSON description (base image digest, canvas size,
layers, font), which is what the cache is keyed on.

Chinese text needs a CJK font. We use Noto Sans CJK (SIL Open Font License)
from Debian's ``fonts-noto-cjk`` package; other usual system CJK fonts are
tried next, and Pillow's default bitmap font (no CJK glyphs) is the last resort.
"""

import functools
import hashlib
import io
import json
import os

NOTO = "/usr/share/fonts/opentype/noto/"
FONT_FAMILIES = {
    "sans": (NOTO + "NotoSansCJK-Regular.ttc",),
    "sans_bold": (NOTO + "NotoSansCJK-Bold.ttc",),
    "serif": (NOTO + "NotoSerifCJK-Regular.ttc",),
    "serif_bold": (NOTO + "NotoSerifCJK-Bold.ttc",),
}
CJK_FONT_CANDIDATES = (
    *FONT_FAMILIES["sans"],
    *FONT_FAMILIES["serif"],
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
DEFAULT_SIZE = 1024


def find_cjk_font(family=None, candidates=CJK_FONT_CANDIDATES):
    """Path of the font file for a family ("sans", "serif", ...), else of the first
    CJK-capable font found, or None. FLEX_GIFT_FONT overrides the default."""
    if family in FONT_FAMILIES:
        found = next((path for path in FONT_FAMILIES[family] if os.path.isfile(path)), None)
        if found:
            return found
    override = os.environ.get("FLEX_GIFT_FONT")
    if override and os.path.isfile(override):
        return override
    return next((path for path in candidates if os.path.isfile(path)), None)


def preview_digest(base_digest, layers, size=DEFAULT_SIZE, font=None):
    """Content hash of a preview: same inputs, same digest, same PNG."""
    payload = json.dumps(
        {"base": base_digest or "", "size": size, "layers": layers, "font": font or ""},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=64)
def _font(path, size):
    from PIL import ImageFont  # noqa: PLC0415

    if path:
        return ImageFont.truetype(path, size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has no sized default font
        return ImageFont.load_default()


def _parse_color(value, default=(33, 37, 41, 255)):
    value = (value or "").lstrip("#")
    if len(value) == 6:
        try:
            return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4)) + (255,)
        except ValueError:
            return default
    return default


def _box(layer, size):
    """Pixel box (left, top, right, bottom) from a layer's 0..1 fractions."""
    x = min(max(float(layer.get("x", 0.1)), 0.0), 1.0)
    y = min(max(float(layer.get("y", 0.1)), 0.0), 1.0)
    w = min(max(float(layer.get("w", 0.8)), 0.01), 1.0 - x)
    h = min(max(float(layer.get("h", 0.2)), 0.01), 1.0 - y)
    return (round(x * size), round(y * size), round((x + w) * size), round((y + h) * size))


def _fit_text(draw, text, box, font_path, font_size):
    """(font, size): the requested size, or the size at which the text fits the box."""
    width, height = box[2] - box[0], box[3] - box[1]
    size = max(int(font_size), 6)
    font = _font(font_path, size)
    left, top, right, bottom = draw.multiline_textbbox((0, 0), text, font=font, spacing=size // 5)
    text_width, text_height = max(right - left, 1), max(bottom - top, 1)
    if text_width > width or text_height > height:
        # glyph extents scale linearly with the size: one measure is enough
        size = max(6, int(size * min(width / text_width, height / text_height) * 0.97))
        font = _font(font_path, size)
    return font, size


def render_preview(base_image=None, layers=(), size=DEFAULT_SIZE, font_path=None, images=None):
    """Return PNG bytes of a ``size`` x ``size`` preview.

    ``base_image``: bytes of the work's image (or None for a plain canvas).
    ``layers``: dicts with ``type`` "text" (``text``, ``x``/``y``/``w``/``h``
    fractions, ``font_size`` in px of a 1024 canvas, ``color`` "#rrggbb",
    optional ``font`` family of FONT_FAMILIES) or
    "image" (``digest`` naming bytes in ``images``, and a box).
    """
    from PIL import Image, ImageDraw, ImageOps  # noqa: PLC0415

    canvas = Image.new("RGBA", (size, size), (248, 246, 242, 255))
    if base_image:
        with Image.open(io.BytesIO(base_image)) as base:
            base = ImageOps.contain(ImageOps.exif_transpose(base).convert("RGBA"), (size, size))
            canvas.alpha_composite(base, ((size - base.width) // 2, (size - base.height) // 2))
    draw = ImageDraw.Draw(canvas)
    scale = size / DEFAULT_SIZE
    for layer in layers:
        box = _box(layer, size)
        if layer.get("type") == "image":
            data = (images or {}).get(layer.get("digest"))
            if not data:
                continue
            with Image.open(io.BytesIO(data)) as upload:
                upload = ImageOps.exif_transpose(upload).convert("RGBA")
                upload.thumbnail((box[2] - box[0], box[3] - box[1]))
                canvas.alpha_composite(upload, (box[0], box[1]))
            continue
        text = layer.get("text") or ""
        if not text:
            continue
        path = find_cjk_font(layer["font"]) if layer.get("font") else font_path
        font, font_size = _fit_text(draw, text, box, path, round(float(layer.get("font_size", 48)) * scale))
        center = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        draw.multiline_text(
            center,
            text,
            font=font,
            fill=_parse_color(layer.get("color")),
            anchor="mm",
            spacing=font_size // 5,
            align="center",
        )
    out = io.BytesIO()
    canvas.convert("RGB").save(out, format="PNG", compress_level=3)
    return out.getvalue()
