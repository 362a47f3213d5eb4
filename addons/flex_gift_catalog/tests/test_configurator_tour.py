from odoo.tests import HttpCase, tagged


class ConfiguratorTourMixin:
    """The configurator tour as an anonymous visitor, then what the cart holds."""

    allow_inherited_tests_method = True  # Odoo's loader: run the test below in each screen size

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = cls.env.ref("flex_gift_catalog.product_template_tea_set_demo")

    def test_price_with_extras_is_charged_and_the_preview_follows_every_option(self):
        self.start_tour(f"/shop/{self.work.id}", "flex_gift_catalog_configurator_price")
        line = self.env["sale.order.line"].search(
            [("product_id.product_tmpl_id", "=", self.work.id), ("order_id.website_id", "!=", False)],
            order="id desc",
            limit=1,
        )
        components = self.work.flex_gift_component_ids
        gold = components._flex_gift_chosen_options(line.flex_gift_personalization)
        self.assertEqual(gold.mapped("name"), ["Gold 金色"])
        names = line.product_no_variant_attribute_value_ids.mapped("name")
        self.assertTrue({"Porcelain 瓷", "Tenmoku 天目", "Bamboo 竹盒"} <= set(names), names)
        # the order charges the matrix price of the combination plus the extra, through
        # the visitor's pricelist: what the tour read on the page
        self.assertEqual(line._get_pricelist_price_before_discount(), line.flex_gift_combination_id.price + 12)
        self.assertEqual(line.price_unit, line._get_pricelist_price())
        breakdown = line._flex_gift_price_breakdown()
        self.assertEqual([part["is_extra"] for part in breakdown], [False, True])
        self.assertAlmostEqual(sum(part["amount"] for part in breakdown), line._get_cart_display_price())


@tagged("post_install", "-at_install")
class TestConfiguratorTourDesktop(ConfiguratorTourMixin, HttpCase):
    pass


@tagged("post_install", "-at_install")
class TestConfiguratorTourPhone(ConfiguratorTourMixin, HttpCase):
    """At 390 x 844, a phone held upright: the preview stays on screen while the
    options, far below it on the page, change."""

    browser_size = "390x844"
    touch_enabled = True
