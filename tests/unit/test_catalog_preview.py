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


# --------------------------------------------------------------------------
# text fitted in its printable area
# --------------------------------------------------------------------------


def test_wrap_keeps_line_breaks_and_breaks_at_spaces():
    assert preview.wrap_text("ab cd\nef", 5, len) == ["ab cd", "ef"]
    assert preview.wrap_text("ab cd ef", 5, len) == ["ab cd", "ef"]
    assert preview.wrap_text("abc", 5, len) == ["abc"]


def test_wrap_breaks_between_chinese_characters_and_cuts_long_words():
    assert preview.wrap_text("生日快乐妈妈", 4, len) == ["生日快乐", "妈妈"]
    lines = preview.wrap_text("abcdefghij", 4, len)
    assert lines == ["abcd", "efgh", "ij"]
    assert all(len(line) <= 9 for line in preview.wrap_text("Happy birthday dear grandmother", 9, len))


def fonts():
    font = preview.find_cjk_font()
    if not font:
        pytest.skip("no CJK font (Debian fonts-noto-cjk)")
    return font


def test_long_text_is_wrapped_then_shrunk_down_to_the_minimum():
    font = fonts()
    lines, size, fits = preview.fit_text("生日快乐", 400, 120, font, 72)
    assert (lines, size, fits) == (["生日快乐"], 72, True), "what fits keeps its size"
    lines, size, fits = preview.fit_text("生日快乐" * 3, 400, 200, font, 72)
    assert fits and len(lines) >= 2 and size <= 72
    lines, size, fits = preview.fit_text("W" * 200, 400, 60, font, 72, min_size=20)
    assert not fits and size == 20, "never below the minimum: the rule refuses such text"


def test_text_fits_measures_at_the_component_geometry():
    font = fonts()
    box = {"x": 0.1, "y": 0.7, "w": 0.8, "h": 0.18}
    assert preview.text_fits("生日快乐生日快乐生日快乐", box, font, 72)
    assert not preview.text_fits("W" * 120, box, font, 72)
    assert preview.min_font_size(72) == 36
    assert preview.min_font_size(20) == preview.MIN_FONT_PX


def test_text_never_runs_outside_its_box():
    font = fonts()
    box = {"x": 0.25, "y": 0.25, "w": 0.5, "h": 0.1}
    empty = PIL.open(io.BytesIO(preview.render_preview(None, [], size=200, font_path=font)))
    layer = {"type": "text", "text": "W" * 80, "font_size": 200, "color": "#000000", **box}
    drawn = PIL.open(io.BytesIO(preview.render_preview(None, [layer], size=200, font_path=font)))
    left, top, right, bottom = 50, 50, 150, 70
    for x in range(200):
        for y in range(200):
            if not (left <= x < right and top <= y < bottom):
                assert drawn.getpixel((x, y)) == empty.getpixel((x, y)), (x, y)
    assert drawn.tobytes() != empty.tobytes()


# --------------------------------------------------------------------------
# colours of the chosen options
# --------------------------------------------------------------------------


def test_stable_colors():
    assert preview.stable_color("7:12") == preview.stable_color("7:12")
    assert preview.stable_color("7:12") != preview.stable_color("7:13")
    assert preview.is_color(preview.stable_color("anything"))
    assert preview.is_color("#abc") and not preview.is_color("red") and not preview.is_color(None)
    assert preview.mix_colors(["#000000", "#ffffff"]) == "#808080"
    assert preview.mix_colors(["nonsense"]) is None


def test_a_tint_colours_the_work_and_each_colour_differently():
    out = io.BytesIO()
    PIL.new("RGB", (40, 40), (240, 240, 240)).save(out, format="PNG")
    base = out.getvalue()

    def middle(color):
        layers = [{"type": "tint", "color": color}] if color else []
        with PIL.open(io.BytesIO(preview.render_preview(base, layers, size=64))) as img:
            return img.getpixel((32, 32))

    plain, blue, red = middle(None), middle("#1f5fbf"), middle("#c0392b")
    assert plain != blue != red
    assert blue[2] > blue[0], "blue shows"


def test_the_legend_shows_each_value_in_its_colour():
    font = fonts()

    def render(items):
        layer = {"type": "legend", "items": items, "x": 0.02, "y": 0.8, "w": 0.96, "h": 0.18, "font_size": 26}
        return preview.render_preview(None, [layer], size=256, font_path=font)

    one = render([["#c0392b", "Clay: Stoneware"], ["#2c3e80", "Glaze: Celadon"]])
    two = render([["#c0392b", "Clay: Stoneware"], ["#2e8b57", "Glaze: Celadon"]])
    assert one != two, "another colour for the same words: another preview"
    many = render([[preview.stable_color(i), f"Attribute {i}: a rather long value name {i}"] for i in range(8)])
    with PIL.open(io.BytesIO(many)) as img:
        assert all(img.getpixel((x, y)) == (248, 246, 242) for x in range(256) for y in range(0, 200, 7))
