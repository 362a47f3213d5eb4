from markupsafe import Markup

from tests.conftest import load_tools

link_html = load_tools("flex_gift_share").link_html

ORDER_URL = "https://shop.example.com/my/orders/7"


def test_placeholder_holds_no_token_and_is_found_again():
    body = Markup("<p>Hi</p><ol><li>%s</li><li>%s</li></ol>") % (
        link_html.placeholder(ORDER_URL, 11, "Gift 1 <tea>"),
        link_html.placeholder(ORDER_URL + "?access_token=x", 12, "Gift 2"),
    )
    assert "Gift 1 &lt;tea&gt;" in body
    assert 'href="https://shop.example.com/my/orders/7?access_token=x&amp;flex_gift_link=12"' in body
    assert link_html.placeholder_ids(body) == [11, 12]


def test_fill_replaces_only_known_links_with_url_and_qr():
    body = str(link_html.placeholder(ORDER_URL, 11, "one") + link_html.placeholder(ORDER_URL, 12, "two"))
    filled = link_html.fill_placeholders(body, {11: ("https://s/gift/AbC_-1", "https://s/report/barcode?value=x&w=1")})
    assert '<a href="https://s/gift/AbC_-1">https://s/gift/AbC_-1</a>' in filled
    assert 'src="https://s/report/barcode?value=x&amp;w=1"' in filled
    assert ">one<" not in filled
    assert link_html.placeholder_ids(filled) == [12]  # not given: left as the link to the order


def test_fill_survives_attribute_order_and_quotes_from_a_sanitizer():
    body = '<p><a target="_blank" href="https://s/my/orders/7?flex_gift_link=5" class="x">\nGift\n</a></p>'
    assert link_html.fill_placeholders(body, {5: ("https://s/gift/T", "https://s/qr")}).startswith(
        '<p><a href="https://s/gift/T">'
    )
    assert link_html.fill_placeholders("", {}) == ""
    assert link_html.fill_placeholders('<a href="/shop?flex_gift_link_x=5">x</a>', {5: ("u", "q")}).endswith("x</a>")
