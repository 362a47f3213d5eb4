from odoo.fields import Command
from odoo.tests import tagged

from .test_venue_tour import FlexGiftVenueShopCase


@tagged("post_install", "-at_install")
class TestAllianceTour(FlexGiftVenueShopCase):
    """Chromium, no RPC: a member tops up at venue A through Odoo's demo provider, buys at
    venue B with the stored value and gets the member discount, then buys at B by wire
    transfer and gets none. One website answers on the test server's address at a time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.venue_b = (
            cls.env["flex.gift.venue.create"]
            .create({"name": "Tour Lakeside", "manager_name": "Tour Lakeside Manager", "manager_login": "tour_lake"})
            ._flex_gift_create_venue()
        )
        cls.enable_providers(cls.venue_b.company_id)
        buyer = cls.env["res.users"].search([("login", "=", "venue_buyer")])
        buyer.company_ids = [Command.link(cls.venue_b.company_id.id)]
        cls.alliance = cls.env["flex.gift.alliance"].create({"name": "Tour Alliance", "discount_percent": 10.0})
        (cls.venue | cls.venue_b).alliance_id = cls.alliance
        cls.lesson = (
            cls.env["product.template"]
            .with_company(cls.venue_b.company_id)
            .create(
                {
                    "name": "Tea Ceremony Lesson",
                    "type": "service",
                    "list_price": 30.0,
                    "company_id": cls.venue_b.company_id.id,
                    "website_id": cls.venue_b.website_id.id,
                    "is_published": True,
                    "taxes_id": [Command.clear()],
                }
            )
        )

    def card(self):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", self.customer.id), ("program_id", "=", self.alliance.program_id.id)]
        )

    def last_order(self, venue):
        return self.env["sale.order"].search(
            [("partner_id", "=", self.customer.id), ("company_id", "=", venue.company_id.id)], order="id desc", limit=1
        )

    def test_top_up_at_one_venue_spend_at_another(self):
        topup = self.alliance.topup_product_id.product_tmpl_id
        self.start_tour(topup.website_url, "flex_gift_alliance_topup", login="venue_buyer")
        order = self.last_order(self.venue)
        self.assertEqual(order.state, "sale", "paid through the demo provider: confirmed")
        self.assertEqual(order.transaction_ids.provider_id.code, "demo")
        self.assertAlmostEqual(order.amount_total, 50.0)
        self.assertAlmostEqual(self.card().points, 50.0)

        # venue B's website now answers on the test server's address
        self.website.domain = False
        self.venue_b.website_id.domain = self.base_url()
        self.env.flush_all()
        self.start_tour(self.lesson.website_url, "flex_gift_alliance_pay_with_stored_value", login="venue_buyer")
        order = self.last_order(self.venue_b)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.transaction_ids, "paid in full with stored value")
        self.assertAlmostEqual(order.order_line.filtered("flex_gift_member_discount").price_total, -3.0)
        self.assertAlmostEqual(self.card().points, 23.0)

        self.start_tour(self.lesson.website_url, "flex_gift_alliance_pay_by_transfer", login="venue_buyer")
        order = self.last_order(self.venue_b)
        self.assertEqual(order.transaction_ids.provider_id.code, "custom")
        self.assertFalse(order.order_line.filtered("flex_gift_member_discount"), "no discount paying by transfer")
        self.assertAlmostEqual(order.amount_total, 30.0)
        self.assertAlmostEqual(self.card().points, 23.0)
        entries = self.env["flex.gift.alliance.entry"].search([("card_id", "=", self.card().id)])
        self.assertEqual(
            sorted((e.kind, e.holder_venue_id.name, e.venue_id.name, e.amount) for e in entries),
            [("spend", "Tour Harbour", "Tour Lakeside", 27.0), ("topup", "Tour Harbour", "Tour Harbour", 50.0)],
        )
