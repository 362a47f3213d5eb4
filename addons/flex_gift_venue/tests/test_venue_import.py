from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import FlexGiftVenueCommon


@tagged("post_install", "-at_install")
class TestVenueImport(FlexGiftVenueCommon):
    def shop_price(self, venue, work, size, color):
        """The price the venue's pricelist gives a combination (what its shop shows)."""
        combination = self._combination_of(work, size, color)
        product = work.product_variant_id
        context = product._get_product_price_context(combination)
        return venue.pricelist_id._get_product_price(product.with_context(**context), 1.0)

    def test_import_prices_every_combination_with_the_venue_rule(self):
        rows_before = self.env["flex.gift.combination"].search_count([])
        for size, color in ((0, 0), (2, 3), (4, 4)):
            row = self.env["flex.gift.combination"]._flex_gift_lookup(
                self.work_a, self._combination_of(self.work_a, size, color)
            )
            # markup 30 %, rounded to the unit, minus 0.10 (".90")
            expected = round(row.price * 1.3) - 0.10
            self.assertAlmostEqual(self.shop_price(self.venue_a, self.work_a, size, color), expected, places=2)
        self.assertEqual(self.env["flex.gift.combination"].search_count([]), rows_before, "no matrix row copied")
        self.assertEqual(self.listing_a.pricelist_item_id.pricelist_id, self.venue_a.pricelist_id)

    def test_price_change_shows_at_once(self):
        combination = self._combination_of(self.work_a, 1, 1)
        row = self.env["flex.gift.combination"]._flex_gift_lookup(self.work_a, combination)
        row.price = 200.0
        self.env.invalidate_all()
        self.assertAlmostEqual(self.shop_price(self.venue_a, self.work_a, 1, 1), 259.90, places=2)
        self.env.cr.precommit.run()  # the venues are told when the transaction commits
        self.assertIn("changed the price", self.listing_a.message_ids[:1].body)

    def test_listing_rule_overrides_venue_rule(self):
        self.listing_a.write({"use_venue_rule": False, "markup_percent": 50.0, "rounding": "integer"})
        row = self.env["flex.gift.combination"]._flex_gift_lookup(self.work_a, self._combination_of(self.work_a, 0, 0))
        self.assertAlmostEqual(self.shop_price(self.venue_a, self.work_a, 0, 0), round(row.price * 1.5), places=2)

    def test_price_under_platform_price_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "under what"):
            self.listing_a.write({"use_venue_rule": False, "markup_percent": -50.0})
        self.env.invalidate_all()
        self.assertTrue(self.listing_a.use_venue_rule, "nothing written")

    def test_unpublished_work_cannot_be_imported(self):
        draft = self.create_work("Draft Work", self.studio_a, 10.0)
        with self.assertRaisesRegex(ValidationError, "published"):
            self.env["flex.gift.venue.listing"].create({"venue_id": self.venue_a.id, "product_tmpl_id": draft.id})

    def test_imported_only_on_its_venue_shop(self):
        domain_a = self.venue_a.website_id.sale_product_domain()
        domain_b = self.venue_b.website_id.sale_product_domain()
        Template = self.env["product.template"]
        self.assertIn(self.work_a, Template.search(domain_a))
        self.assertNotIn(self.work_b, Template.search(domain_a))
        self.assertNotIn(self.work_a, Template.search(domain_b))

    def test_withdrawn_work_leaves_the_shop_and_tells_the_venue(self):
        self.work_a.with_user(self.curator).action_library_withdraw()
        public = self.env.ref("base.public_user")
        domain = self.venue_a.website_id.with_user(public).sale_product_domain()
        self.assertNotIn(self.work_a, self.env["product.template"].search(domain))
        self.assertIn("withdrew", self.listing_a.message_ids[:1].body)
        self.assertFalse(self.work_a._flex_gift_sold_on_website(self.venue_a.website_id))

    def test_lead_time_adds_handling_days(self):
        combination = self._combination_of(self.work_a, 0, 0)
        row = self.env["flex.gift.combination"]._flex_gift_lookup(self.work_a, combination)
        website = self.venue_a.website_id
        info = self.work_a.with_context(website_id=website.id)._flex_gift_configuration_info(combination, {})
        self.assertEqual(info["lead_days"], row.lead_days + 2)
