"""Preview composition: the work's image with every personalization layer drawn.

Layers are plain dicts so they can be hashed: the digest of a preview is the
SHA-256 of its canonical JSON description (base image digest, canvas size,
layers, font), which is what the cache is keyed on.

Layer types: ``text`` (wrapped over lines and shrunk to fit its box, never drawn
outside it), ``image`` (an upload), ``tint`` (colours the work's image by the
chosen options) and ``legend`` (one colour chip and its words per chosen option).

Chinese text needs a CJK font. We use Noto Sans CJK (SIL Open Font License)
from Debian's ``fonts-noto-cjk`` package; other usual system CJK fonts are
tried next, and Pillow's default bitmap font (no CJK glyphs) is the last resort.
"""

import colorsys
import functools
import hashlib
import io
import json
import os
import unicodedata

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
# text is shrunk down to this share of its configured size, never below MIN_FONT_PX
# (pixels of a 1024 px preview): smaller than that nobody can read it on the work
MIN_FONT_RATIO = 0.5
MIN_FONT_PX = 14
TINT_STRENGTH = 0.45
LINE_SPACING = 0.2  # of the font size


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


# --------------------------------------------------------------------------
# colours
# --------------------------------------------------------------------------


def _parse_color(value, default=(33, 37, 41, 255)):
    value = (value or "").strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) == 6:
        try:
            return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4)) + (255,)
        except ValueError:
            return default
    return default


def is_color(value):
    """True for "#rrggbb" or "#rgb"."""
    return _parse_color(value, None) is not None


def _hex(rgb):
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb[:3])


def stable_color(seed):
    """A pleasant colour derived from ``seed`` (same seed, same colour, on every machine)."""
    value = int(hashlib.sha256(str(seed).encode("utf-8")).hexdigest()[:8], 16)
    hue = (value % 360) / 360
    lightness = 0.45 + ((value >> 9) % 20) / 100
    saturation = 0.45 + ((value >> 17) % 25) / 100
    return _hex(tuple(c * 255 for c in colorsys.hls_to_rgb(hue, lightness, saturation)))


def mix_colors(colors):
    """The average of "#rrggbb" colours, or None when there is none."""
    rgbs = [rgb for rgb in (_parse_color(c, None) for c in colors) if rgb]
    if not rgbs:
        return None
    return _hex(tuple(sum(rgb[i] for rgb in rgbs) / len(rgbs) for i in range(3)))


# --------------------------------------------------------------------------
# text layout
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=128)
def _font(path, size):
    from PIL import ImageFont  # noqa: PLC0415

    if path:
        # Pillow's basic layout: Chinese and Latin need no shaping, and it measures a
        # line in microseconds where the Raqm layout takes milliseconds per call
        return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has no sized default font
        return ImageFont.load_default()


