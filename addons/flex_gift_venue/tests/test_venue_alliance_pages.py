import re

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_venue_tour import FlexGiftVenueShopCase


@tagged("post_install", "-at_install")
class TestAlliancePages(FlexGiftVenueShopCase):
    """Over HTTP: the venue's "Become a member" page puts a checked top-up in the cart, and
    "My membership" shows the member their own stored value, nobody else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alliance = cls.env["flex.gift.alliance"].create(
            {
                "name": "Page Alliance",
                "discount_percent": 10.0,
                "preset_ids": [Command.create({"amount": 50.0}), Command.create({"amount": 100.0, "bonus": 8.0})],
            }
        )
        cls.venue.alliance_id = cls.alliance
        company = cls.venue.company_id
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=[company.id, cls.venue.platform_company_id.id]))
        cls.Order = env["sale.order"].with_company(company)
        cls.other = cls.env["res.partner"].create({"name": "Someone Else Entirely", "email": "else@example.com"})
        cls.other_topup = cls.topup(cls.other, 50.0)

    @classmethod
    def topup(cls, partner, amount):
        company = cls.venue.company_id
        line = Command.create({"product_id": cls.alliance.topup_product_id.id, "product_uom_qty": amount})
        order = cls.Order.create({"partner_id": partner.id, "company_id": company.id, "order_line": [line]})
        order.action_confirm()
        return order

    def csrf_token(self):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open("/alliance").text).group(1)

    def post_topup(self, amount, token=None):
        return self.url_open("/alliance/topup", data={"amount": amount, "csrf_token": token or self.csrf_token()})

    def cart(self):
        return self.env["sale.order"].search(
            [("partner_id", "=", self.customer.id), ("website_id", "=", self.website.id), ("state", "=", "draft")],
            order="id desc",
            limit=1,
        )

    def test_the_page_offers_the_presets_and_the_discount(self):
        response = self.url_open("/alliance")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Become a member of Page Alliance", response.text)
        self.assertIn("10 %", response.text)
        self.assertIn('data-amount="100"', response.text)
        self.assertIn("bonus", response.text)
        self.assertNotIn("Your stored value", response.text, "the public sees no balance")

    def test_a_top_up_goes_to_the_cart_once(self):
        self.authenticate("venue_buyer", "venue_buyer")
        response = self.post_topup("100")
        self.assertTrue(response.url.endswith("/shop/cart"))
        lines = self.cart().order_line
        self.assertEqual(lines.product_id, self.alliance.topup_product_id)
        self.assertEqual(lines.product_uom_qty, 100.0)
        self.post_topup("50")  # another choice replaces it
        self.assertEqual(self.cart().order_line.mapped("product_uom_qty"), [50.0])

    @mute_logger("odoo.http")
    def test_bad_amounts_are_refused_and_nothing_lands_in_the_cart(self):
        self.authenticate("venue_buyer", "venue_buyer")
        for amount in ("0", "-20", "abc", "12.5", "99999999"):
            with self.subTest(amount=amount):
                response = self.post_topup(amount)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_flex_gift_alliance_error", response.text)
        self.assertFalse(self.cart().order_line)

    @mute_logger("odoo.http")
    def test_no_page_outside_an_alliance(self):
        token = self.csrf_token()
        self.venue.alliance_id = False
        self.assertEqual(self.url_open("/alliance").status_code, 404)
        self.assertEqual(self.post_topup("50", token).status_code, 404)

    def test_my_membership_shows_my_own_stored_value_only(self):
        order = self.topup(self.customer, 100.0)
        self.authenticate("venue_buyer", "venue_buyer")
        self.assertIn("/my/membership", self.url_open("/my").text)
        page = self.url_open("/my/membership").text
        self.assertIn("Page Alliance", page)
        self.assertIn("108.00", page, "100 topped up and the 8 bonus")
        self.assertIn(order.name, page)
        self.assertIn("Tour Harbour", page, "joined at")
        self.assertNotIn(self.other_topup.name, page, "another member's movements never show")

    def test_my_membership_needs_a_login(self):
        response = self.url_open("/my/membership", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
