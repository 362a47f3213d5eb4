from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.flex_gift_catalog.tests.common import FlexGiftShopTourCase


@tagged("post_install", "-at_install")
class TestGiftTour(FlexGiftShopTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = cls.env.ref("flex_gift_catalog.product_template_tea_cup_demo")

    def test_send_a_gift_and_claim_it_anonymously(self):
        """Chromium: the buyer marks the cart as a gift and pays; once the order is
        confirmed, a fresh anonymous session opens the link and claims it."""
        self.start_tour(f"/shop/{self.work.id}", "flex_gift_share_send", login="portal")
        order = self.env["sale.order"].search([("partner_id", "=", self.customer.id)], order="id desc", limit=1)
        self.assertTrue(order.flex_gift_is_gift)
        self.assertEqual(order.flex_gift_sender_name, "Mitchell")
        order.action_confirm()  # the wire transfer is received
        link = order.flex_gift_link_ids
        self.assertEqual(len(link), 1)
        self.assertFalse(order.picking_ids, "held until claimed")
        self.start_tour(f"/gift/{link._flex_gift_token()}", "flex_gift_share_claim")  # no login
        self.env.invalidate_all()
        self.assertEqual(link.state, "claimed")
        self.env["flex.gift.link"]._cron_release_claimed()  # the release job, as the cron worker runs it
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.partner_id.street, "8 Gift Lane")
        self.assertEqual(picking.partner_id.phone, "+12025550143")
        self.assertEqual(order.commitment_date.date(), link.delivery_date)
        self.assertEqual(picking.scheduled_date.date(), link.delivery_date)
        # and the salesperson's order shows where and when (the buyer's portal order does not)
        self.start_tour(f"/odoo/sale.order/{order.id}", "flex_gift_share_backend_order", login="admin")


@tagged("post_install", "-at_install")
class TestGiftFormsTour(FlexGiftShopTourCase):
    """Chromium, at desktop size (and at phone size below): the cart's gift options and the
    claim page keep what the visitor typed and say what is wrong beside the field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = cls.env.ref("flex_gift_catalog.product_template_tea_cup_demo")

    def test_cart_gift_options_survive_a_refused_checkout(self):
        self.start_tour(f"/shop/{self.work.id}", "flex_gift_share_cart_options", login="portal")
        order = self.env["sale.order"].search([("partner_id", "=", self.customer.id)], order="id desc", limit=1)
        self.assertRecordValues(
            order,
            [
                {
                    "flex_gift_is_gift": True,
                    "flex_gift_sender_name": "Mitchell",
                    "flex_gift_message": "Enjoy your tea, Ada!",
                    "flex_gift_allow_swap": True,
                }
            ],
        )

    def test_claim_page_follows_the_country_and_checks_the_postcode(self):
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        order.order_line = [Command.create({"product_id": self.work.product_variant_id.id})]
        order._flex_gift_set_gift(True, "Mitchell", "Enjoy your tea!")
        order.action_confirm()
        link = order.flex_gift_link_ids
        partners = self.env["res.partner"].search_count([])
        self.start_tour(f"/gift/{link._flex_gift_token()}", "flex_gift_share_claim_checks")  # no login
        self.env.invalidate_all()
        self.assertEqual(link.state, "claimed")
        self.assertEqual(self.env["res.partner"].search_count([]), partners + 1, "one recipient, once")
        recipient = link.sudo().recipient_partner_id
        self.assertRecordValues(
            recipient,
            [{"zip": "1000", "street": "Rue Haute 12", "city": "Brussels", "country_id": self.env.ref("base.be").id}],
        )
        self.assertEqual(recipient.phone, "+32470123456")


@tagged("post_install", "-at_install")
class TestGiftFormsTourPhone(TestGiftFormsTour):
    """The same journeys on a phone."""

    allow_inherited_tests_method = True  # Odoo's loader runs the inherited tests only then
    browser_size = "390x844"
    touch_enabled = True