def _is_wide(char):
    """A character after which a line may break without a space (CJK ideographs, kana...)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tokens(paragraph):
    """Words (kept whole when they fit), spaces and single wide characters."""
    tokens, word = [], ""
    for char in paragraph:
        if char == " " or _is_wide(char):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def wrap_text(text, width, measure):
    """Lines of ``text`` no wider than ``width`` when possible: explicit line breaks
    are kept, lines break at spaces and between wide (CJK) characters, a word wider
    than the line is cut between characters. ``measure(s)`` gives the width of s."""
    lines = []
    for paragraph in str(text).split("\n"):
        line = ""
        for token in _tokens(paragraph):
            candidate = line + token
            if measure(candidate) <= width or not line.strip():
                line = candidate
            else:
                lines.append(line.rstrip())
                line = "" if token == " " else token
            while len(line) > 1 and measure(line) > width:
                # a word longer than the line: cut it after the most characters that fit
                low, high = 1, len(line) - 1
                while low < high:
                    middle = (low + high + 1) // 2
                    low, high = (middle, high) if measure(line[:middle]) <= width else (low, middle - 1)
                lines.append(line[:low])
                line = line[low:]
        lines.append(line.rstrip())
    return lines


def _text_size(font, lines, spacing):
    widths, height = [], 0
    for i, line in enumerate(lines):
        widths.append(font.getlength(line) if line else 0)
        height += _line_height(font) + (spacing if i else 0)
    return max(widths or [0]), height


def _line_height(font):
    ascent, descent = font.getmetrics()
    return ascent + descent


def min_font_size(font_size, scale=1.0):
    """The smallest size text of ``font_size`` (px of 1024) may shrink to, in canvas px."""
    return max(1, round(max(MIN_FONT_PX, font_size * MIN_FONT_RATIO) * scale))


def fit_text(text, width, height, font_path, font_size, min_size=None):
    """(lines, size, fits): ``text`` wrapped into ``width`` x ``height`` px at the largest
    size from ``font_size`` down to ``min_size`` at which it fits; at ``min_size`` with
    ``fits`` False when even that is too big."""
    font_size = max(int(font_size), 1)
    min_size = max(1, min(int(min_size or min_font_size(font_size)), font_size))
    size = font_size
    while True:
        font = _font(font_path, size)
        lines = wrap_text(text, width, font.getlength)
        text_width, text_height = _text_size(font, lines, round(size * LINE_SPACING))
        if text_width <= width and text_height <= height:
            return lines, size, True
        if size <= min_size:
            return lines, size, False
        size = max(min_size, min(size - 1, int(size * 0.92)))


def text_fits(text, box, font_path, font_size, canvas=DEFAULT_SIZE):
    """True when ``text`` fits its box (fractions x, y, w, h) at no less than the
    minimum size: what the renderer can draw whole and readable."""
    left, top, right, bottom = _box(box, canvas)
    scale = canvas / DEFAULT_SIZE
    size = round(font_size * scale)
    return fit_text(text, right - left, bottom - top, font_path, size, min_font_size(font_size, scale))[2]


def _box(layer, size):
    """Pixel box (left, top, right, bottom) from a layer's 0..1 fractions."""
    x = min(max(float(layer.get("x", 0.1)), 0.0), 1.0)
    y = min(max(float(layer.get("y", 0.1)), 0.0), 1.0)
    w = min(max(float(layer.get("w", 0.8)), 0.01), 1.0 - x)
    h = min(max(float(layer.get("h", 0.2)), 0.01), 1.0 - y)
    return (round(x * size), round(y * size), round((x + w) * size), round((y + h) * size))


# --------------------------------------------------------------------------
# drawing
# --------------------------------------------------------------------------


def _draw_text(canvas, layer, box, font_path, scale):
    """Draw a text layer centred in its box, wrapped and shrunk to fit; what does not
    fit at the minimum size is cut at the box, never drawn over the rest of the work."""
    from PIL import Image, ImageDraw  # noqa: PLC0415

    path = find_cjk_font(layer["font"]) if layer.get("font") else font_path
    font_size = float(layer.get("font_size", 48))
    width, height = box[2] - box[0], box[3] - box[1]
    lines, size, _fits = fit_text(
        layer["text"], width, height, path, round(font_size * scale), min_font_size(font_size, scale)
    )
    font = _font(path, size)
    spacing = round(size * LINE_SPACING)
    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(overlay).multiline_text(
        (width / 2, height / 2),
        "\n".join(lines),
        font=font,
        fill=_parse_color(layer.get("color")),
        anchor="mm",
        spacing=spacing,
        align="center",
    )
    canvas.alpha_composite(overlay, (box[0], box[1]))


def _legend_layout(items, width, font, size):
    """Rows of (x, color, text) no wider than ``width`` (when an item alone is not), and
    the chip width, padding and row height used."""
    line = _line_height(font)
    chip, pad, gap = line * 2 // 3, max(1, size // 4), size
    rows, row, x = [], [], 0
    for color, text in items:
        item_width = chip + pad + font.getlength(text)
        if row and x + item_width > width:
            rows.append(row)
            row, x = [], 0
        row.append((x, color, text, item_width))
        x += item_width + gap
    if row:
        rows.append(row)
    return rows, chip, pad, line


