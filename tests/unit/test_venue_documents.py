import pytest

from tests.conftest import load_tools

documents = load_tools("flex_gift_venue").documents

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@pytest.mark.parametrize(
    "data, expected",
    [(PNG, ("image/png", "png")), (JPEG, ("image/jpeg", "jpg")), (PDF, ("application/pdf", "pdf"))],
)
def test_documents_are_typed_from_their_bytes(data, expected):
    assert documents.document_type(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00" + PDF,  # an executable, whatever its name
        b"<html><body>%PDF-</body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"GIF89a" + b"\0" * 16,
        b" %PDF-1.7",  # the signature must lead
    ],
)
def test_other_types_are_refused(data):
    with pytest.raises(documents.DocumentError) as error:
        documents.document_type(data)
    assert error.value.reason == "type"


def test_empty_and_oversized_documents_are_refused():
    with pytest.raises(documents.DocumentError) as error:
        documents.document_type(b"")
    assert error.value.reason == "empty"
    with pytest.raises(documents.DocumentError) as error:
        documents.document_type(PDF + b"\0" * documents.MAX_BYTES)
    assert error.value.reason == "size"
    assert documents.document_type(PDF, max_bytes=len(PDF)) == ("application/pdf", "pdf")
