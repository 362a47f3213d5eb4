from odoo.tests import new_test_user, tagged

from odoo.addons.flex_gift_catalog.tests.common import FlexGiftShopTourCase


@tagged("post_install", "-at_install")
class TestHandmadeGiftJourney(FlexGiftShopTourCase):
    """Journey 1 in Chromium, as its people walk it: configure, gift to two, pay online
    with Odoo's demo provider, claim (one with another version), make, ship, pay out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = cls.env.ref("flex_gift_catalog.product_template_tea_set_demo")
        cls.studio = cls.work.flex_gift_artisan_id
        cls.studio_user = new_test_user(
            cls.env, "journey_studio", password="journey_studio", groups="base.group_portal", name="Kiln Worker"
        )
        cls.studio_user.partner_id.parent_id = cls.studio
        demo = cls.env.ref("payment.payment_provider_demo")
        if cls.env["ir.module.module"]._get("payment_demo").state != "installed":
            raise AssertionError("payment_demo must be installed: bin/flexgift test installs flex_gift_demo")
        demo.write({"state": "test", "is_published": True})
        cls.env.company.flex_gift_payout_period = "per_order"

    def release_and_dispatch(self):
        """What the cron worker does right after a claim: release, then the studio e-mail."""
        self.env["flex.gift.link"]._cron_release_claimed()
        self.env["flex.gift.handmade.order"]._cron_dispatch()

    def test_handmade_gift_from_the_shop_to_the_payout(self):
        self.start_tour(f"/shop/{self.work.id}", "flex_gift_journey_buy", login="portal")
        order = self.env["sale.order"].search([("partner_id", "=", self.customer.id)], order="id desc", limit=1)
        self.assertEqual(order.state, "sale", "paid online: confirmed")
        self.assertEqual(order.transaction_ids.provider_id.code, "demo")
        self.assertEqual(order.transaction_ids.state, "done")
        self.assertTrue(order.flex_gift_is_gift and order.flex_gift_allow_swap)
        first, second = order.flex_gift_link_ids.sorted("id")
        ordered = order.order_line.filtered("flex_gift_combination_id").flex_gift_combination_id
        self.assertFalse(order.flex_gift_handmade_order_ids, "nothing reaches the studio before a claim")

        # a fresh anonymous session claims the first link, choosing another version
        self.start_tour(f"/gift/{first._flex_gift_token()}", "flex_gift_journey_claim_swap")
        self.release_and_dispatch()
        made_first = first.handmade_order_ids
        self.assertEqual(len(made_first), 1)
        self.assertNotEqual(first.combination_id, ordered, "the recipient chose another version")
        self.assertLessEqual(first.combination_id.price, ordered.price)
        self.assertEqual(made_first.combination_id, first.combination_id)
        self.assertEqual(made_first.shipping_partner_id.street, "Rue Haute 12")
        self.assertEqual(made_first.shipping_partner_id.phone, "+32470123456")

        # the studio sees that recipient's address and version, not the buyer's, and ships
        self.start_tour("/my/handmade", "flex_gift_journey_studio", login="journey_studio")
        self.assertEqual(made_first.state, "shipped")
        self.assertEqual(first.picking_ids.state, "done")
        self.assertEqual(first.picking_ids.partner_id.street, "Rue Haute 12")

        # the second recipient claims later; the studio ships that one too
        self.start_tour(f"/gift/{second._flex_gift_token()}", "flex_gift_journey_claim")
        self.release_and_dispatch()
        made_second = second.handmade_order_ids
        self.assertEqual(made_second.combination_id, ordered)
        self.start_tour("/my/handmade", "flex_gift_journey_studio", login="journey_studio")
        self.assertEqual(made_second.state, "shipped")
        self.assertEqual(second.picking_ids.partner_id.street, "Kerkstraat 5")
        self.assertEqual(order.picking_ids.mapped("state"), ["done", "done"])
        # the buyer's order page: both gifts shipped, nobody's address
        self.start_tour(order.get_portal_url(), "flex_gift_journey_buyer_shipped", login="portal")

        # the payout run bills exactly the two units that shipped, at their artisan cost
        bills = self.env["flex.gift.handmade.order"]._flex_gift_run_payouts()
        self.assertEqual(bills.partner_id, self.studio)
        self.assertAlmostEqual(
            sum(bills.mapped("amount_total")), first.combination_id.artisan_cost + ordered.artisan_cost
        )
        self.assertEqual((made_first | made_second).payout_move_id, bills)
