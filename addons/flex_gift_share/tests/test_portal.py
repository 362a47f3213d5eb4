import re

from odoo.tests import HttpCase, tagged

from .common import FlexGiftShareCommon


@tagged("post_install", "-at_install")
class TestGiftProgress(FlexGiftShareCommon):
    def ship(self, link):
        picking = link.picking_ids
        picking.move_ids.write({"quantity": 1.0, "picked": True})
        picking._action_done()
        self.assertEqual(picking.state, "done")

    def test_progress_follows_the_state_then_the_delivery(self):
        order = self.make_gift_order(quantity=3)
        claimed, revoked, expired = order.flex_gift_link_ids.sorted("id")
        self.assertEqual(set(order.flex_gift_link_ids.mapped("progress")), {"pending"})
        claimed._flex_gift_claim(self.recipient_values(), self.good_date(claimed))
        revoked.action_revoke()
        self.expire(expired)
        self.assertEqual(
            (claimed | revoked | expired).mapped("progress"), ["claimed", "revoked", "expired"], "the link's state"
        )
        self.ship(claimed)
        self.assertEqual(claimed.progress, "shipped", "the delivery is done")

    def test_claimed_from_the_page_is_claimed_until_released_and_shipped(self):
        link = self.make_gift_order().flex_gift_link_ids
        link._flex_gift_claim(self.recipient_values(), self.good_date(link), defer_release=True)
        self.assertEqual(link.progress, "claimed")
        self.env["flex.gift.link"]._cron_release_claimed()
        self.assertEqual(link.progress, "claimed", "a delivery being prepared is not shipped")
        self.ship(link)
        self.assertEqual(link.progress, "shipped")


@tagged("post_install", "-at_install")
class TestBuyerOrderPage(FlexGiftShareCommon, HttpCase):
    """The buyer follows each gift on their order, never where it goes."""

    def page_text(self, order):
        html = self.url_open(order.get_portal_url()).text
        return html, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    def test_buyer_sees_how_each_gift_is_doing_never_where_it_goes(self):
        order = self.make_gift_order(quantity=2)
        claimed, pending = order.flex_gift_link_ids.sorted("id")
        claimed._flex_gift_claim(self.recipient_values(), self.good_date(claimed))
        picking = claimed.picking_ids
        self.assertEqual(picking.partner_id, claimed.recipient_partner_id)
        self.authenticate(self.buyer.login, self.buyer.login)
        html, text = self.page_text(order)
        self.assertIn("Gift to 2 recipients", text)
        states = re.findall(r'data-progress="(\w+)"', html)
        self.assertEqual(sorted(states), ["claimed", "pending"])
        self.assertIn("Claimed", text)
        self.assertIn("Pending", text)
        self.assertIn(f"/gift/{pending._flex_gift_token()}", html, "the pending link is still shared from here")
        self.assertNotIn(claimed._flex_gift_token(), html)
        for secret in ("Rue Haute", "Brussels", "Recipient Wang", "456 12"):
            self.assertNotIn(secret, text, "never the recipient")
        self.assertNotIn(picking.name, text, "no delivery listed")
        self.assertNotIn("/my/picking/", html, "no link to a delivery slip the buyer may not open")
        self.assertNotIn("Shipping Address", text, "a gift is not shipped to the buyer")
        self.assertIn("Invoicing Address", text)

        picking.move_ids.write({"quantity": 1.0, "picked": True})
        picking._action_done()
        html, text = self.page_text(order)
        self.assertEqual(sorted(re.findall(r'data-progress="(\w+)"', html)), ["pending", "shipped"])
        self.assertIn("Shipped", text)
        self.assertNotIn("Rue Haute", text)
        self.assertNotIn("/my/picking/", html)

    def test_a_gift_says_billing_not_delivery_on_checkout_and_confirmation(self):
        order = self.make_gift_order()
        html = self.env["ir.qweb"]._render("website_sale.address_on_checkout", {"order": order, "only_services": False})
        self.assertNotIn("Delivery", html)
        self.assertIn("Billing", html)
        order.flex_gift_is_gift = False
        html = self.env["ir.qweb"]._render("website_sale.address_on_checkout", {"order": order, "only_services": False})
        self.assertIn("Delivery & Billing", html, "an ordinary order still says where it goes")
