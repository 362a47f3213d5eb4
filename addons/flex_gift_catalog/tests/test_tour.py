from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestShopTour(HttpCase):
    def test_configure_personalize_and_add_to_cart(self):
        """In Chromium: pick a combination, see price and lead time change, type an
        engraving, see the preview change, add to cart, see the preview in the cart."""
        work = self.env.ref("flex_gift_catalog.product_template_tea_set_demo")
        self.start_tour(f"/shop/{work.id}", "flex_gift_catalog_configure", login="portal")
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.env.ref("base.partner_demo_portal").id)], order="id desc", limit=1
        )
        line = order.order_line.filtered(lambda sol: sol.product_id.product_tmpl_id == work)
        self.assertEqual(len(line), 1)
        self.assertIn("Engraving 刻字: 福", line.name)
        self.assertTrue(line.flex_gift_preview_id)
        expected = work._flex_gift_get_combination(line.product_no_variant_attribute_value_ids).price
        # the matrix price is the base the order's pricelist works from (the demo
        # portal customer has a 10% pricelist): the browser never sets it
        self.assertEqual(line._get_pricelist_price_before_discount(), expected)
        self.assertEqual(line.price_unit, line._get_pricelist_price())
