import io

import pytest

from tests.conftest import load_tools

rules = load_tools("flex_gift_catalog").rules
PIL = pytest.importorskip("PIL.Image")


def png(width=4, height=4, fmt="PNG"):
    out = io.BytesIO()
    PIL.new("RGB", (width, height), (200, 10, 10)).save(out, format=fmt)
    return out.getvalue()


def code_of(func, *args, **kwargs):
    with pytest.raises(rules.RuleViolation) as info:
        func(*args, **kwargs)
    return info.value.code


def test_text_is_normalized():
    assert rules.clean_text("  Hello  \r\n", max_length=10) == "Hello"
    assert rules.clean_text("生日快乐", max_length=4, charset="cjk_latin") == "生日快乐"


def test_text_limits():
    assert code_of(rules.clean_text, "x" * 11, max_length=10) == "too_long"
    assert code_of(rules.clean_text, "a\nb\nc", max_lines=2) == "too_many_lines"
    assert rules.clean_text("a\nb", max_lines=2, max_length=2) == "a\nb"


@pytest.mark.parametrize("evil", ["a\x00b", "a\x1bb", "a\u202eb", "a\u200bb", "a\ue000b"])
def test_control_and_format_characters_are_refused(evil):
    assert code_of(rules.clean_text, evil) == "control_character"


def test_charsets():
    assert code_of(rules.clean_text, "生日", charset="latin") == "character_not_allowed"
    assert code_of(rules.clean_text, "12a", charset="digits") == "character_not_allowed"
    assert rules.clean_text("Love 爱 2026!", charset="cjk_latin") == "Love 爱 2026!"
    assert code_of(rules.clean_text, "é", charset="cjk_latin") == "character_not_allowed"


def test_required_and_type():
    assert code_of(rules.clean_text, "   ", required=True) == "required"
    assert code_of(rules.clean_text, 42) == "not_text"
    assert rules.clean_text(None) == ""


def test_image_type_is_sniffed_from_content():
    assert rules.check_image(png()) == ("image/png", 4, 4)
    assert rules.check_image(png(fmt="JPEG"))[0] == "image/jpeg"
    assert code_of(rules.check_image, b"<svg xmlns='http://www.w3.org/2000/svg'/>") == "image_type"
    assert code_of(rules.check_image, png(fmt="GIF")) == "image_type"  # not in allowed types
    assert code_of(rules.check_image, b"\x89PNG\r\n\x1a\n" + b"junk" * 10) == "image_unreadable"


def test_image_size_limits():
    assert code_of(rules.check_image, png(), max_bytes=10) == "image_too_heavy"
    assert code_of(rules.check_image, png(100, 100), max_pixels=100) == "image_too_large"


def test_decompression_bomb_is_refused():
    # a tiny file that claims a 20000 x 20000 bitmap: refused before decoding
    out = io.BytesIO()
    PIL.new("1", (20000, 20000)).save(out, format="PNG")
    bomb = out.getvalue()
    assert len(bomb) < 200_000
    assert code_of(rules.check_image, bomb, max_pixels=4_000_000) == "image_too_large"
    assert code_of(rules.check_image, bomb) == "image_too_large"
