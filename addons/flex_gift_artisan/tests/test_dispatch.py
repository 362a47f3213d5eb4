from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import FlexGiftArtisanCommon


@tagged("post_install", "-at_install")
class TestDispatch(FlexGiftArtisanCommon):
    def test_confirmation_creates_one_handmade_order_per_work_line(self):
        engraving = {str(self.engraving.id): "福", str(self.ribbon.id): self.gold.id}
        order = self.make_order(
            self.member_1.partner_id,
            [(self.work_a, (2, 1), engraving, 2), (self.work_b, (0, 0), {}, 1), self.stock_product],
        )
        handmade = self.handmade_of(order)
        self.assertEqual(len(handmade), 2, "one per library-work line, none for the stock product")
        mine = handmade.filtered(lambda h: h.studio_id == self.studio_a)
        row = self.env["flex.gift.combination"]._flex_gift_lookup(
            self.work_a, mine.sale_line_id.product_no_variant_attribute_value_ids
        )
        self.assertEqual(mine.product_tmpl_id, self.work_a)
        self.assertEqual(mine.combination_id, row)
        self.assertEqual(mine.combination_words, row.name)
        self.assertIn("Engraving: 福", mine.personalization_words)
        self.assertIn("Ribbon: Gold", mine.personalization_words)
        self.assertEqual(mine.personalization, engraving)
        self.assertEqual(mine.preview_id, mine.sale_line_id.flex_gift_preview_id)
        self.assertTrue(mine.preview_url.startswith("/flex_gift/preview/"))
        self.assertEqual(mine.quantity, 2)
        self.assertEqual(mine.lead_days, 7)
        self.assertEqual(mine.date_due, order.date_order.date() + timedelta(days=7))
        self.assertEqual(mine.artisan_cost, row.artisan_cost * 2)
        self.assertEqual(mine.ship_from_id, self.studio_a, "no ship-from on the work: the studio")
        self.assertEqual(mine.shipping_partner_id, order.partner_shipping_id)
        self.assertEqual(mine.state, "new")
        self.assertEqual(
            handmade.filtered(lambda h: h.studio_id == self.studio_b).date_due,
            order.date_order.date() + timedelta(days=3),
        )

    def test_studio_gets_an_email_per_new_order(self):
        order = self.make_order(self.member_1.partner_id, [(self.work_a, (0, 0), None, 1)] * 1)
        handmade = self.handmade_of(order)
        self.assertTrue(handmade.dispatch_pending, "queued: the confirmation never waits for the e-mail")
        self.assertFalse(handmade.message_ids.filtered(lambda m: m.message_type == "comment"))
        self.assertEqual(self.Handmade._cron_dispatch(), 1)
        message = handmade.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(message), 1)
        self.assertIn(self.studio_a, message.partner_ids)
        self.assertIn(handmade.name, message.subject)
        self.assertIn(f"/my/handmade/{handmade.id}", message.body)
        self.assertTrue(message.subtype_id.internal, "a note: the member never sees the studio's e-mail")
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertTrue(mail, "queued for sending")
        self.assertIn(self.studio_a, mail.recipient_ids)
        self.assertFalse(handmade.dispatch_pending)
        self.assertEqual(self.Handmade._cron_dispatch(), 0, "sent once")

    def test_order_without_delivery_address_yet(self):
        """An order whose delivery address is not known yet is dispatched, production may
        start, shipping waits until the sales order has an address."""
        customer = self.env["res.partner"].create({"name": "Customer Without Address"})
        order = self.make_order(customer)
        handmade = self.handmade_of(order)
        self.assertEqual(len(handmade), 1)
        self.assertFalse(handmade.has_delivery_address)
        self.assertTrue(handmade.date_due)
        studio = handmade.with_user(self.studio_user_a)
        studio.action_accept()
        studio.action_start()
        studio.action_ready()
        with self.assertRaisesRegex(UserError, "no delivery address yet"):
            studio.action_ship(carrier="SF", tracking_ref="X1")
        self.assertEqual(handmade.state, "ready")
        self.assertFalse(handmade.tracking_ref)
        # the salesperson sets the order's delivery address
        recipient = self.env["res.partner"].create({"name": "Recipient", "street": "2 Lake Rd", "city": "Suzhou"})
        order.partner_shipping_id = recipient
        self.assertTrue(handmade.has_delivery_address)
        studio.action_ship(carrier="SF", tracking_ref="X1")
        self.assertEqual(handmade.state, "shipped")

    def test_confirmation_is_idempotent(self):
        order = self.make_order(self.member_1.partner_id)
        self.assertFalse(self.Handmade._create_from_sale_lines(order.order_line))
        self.assertEqual(len(self.handmade_of(order)), 1)

    def test_cancelling_the_sale_order_cancels_open_orders_and_tells_the_studio(self):
        order = self.make_order(
            self.member_1.partner_id, [(self.work_a, (0, 0), None, 1), (self.work_a, (1, 1), None, 1)]
        )
        first, second = self.handmade_of(order)
        first.with_user(self.studio_user_a).action_accept()
        order._action_cancel()
        self.assertEqual((first | second).mapped("state"), ["cancelled", "cancelled"])
        self.assertEqual(first.reason, "The sales order was cancelled.")
        notice = first.message_ids.filtered(lambda m: "is cancelled" in (m.body or ""))
        self.assertIn(self.studio_a, notice.partner_ids)

    def test_a_salesman_confirms_an_order_of_a_library_work(self):
        """The artisan cost is not the salesman's to read, but confirming still makes the
        handmade order with it."""
        salesman = new_test_user(self.env, "flex_salesman", groups="sales_team.group_sale_salesman_all_leads")
        order = self.make_order(self.member_1.partner_id, confirm=False)
        order.with_user(salesman).action_confirm()
        handmade = self.handmade_of(order)
        self.assertEqual(len(handmade), 1)
        self.assertEqual(handmade.artisan_cost, handmade.combination_id.artisan_cost)
