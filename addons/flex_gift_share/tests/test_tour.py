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
