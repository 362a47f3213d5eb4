import io

import pytest

from tests.conftest import load_tools

preview = load_tools("flex_gift_catalog").preview
PIL = pytest.importorskip("PIL.Image")


def layers(text):
    return [{"type": "text", "text": text, "x": 0.1, "y": 0.7, "w": 0.8, "h": 0.2, "font_size": 64, "color": "#aa0000"}]


def test_digest_is_stable_and_content_sensitive():
    a = preview.preview_digest("base", layers("Hi"))
    assert a == preview.preview_digest("base", layers("Hi"))
    assert a != preview.preview_digest("base", layers("Ho"))
    assert a != preview.preview_digest("other", layers("Hi"))
    assert len(a) == 64


def test_render_is_a_png_of_the_asked_size():
    data = preview.render_preview(None, layers("生日快乐 Happy"), size=256, font_path=preview.find_cjk_font())
    with PIL.open(io.BytesIO(data)) as img:
        assert img.format == "PNG"
        assert img.size == (256, 256)


def test_text_changes_the_pixels():
    font = preview.find_cjk_font()
    one = preview.render_preview(None, layers("A"), size=128, font_path=font)
    two = preview.render_preview(None, layers("B"), size=128, font_path=font)
    assert one != two


def test_base_image_and_image_layer_are_drawn():
    out = io.BytesIO()
    PIL.new("RGB", (50, 30), (0, 0, 255)).save(out, format="PNG")
    base = out.getvalue()
    data = preview.render_preview(
        base,
        [{"type": "image", "digest": "u", "x": 0, "y": 0, "w": 0.2, "h": 0.2}],
        size=100,
        images={"u": base},
    )
    with PIL.open(io.BytesIO(data)) as img:
        assert img.getpixel((50, 50))[2] > 200  # the blue base image in the middle


def test_overlong_text_shrinks_into_its_box():
    data = preview.render_preview(None, layers("W" * 80), size=128, font_path=preview.find_cjk_font())
    assert data.startswith(b"\x89PNG")


def test_font_families():
    sans, serif = preview.find_cjk_font("sans"), preview.find_cjk_font("serif")
    if not (sans and serif) or sans == serif:
        pytest.skip("Noto Sans/Serif CJK (Debian fonts-noto-cjk) not installed")
    one = preview.render_preview(None, [{**layers("福")[0], "font": "sans"}], size=128)
    two = preview.render_preview(None, [{**layers("福")[0], "font": "serif"}], size=128)
    assert one != two
    assert preview.find_cjk_font("no such family") is not None
