"""Qualification documents of an application, checked without the ORM.

A document's type is read from its first bytes, never from the name or the type the
browser claims: a licence or an ID is a PDF, a PNG or a JPEG, of at most ``MAX_BYTES``.
A renamed executable, an HTML page or an SVG (which may carry scripts) is refused.
"""

MAX_BYTES = 5 * 1024 * 1024

# (leading bytes, mimetype, extension)
SIGNATURES = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
]


class DocumentError(ValueError):
    """A document that is refused: ``reason`` is ``"empty"``, ``"size"`` or ``"type"``."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def document_type(data, max_bytes=MAX_BYTES):
    """(mimetype, extension) of ``data`` (bytes), or DocumentError."""
    if not data:
        raise DocumentError("empty")
    if len(data) > max_bytes:
        raise DocumentError("size")
    for signature, mimetype, extension in SIGNATURES:
        if data.startswith(signature):
            return mimetype, extension
    raise DocumentError("type")
