from odoo.tests import BaseCase, tagged

from odoo.addons.flex_gift_venue.tools import pricing


@tagged("post_install", "-at_install")
class TestPricingTools(BaseCase):
    def test_venue_price(self):
        self.assertEqual(pricing.venue_price(100.0), 100.0)
        self.assertEqual(pricing.venue_price(100.0, 30.0), 130.0)
        self.assertEqual(pricing.venue_price(44.1, 30.0, 0.0, "x90"), 56.90)  # 57.33 -> 57 -> 56.90
        self.assertEqual(pricing.venue_price(44.1, 30.0, 0.0, "x99"), 56.99)
        self.assertEqual(pricing.venue_price(44.1, 30.0, 2.0, "integer"), 59.0)

    def test_platform_price(self):
        self.assertEqual(pricing.platform_price(100.0, 20.0), 80.0)
        self.assertEqual(pricing.platform_price(99.99, 0.0), 99.99)

    def test_lowest_margin(self):
        self.assertGreater(pricing.lowest_margin([10.0, 200.0], 0.0, 0.0, "none", 20.0), 0)
        self.assertLess(pricing.lowest_margin([10.0, 200.0], -30.0, 0.0, "none", 20.0), 0)
        self.assertEqual(pricing.lowest_margin([], 0.0, 0.0, "none", 20.0), 0.0)
