import re
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged

# /shop/<product slug>-<id>, or /shop/<category slug>-<id>/<product slug>-<id> on a category page
PRODUCT_LINK = re.compile(r'href="/shop/(?!category/)(?:[^"/?]*/)?[^"/?]*-(\d+)(?:\?[^"]*)?"')
CATEGORY_LINK = re.compile(r'href="/shop/category/[^"/?]*-(\d+)"')


def in_order(pattern, html):
    """Record ids of the links matching `pattern`, in page order, each once."""
    return list(dict.fromkeys(int(i) for i in pattern.findall(html)))


@tagged("post_install", "-at_install")
class TestDemoWebsite(HttpCase):
    """What a visitor of the demo database sees first: the library, in English or Chinese."""

    def setUp(self):
        super().setUp()
        if not self.env["ir.module.module"]._get("flex_gift_demo").demo:
            self.skipTest("flex_gift_demo is installed without demo data: it sets up nothing then")
        self.website = self.env.ref("website.default_website")

    def test_chinese_is_active_on_the_website_with_our_translations(self):
        chinese = self.env["res.lang"]._lang_get("zh_CN")
        self.assertTrue(chinese.active)
        self.assertIn(chinese, self.website.language_ids)
        modules = self.env["ir.module.module"].search([("name", "=like", "flex_gift_%"), ("state", "=", "installed")])
        shipped = [m.name for m in modules if (Path(get_module_path(m.name)) / "i18n" / "zh_CN.po").is_file()]
        self.assertIn("flex_gift_catalog", shipped)
        for module in shipped:
            data = self.env["ir.model.data"].search(
                [("module", "=", module), ("model", "in", ("ir.model", "ir.ui.menu"))]
            )
            for record in (self.env[d.model].browse(d.res_id) for d in data):
                with self.subTest(module=module, record=record.name):
                    self.assertNotEqual(
                        record.with_context(lang="zh_CN").name,
                        record.with_context(lang="en_US").name,
                        "its zh_CN.po is loaded",
                    )

    def test_header_offers_chinese_and_the_shop_reads_in_chinese(self):
        html = self.url_open("/shop").text
        self.assertIn('data-url_code="zh_CN"', html, "the header's language selector offers Chinese")
        response = self.url_open("/zh_CN/shop")
        self.assertEqual(response.status_code, 200)
        self.assertIn('lang="zh-CN"', response.text)
        self.assertIn("购物车", response.text, "Odoo's own shop terms in Chinese")

    def test_library_works_come_first_on_the_shop(self):
        works = self.env["product.template"].search(
            [
                ("is_library_work", "=", True),
                ("is_published", "=", True),
                ("website_id", "in", (False, self.website.id)),
            ],
            order="website_sequence, id",
        )
        self.assertGreaterEqual(len(works), 3, "the demo publishes three works")
        html = self.url_open("/shop").text
        shown = in_order(PRODUCT_LINK, html)
        self.assertEqual(shown[: len(works)], works.ids, "the library's works open the shop")
        self.assertTrue(set(shown) - set(works.ids), "Odoo's demo products follow them on the same page")
        library = self.env.ref("flex_gift_catalog.product_public_category_library_demo")
        self.assertEqual(in_order(CATEGORY_LINK, html)[:1], [library.id], "the library's category is listed first")
        self.assertTrue(works.public_categ_ids, "each work has its own category")
        self.assertEqual(works.public_categ_ids.parent_id, library)
        in_library = in_order(PRODUCT_LINK, self.url_open(f"/shop/category/{library.id}").text)
        self.assertEqual(set(in_library), set(works.ids), "the library category holds the works, nothing else")
