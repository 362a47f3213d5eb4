import pytest

from tests.conftest import load_tools

text = load_tools("flex_gift_catalog").text


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, ""),
        (False, ""),
        ("  Wang   Li \t", "Wang Li"),
        ("Wang\x00Li", "WangLi"),
        ("Wang\r\nLi", "Wang Li"),
        ("\x1b[31mred\x1b[0m name", "red name"),
        ("\u202eevil\u202c name", "evil name"),
        ("\u2066iso\u2069", "iso"),
        ("bell\x07 \x9fC1\x85x", "bell C1 x"),
        ("csi\x9b2Jx", "csix"),
        ("王小明", "王小明"),
        (12, "12"),
    ],
)
def test_clean_single_line(value, expected):
    assert text.clean(value) == expected


def test_clean_multiline_keeps_line_breaks_only():
    typed = " Happy\r\nbirthday!\x00\n\n\n\n\tFrom \u202eus\u202c \u2028end "
    assert text.clean(typed, multiline=True) == "Happy\nbirthday!\n\nFrom us\nend"


def test_clean_never_cuts():
    assert len(text.clean("N" * 10_000)) == 10_000


@pytest.mark.parametrize("value", [["a"], {"a": 1}, b"bytes", object()])
def test_clean_refuses_what_is_not_text(value):
    assert not text.is_text(value)
    with pytest.raises(TypeError):
        text.clean(value)


@pytest.mark.parametrize(
    "value, expected",
    [
        (7, 7),
        ("42", 42),
        (" 42 ", 42),
        ("2147483647", 2**31 - 1),
        ("2147483648", None),
        (2**31, None),
        ("9" * 5000, None),
        ("²", None),
        ("١٢", None),
        ("-1", None),
        (0, None),
        (True, None),
        (1.0, None),
        ([1], None),
        ({"id": 1}, None),
        (None, None),
        ("", None),
        ("1\x00", None),
    ],
)
def test_to_id(value, expected):
    assert text.to_id(value) == expected


def test_to_ids():
    assert text.to_ids([3, "3", "x", 2**40, 5]) == [3, 5]
    assert text.to_ids("1,2") == []
    assert text.to_ids(list(range(1, 1000)), limit=10) == list(range(1, 11))
