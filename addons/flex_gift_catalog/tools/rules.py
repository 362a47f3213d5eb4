"""Validation of personalization input: text rules and uploaded images.

Every check raises :class:`RuleViolation` with a stable ``code`` and
parameters; the ORM layer turns the code into a message in the user's
language. Nothing here trusts what the browser says about its input: image
types are sniffed from the bytes, sizes are measured, not read from headers
alone.
"""

import io
import unicodedata
import warnings

CHARSETS = ("any", "latin", "cjk_latin", "digits")

# Unicode categories never accepted in personalization text: controls, format
# characters (zero-width, bidi overrides), private use, surrogates, unassigned.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}

IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
PIL_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
TYPE_NAMES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP"}


class RuleViolation(ValueError):
    """A personalization value breaks a rule; ``code`` says which."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


def type_names(mimetypes):
    """“PNG, JPEG” for ("image/png", "image/jpeg"): the names people know types by."""
    return ", ".join(TYPE_NAMES.get(t, t.rpartition("/")[2].upper()) for t in mimetypes)


def human_bytes(size):
    """“820 KB”, “5 MB”, “5.2 MB” (1 KB = 1,024 bytes)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def megapixels(pixels):
    """“12”, “0.25”: a pixel count in megapixels, at most two decimals."""
    return f"{pixels / 1_000_000:.2f}".rstrip("0").rstrip(".")


def example_dimensions(pixels):
    """“4000 × 3000” for 12,000,000: a 4:3 image of at most that many pixels."""
    return f"{int((pixels * 4 / 3) ** 0.5)} × {int((pixels * 3 / 4) ** 0.5)}"


def _is_cjk(char):
    cp = ord(char)
    return (
        0x4E00 <= cp <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= cp <= 0x4DBF  # extension A
        or 0x20000 <= cp <= 0x2EBEF  # extensions B-F
        or 0x3000 <= cp <= 0x303F  # CJK symbols and punctuation
        or 0xFF00 <= cp <= 0xFFEF  # half/full width forms
        or 0x3040 <= cp <= 0x30FF  # kana
        or 0xAC00 <= cp <= 0xD7AF  # hangul
    )


def _is_latin(char):
    return char == " " or (0x21 <= ord(char) <= 0x7E)


def char_allowed(char, charset):
    if charset == "digits":
        return "0" <= char <= "9"
    if charset == "latin":
        return _is_latin(char)
    if charset == "cjk_latin":
        return _is_latin(char) or _is_cjk(char)
    return True  # "any": only the forbidden categories are refused


def clean_text(value, *, max_length=0, max_lines=1, charset="any", required=False):
    """Return the normalized text or raise RuleViolation.

    Normalization: NFC, CRLF/CR to LF, trailing spaces of each line and
    surrounding blank lines removed. ``max_length`` counts characters
    (not bytes) without line breaks; 0 means no limit.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RuleViolation("not_text")
    if charset not in CHARSETS:
        raise RuleViolation("bad_charset", charset=charset)
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n").strip()
    if not text:
        if required:
            raise RuleViolation("required")
        return ""
    lines = text.split("\n")
    if max_lines and len(lines) > max_lines:
        raise RuleViolation("too_many_lines", max_lines=max_lines, lines=len(lines))
    for char in text:
        if char == "\n":
            continue
        if unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
            raise RuleViolation("control_character", codepoint=f"U+{ord(char):04X}")
        if not char_allowed(char, charset):
            raise RuleViolation("character_not_allowed", char=char)
    length = len(text) - text.count("\n")
    if max_length and length > max_length:
        raise RuleViolation("too_long", max_length=max_length, length=length)
    return text


def sniff_image_type(data):
    """MIME type of image bytes from their signature, or None."""
    head = bytes(data[:16])
    for signature, mimetype in IMAGE_SIGNATURES:
        if head.startswith(signature):
            return mimetype
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_image(data, *, allowed_types=("image/png", "image/jpeg"), max_bytes=0, max_pixels=0):
    """Check uploaded image bytes; return (mimetype, width, height) or raise RuleViolation.

    The type comes from the content, never from a file name or a header the
    browser sent. The pixel count is checked before decoding, and the image is
    then fully decoded with Pillow's decompression-bomb guard turned into an
    error, so a small file that inflates to a huge bitmap is refused.
    """
    from PIL import Image  # noqa: PLC0415  (Pillow comes with Odoo)

    if not data:
        raise RuleViolation("required")
    if max_bytes and len(data) > max_bytes:
        raise RuleViolation("image_too_heavy", max_bytes=max_bytes, size=len(data))
    mimetype = sniff_image_type(data)
    if not mimetype or mimetype not in allowed_types:
        raise RuleViolation("image_type", allowed=", ".join(allowed_types), found=mimetype)
    limit = max_pixels or 50_000_000
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                if PIL_FORMATS.get(img.format) != mimetype:
                    raise RuleViolation("image_type", allowed=", ".join(allowed_types), found=None)
                width, height = img.size
                if width * height > limit:
                    raise RuleViolation(
                        "image_too_large", max_pixels=limit, pixels=width * height, width=width, height=height
                    )
                frames = getattr(img, "n_frames", 1)
                if frames * width * height > limit:
                    raise RuleViolation("image_too_large", max_pixels=limit, pixels=frames * width * height)
                img.load()
    except RuleViolation:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise RuleViolation("image_too_large", max_pixels=limit, pixels=0) from None
    except Exception:  # noqa: BLE001  any decoder failure means "not a valid image"
        raise RuleViolation("image_unreadable") from None
    return mimetype, width, height