def _draw_legend(canvas, layer, box, font_path, scale):
    """A colour chip and the words of each chosen option, in rows, shrunk to fit."""
    from PIL import ImageDraw  # noqa: PLC0415

    items = [(color, text) for color, text in layer.get("items") or () if text]
    if not items:
        return
    width, height = box[2] - box[0], box[3] - box[1]
    font_size = float(layer.get("font_size", 28))
    size, min_size = round(font_size * scale), min_font_size(font_size, scale)
    while True:
        font = _font(font_path, size)
        rows, chip, pad, line = _legend_layout(items, width, font, size)
        spacing = round(size * LINE_SPACING)
        total = len(rows) * line + (len(rows) - 1) * spacing
        widest = max(r[-1][0] + r[-1][3] for r in rows)
        if (total <= height and widest <= width) or size <= min_size:
            break
        size = max(min_size, min(size - 1, int(size * 0.92)))
    draw = ImageDraw.Draw(canvas)
    text_color = _parse_color(layer.get("color"), (85, 85, 85, 255))
    y = box[1] + max(0, (height - total) // 2)
    for row in rows:
        left = box[0] + max(0, round(width - (row[-1][0] + row[-1][3])) // 2)
        for x, color, text, _width in row:
            x0 = round(left + x)
            chip_box = (x0, y + line // 6, x0 + chip, y + line * 5 // 6)
            draw.rounded_rectangle(chip_box, radius=max(1, chip // 5), fill=_parse_color(color), outline=(90, 90, 90))
            draw.text((x0 + chip + pad, y), text, font=font, fill=text_color)
        y += line + spacing


def _tint(image, color, strength=TINT_STRENGTH):
    """``image`` (RGBA) coloured by ``color``: a multiply blend, so light areas take the
    colour and shadows stay; transparency is kept."""
    from PIL import Image, ImageChops  # noqa: PLC0415

    rgb = _parse_color(color)
    solid = Image.new("RGBA", image.size, rgb[:3] + (255,))
    multiplied = ImageChops.multiply(image, solid)
    tinted = Image.blend(image, multiplied, strength)
    tinted.putalpha(image.getchannel("A"))
    return tinted


def render_preview(base_image=None, layers=(), size=DEFAULT_SIZE, font_path=None, images=None):
    """Return PNG bytes of a ``size`` x ``size`` preview.

    ``base_image``: bytes of the work's image (or None for a plain canvas).
    ``layers``: dicts with ``type``:
    "tint" (``color`` "#rrggbb": colours the work's image),
    "text" (``text``, ``x``/``y``/``w``/``h`` fractions, ``font_size`` in px of a
    1024 canvas, ``color`` "#rrggbb", optional ``font`` family of FONT_FAMILIES),
    "legend" (``items`` [[color, words], ...], a box and a ``font_size``) or
    "image" (``digest`` naming bytes in ``images``, and a box).
    """
    from PIL import Image, ImageOps  # noqa: PLC0415

    canvas = Image.new("RGBA", (size, size), (248, 246, 242, 255))
    tints = [layer["color"] for layer in layers if layer.get("type") == "tint" and is_color(layer.get("color"))]
    if base_image:
        with Image.open(io.BytesIO(base_image)) as base:
            base = ImageOps.contain(ImageOps.exif_transpose(base).convert("RGBA"), (size, size))
            for color in tints:
                base = _tint(base, color)
            canvas.alpha_composite(base, ((size - base.width) // 2, (size - base.height) // 2))
    else:
        for color in tints:  # no image: the options colour the canvas
            canvas = _tint(canvas, color)
    scale = size / DEFAULT_SIZE
    for layer in layers:
        box = _box(layer, size)
        kind = layer.get("type")
        if kind == "image":
            data = (images or {}).get(layer.get("digest"))
            if not data:
                continue
            with Image.open(io.BytesIO(data)) as upload:
                upload = ImageOps.exif_transpose(upload).convert("RGBA")
                upload.thumbnail((box[2] - box[0], box[3] - box[1]))
                canvas.alpha_composite(upload, (box[0], box[1]))
        elif kind == "legend":
            _draw_legend(canvas, layer, box, font_path, scale)
        elif kind == "text" and layer.get("text"):
            _draw_text(canvas, layer, box, font_path, scale)
    out = io.BytesIO()
    canvas.convert("RGB").save(out, format="PNG", compress_level=3)
    return out.getvalue()
