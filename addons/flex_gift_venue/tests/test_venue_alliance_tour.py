from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

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
        cls.alliance = cls.env["flex.gift.alliance"].create(
            {
                "name": "Tour Alliance",
                "discount_percent": 10.0,
                "preset_ids": [Command.create({"amount": 50.0, "bonus": 5.0}), Command.create({"amount": 100.0})],
            }
        )
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
        self.start_tour("/alliance", "flex_gift_alliance_topup", login="venue_buyer")
        order = self.last_order(self.venue)
        self.assertEqual(order.state, "sale", "paid through the demo provider: confirmed")
        self.assertEqual(order.transaction_ids.provider_id.code, "demo")
        self.assertAlmostEqual(order.amount_total, 50.0)
        self.assertAlmostEqual(self.card().points, 55.0, msg="the preset's bonus")

        # venue B's website now answers on the test server's address
        self.website.domain = False
        self.env.flush_all()  # a domain is one website's at a time
        self.venue_b.website_id.domain = self.base_url()
        self.env.flush_all()
        self.start_tour(self.lesson.website_url, "flex_gift_alliance_pay_with_stored_value", login="venue_buyer")
        order = self.last_order(self.venue_b)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.transaction_ids, "paid in full with stored value")
        self.assertAlmostEqual(order.order_line.filtered("flex_gift_member_discount").price_total, -3.0)
        self.assertAlmostEqual(self.card().points, 28.0)

        self.start_tour(self.lesson.website_url, "flex_gift_alliance_pay_by_transfer", login="venue_buyer")
        order = self.last_order(self.venue_b)
        self.assertEqual(order.transaction_ids.provider_id.code, "custom")
        self.assertFalse(order.order_line.filtered("flex_gift_member_discount"), "no discount paying by transfer")
        self.assertAlmostEqual(order.amount_total, 30.0)
        self.assertAlmostEqual(self.card().points, 28.0)
        self.start_tour("/my/membership", "flex_gift_alliance_my_membership", login="venue_buyer")
        entries = self.env["flex.gift.alliance.entry"].search([("card_id", "=", self.card().id)])
        self.assertEqual(
            sorted((e.kind, e.holder_venue_id.name, e.venue_id.name, e.amount) for e in entries),
            [
                ("bonus", "Tour Harbour", "Tour Harbour", 5.0),
                ("spend", "Tour Harbour", "Tour Lakeside", 27.0),
                ("topup", "Tour Harbour", "Tour Harbour", 50.0),
            ],
        )


@tagged("post_install", "-at_install")
class TestAllianceTampering(FlexGiftVenueShopCase):
    """Over HTTP, as the member: a cart that keeps the member discount while a provider
    would pay part of it is refused by the shop's and the portal's payment routes (nothing
    spent, no transaction), and re-priced by the shop's own confirmation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alliance = cls.env["flex.gift.alliance"].create({"name": "Tamper Alliance", "discount_percent": 10.0})
        cls.venue.alliance_id = cls.alliance
        company = cls.venue.company_id
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=[company.id, cls.venue.platform_company_id.id]))
        Order = env["sale.order"].with_company(company)
        values = {"partner_id": cls.customer.id, "company_id": company.id, "website_id": cls.venue.website_id.id}
        topup_line = Command.create({"product_id": cls.alliance.topup_product_id.id, "product_uom_qty": 50})
        topup = Order.create(dict(values, order_line=[topup_line]))
        topup.action_confirm()
        cls.card = cls.env["loyalty.card"].search(
            [("partner_id", "=", cls.customer.id), ("program_id", "=", cls.alliance.program_id.id)]
        )
        lesson = env["product.product"].create(
            {"name": "Lesson", "type": "service", "list_price": 30.0, "company_id": company.id, "taxes_id": False}
        )
        cls.order = Order.create(dict(values, order_line=[Command.create({"product_id": lesson.id})]))
        cls.order._update_programs_and_rewards()
        cls.order._apply_program_reward(cls.order._get_claimable_rewards()[cls.card], cls.card)
        cls.order._update_programs_and_rewards()
        # what a tampered cart would hold: the discount kept, the stored value paying only part
        cls.order._flex_gift_wallet_lines().price_unit = -10.0
        cls.provider = cls.env["payment.provider"].search(
            [("company_id", "=", company.id), ("code", "=", "demo")], limit=1
        )

    def pay(self, route):
        """The error message the payment route answers, or None."""
        params = {
            "access_token": self.order._portal_ensure_token(),
            "provider_id": self.provider.id,
            "payment_method_id": self.provider.payment_method_ids[:1].id,
            "token_id": None,
            "amount": self.order.amount_total,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": "/shop/payment/validate",
        }
        response = self.url_open(route, json={"jsonrpc": "2.0", "method": "call", "id": 0, "params": params})
        return response.json().get("error", {}).get("data", {}).get("message")

    @mute_logger("odoo.http")
    def test_a_kept_discount_is_refused_by_every_payment_route(self):
        self.assertAlmostEqual(self.order.amount_total, 17.0)
        self.authenticate("venue_buyer", "venue_buyer")
        for route in (f"/shop/payment/transaction/{self.order.id}", f"/my/orders/{self.order.id}/transaction"):
            with self.subTest(route=route):
                self.assertIn("only for orders paid in full with stored value", self.pay(route) or "")
        self.assertFalse(self.order.transaction_ids)
        self.assertEqual(self.card.points, 50.0, "nothing spent")
        # the shop's own confirmation of the cart re-prices it first: the stored value pays all
        self.url_open("/shop/payment/validate")
        self.assertEqual(self.order.state, "sale")
        self.assertAlmostEqual(self.order.amount_total, 0.0)
        self.assertAlmostEqual(self.order._flex_gift_wallet_lines().price_total, -27.0)
        self.assertFalse(self.order.transaction_ids)
        self.assertEqual(self.card.points, 23.0)
