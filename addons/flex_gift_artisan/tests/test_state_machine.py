from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import FlexGiftArtisanCommon


@tagged("post_install", "-at_install")
class TestStateMachine(FlexGiftArtisanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.make_order(cls.member_1.partner_id, [(cls.work_a, (1, 1), None, 1), cls.stock_product])
        cls.handmade = cls.env["flex.gift.handmade.order"].search([("sale_order_id", "=", cls.order.id)])

    def assertUnchanged(self, state="new"):
        self.env.invalidate_all()
        self.assertEqual(self.handmade.state, state)
        self.assertFalse(self.handmade.tracking_ref)

    def test_happy_path_ships_the_delivery(self):
        picking = self.order.picking_ids
        self.assertEqual(len(picking), 1)
        self.env.cr.precommit.clear()  # as after the commit of the confirmation (tracking starts afresh)
        self.ship(self.handmade, ref="SF1001")
        self.assertEqual(self.handmade.state, "shipped")
        self.assertEqual(self.handmade.carrier, "SF Express")
        self.assertTrue(self.handmade.date_shipped)
        done = self.order.picking_ids.filtered(lambda p: p.state == "done")
        self.assertEqual(len(done), 1)
        self.assertEqual(done.carrier_tracking_ref, "SF1001")
        self.assertEqual(done.move_ids.sale_line_id, self.handmade.sale_line_id, "only the handmade line ships")
        backorder = self.order.picking_ids - done
        self.assertEqual(backorder.move_ids.product_id, self.stock_product, "the rest stays to deliver")
        self.assertEqual(self.handmade.sale_line_id.qty_delivered, 1)
        self.handmade.with_user(self.manager).action_deliver()
        self.assertEqual(self.handmade.state, "delivered")
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit time
        self.env.invalidate_all()
        tracked = self.handmade.message_ids.tracking_value_ids.mapped("field_id.name")
        self.assertIn("state", tracked, "the chatter tracks every move")

    def test_skipping_states_is_refused(self):
        studio = self.handmade.with_user(self.studio_user_a)
        with self.assertRaisesRegex(UserError, "cannot go from New to In Production"):
            studio.action_start()
        with self.assertRaisesRegex(UserError, "cannot go from New to Shipped"):
            studio.action_ship(carrier="SF", tracking_ref="1")
        self.assertUnchanged()

    def test_shipping_without_tracking_is_refused(self):
        studio = self.handmade.with_user(self.studio_user_a)
        studio.action_accept()
        studio.action_start()
        studio.action_ready()
        for carrier, ref in [("SF", ""), ("", "123"), ("SF", "   "), (None, None)]:
            with self.assertRaisesRegex(UserError, "carrier and a tracking reference"):
                studio.action_ship(carrier=carrier, tracking_ref=ref)
        self.assertUnchanged("ready")
        self.assertTrue(self.order.picking_ids.filtered(lambda p: p.state != "done"))

    def test_another_studio_cannot_act(self):
        with self.assertRaises(AccessError):
            self.handmade.with_user(self.studio_user_b).action_accept()
        with self.assertRaises(AccessError):
            self.handmade.with_user(self.member_1).action_accept()
        self.assertUnchanged()

    def test_studio_cannot_do_the_platform_steps(self):
        self.ship(self.handmade)
        with self.assertRaises(AccessError):
            self.handmade.with_user(self.studio_user_a).action_deliver()
        with self.assertRaises(AccessError):
            self.handmade.with_user(self.studio_user_a).action_cancel(reason="oops")
        self.assertEqual(self.handmade.state, "shipped")

    def test_stale_double_click_is_refused(self):
        studio = self.handmade.with_user(self.studio_user_a)
        studio.action_accept(expected_state="new")
        with self.assertRaisesRegex(UserError, "already Accepted"):
            studio.action_accept(expected_state="new")
        with self.assertRaisesRegex(UserError, "already Accepted"):
            studio._flex_gift_portal_action("reject", "new", reason="too late")
        with self.assertRaisesRegex(UserError, "cannot go from Accepted to Accepted"):
            studio.action_accept()
        self.assertUnchanged("accepted")
        self.assertFalse(self.handmade.reason)

    def test_reject_needs_a_reason(self):
        studio = self.handmade.with_user(self.studio_user_a)
        with self.assertRaisesRegex(UserError, "give a reason"):
            studio.action_reject(reason="  ")
        self.assertUnchanged()
        studio.action_reject(reason="Glaze unavailable")
        self.assertEqual(self.handmade.state, "rejected")
        self.assertEqual(self.handmade.reason, "Glaze unavailable")

    def test_portal_action_names_are_whitelisted(self):
        with self.assertRaisesRegex(UserError, "Unknown action"):
            self.handmade.with_user(self.studio_user_a)._flex_gift_portal_action("deliver", "new")
        self.assertUnchanged()

    def test_late_detection(self):
        due = self.handmade.date_due
        with freeze_time(due):
            self.env.invalidate_all()
            self.assertFalse(self.handmade.is_late)
            self.assertNotIn(self.handmade, self.Handmade.search([("is_late", "=", True)]))
        with freeze_time(due + timedelta(days=3)):
            self.env.invalidate_all()
            self.assertTrue(self.handmade.is_late)
            self.assertEqual(self.handmade.days_late, 3)
            self.assertIn(self.handmade, self.Handmade.search([("is_late", "=", True)]))
            self.assertNotIn(self.handmade, self.Handmade.search([("is_late", "=", False)]))
            self.ship(self.handmade)
            self.env.invalidate_all()
            self.assertFalse(self.handmade.is_late, "a shipped order is no longer late")
            self.assertNotIn(self.handmade, self.Handmade.search([("is_late", "=", True)]))
