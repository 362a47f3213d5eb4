from odoo.tests import tagged

from .common import FlexGiftShopTourCase


@tagged("post_install", "-at_install")
class TestShopTour(FlexGiftShopTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = cls.env.ref("flex_gift_catalog.product_template_tea_set_demo")

    def test_configure_personalize_order_and_find_it_in_the_portal(self):
        """In Chromium: pick a combination and see price and lead time change, type an
        engraving and see the preview change, add to cart, check out and pay by wire
        transfer, then find the order with its preview in the portal."""
        self.start_tour(f"/shop/{self.work.id}", "flex_gift_catalog_configure", login="portal")
        order = self.env["sale.order"].search([("partner_id", "=", self.customer.id)], order="id desc", limit=1)
        line = order.order_line.filtered(lambda sol: sol.product_id.product_tmpl_id == self.work)
        self.assertEqual(len(line), 1)
        self.assertIn("Engraving 刻字: 福", line.name)
        self.assertTrue(line.flex_gift_preview_id)
        expected = (
            self.env["flex.gift.combination"]
            ._flex_gift_lookup(self.work, line.product_no_variant_attribute_value_ids)
            .price
        )
        # the matrix price is the base the order's pricelist works from (the demo
        # portal customer has a 10% pricelist): the browser never sets it
        self.assertEqual(line._get_pricelist_price_before_discount(), expected)
        self.assertEqual(line.price_unit, line._get_pricelist_price())
        self.assertTrue(order.transaction_ids, "paid through the checkout")
        self.start_tour(order.get_portal_url(), "flex_gift_catalog_portal_order", login="portal")
