"""Normalise what a visitor types before anything is checked or stored.

A public form (a gift claim, the cart's gift options) receives whatever a client sends:
strings with NUL bytes (PostgreSQL refuses them), terminal escape sequences, bidi override
characters that make a name read backwards in the backend, numbers where text is expected,
lists where a string is expected, ids too large for a database integer. These helpers turn
such input into plain text or a valid id, or say that it is not one; the caller refuses it
with a message (a length over the limit is never cut: the caller refuses it).
"""

import re

# the bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069)
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 controls, DEL and C1 controls; line breaks and tabs are handled before these are removed
_CONTROLS_RE = re.compile("[\x00-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")
# an ANSI escape sequence (CSI ... final byte, or ESC + one character): removed whole, so no
# "[31m" is left behind its removed ESC
_ESCAPE_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]")
_SPACES_RE = re.compile(r"[^\S\n]+")
# line and paragraph separators count as line breaks
_BREAKS_RE = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

# the largest id PostgreSQL's integer column holds
MAX_ID = 2**31 - 1


def _blank(match):
    """A removed control character: a space when it separated words, else nothing."""
    return " " if match.group().isspace() else ""


def is_text(value):
    """Whether ``value`` may be read as text: a string, a number, or nothing (None/False)."""
    return value is None or isinstance(value, str | int | float)


def clean(value, multiline=False):
    """``value`` as plain text: escape sequences and control characters (C0, DEL, C1) and bidi
    overrides removed, white space made single spaces, trimmed.

    :param multiline: keep line breaks (as ``\\n``, at most two in a row), as a message needs
    :return: the text ("" for None or False)
    :raise TypeError: ``value`` is not text (a list, a dict): see :func:`is_text`
    """
    if value is None or value is False:
        return ""
    if not is_text(value):
        raise TypeError(f"not text: {type(value).__name__}")
    text = _ESCAPE_RE.sub("", str(value))
    if multiline:
        text = _BREAKS_RE.sub("\n", text).replace("\t", " ")
        text = _CONTROLS_RE.sub(lambda m: m.group() if m.group() == "\n" else _blank(m), text)
        lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    text = _CONTROLS_RE.sub(_blank, text)
    return " ".join(text.split())


def to_id(value):
    """A database id from ``value`` (an integer, or a string of ASCII digits), else None: never
    raises, whatever the type or size (``"²"``, ``"9" * 5000``, ``[1]``, ``True``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not (value.isascii() and value.isdigit() and len(value) <= 10):
            return None
        value = int(value)
    if not isinstance(value, int):
        return None
    return value if 0 < value <= MAX_ID else None


def to_ids(values, limit=100):
    """The valid ids of ``values`` (a list), in order, without duplicates; at most ``limit``
    of them; [] when ``values`` is not a list."""
    if not isinstance(values, list | tuple):
        return []
    ids = []
    for value in values[: limit * 2]:
        id_ = to_id(value)
        if id_ and id_ not in ids:
            ids.append(id_)
    return ids[:limit]
