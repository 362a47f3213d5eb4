from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FlexGiftShareArtisanCommon


@tagged("post_install", "-at_install")
class TestGiftHandmade(FlexGiftShareArtisanCommon):
    def test_an_unclaimed_unit_never_reaches_the_studio(self):
        order = self.make_gift_order(quantity=2, allow_swap=True)
        self.assertEqual(len(order.flex_gift_link_ids), 2)
        self.assertFalse(order.flex_gift_handmade_order_ids, "nothing to make before a recipient claims")
        self.env.invalidate_all()
        self.assertFalse(self.Handmade.with_user(self.studio_user).search([]))
        self.assertPayoutInvariant()

    def test_one_handmade_order_per_claimed_unit_made_for_its_recipient(self):
        order = self.make_gift_order(quantity=2)
        first, second = order.flex_gift_link_ids.sorted("id")
        handmade = self.claim(first)
        self.assertEqual(len(handmade), 1)
        self.assertEqual(order.flex_gift_handmade_order_ids, handmade, "the second unit waits for its recipient")
        line = order.order_line
        recipient = first.recipient_partner_id
        self.assertEqual(handmade.quantity, 1)
        self.assertEqual(handmade.shipping_partner_id, recipient)
        self.assertEqual(handmade.shipping_partner_id.street, "Rue Haute 12")
        self.assertEqual(handmade.shipping_partner_id.phone, "+32456123456")
        self.assertEqual(handmade.date_requested, first.delivery_date)
        self.assertEqual(handmade.combination_id, line.flex_gift_combination_id)
        self.assertEqual(handmade.personalization, line.flex_gift_personalization)
        self.assertIn("Ribbon: Red", handmade.personalization_words)
        self.assertEqual(handmade.preview_id, line.flex_gift_preview_id)
        self.assertEqual(handmade.artisan_cost, line.flex_gift_combination_id.artisan_cost)
        claimed_day = fields.Date.context_today(handmade, first.claimed_date)
        lead = line.flex_gift_combination_id.lead_days
        self.assertEqual(handmade.date_due, max(claimed_day + timedelta(days=lead), first.delivery_date))
        self.assertEqual(handmade.state, "new")
        self.assertEqual(handmade.flex_gift_link_id, first)
        # the second recipient gets their own
        other = self.claim(second, name="Second Friend", street="Kerkstraat 5", phone="+32 470 11 22 33")
        self.assertNotEqual(other, handmade)
        self.assertEqual(other.shipping_partner_id.street, "Kerkstraat 5")
        self.assertEqual(order.flex_gift_handmade_order_ids, handmade | other)

    def test_a_swap_reaches_the_studio_with_its_preview_cost_and_lead_time(self):
        order = self.make_gift_order(quantity=1, combination=self.combination(3, 3), allow_swap=True)
        link = order.flex_gift_link_ids
        chosen = self.env["flex.gift.combination"]._flex_gift_lookup(self.work, self.combination(1, 0))
        handmade = self.claim(link, combination=chosen)
        self.assertEqual(link.combination_id, chosen)
        self.assertEqual(handmade.combination_id, chosen)
        self.assertEqual(handmade.combination_words, chosen.name)
        self.assertEqual(handmade.artisan_cost, chosen.artisan_cost)
        self.assertEqual(handmade.lead_days, chosen.lead_days)
        line_preview = order.order_line.flex_gift_preview_id
        self.assertNotEqual(handmade.preview_id, line_preview, "the preview shows the chosen version")
        expected = self.env["flex.gift.preview"]._flex_gift_get_or_render(
            self.work, chosen._flex_gift_attribute_values(), order.order_line.flex_gift_personalization
        )
        self.assertEqual(handmade.preview_id, expected)
        self.assertTrue(handmade.preview_id.is_kept, "never garbage-collected")
        self.assertPayoutInvariant()

    def test_shipping_validates_exactly_its_own_recipients_delivery(self):
        order = self.make_gift_order(quantity=3)
        links = order.flex_gift_link_ids.sorted("id")
        first = self.claim(links[0])
        second = self.claim(links[1], street="Kerkstraat 5")
        self.assertEqual(len(links[0].picking_ids), 1)
        self.assertEqual(len(links[1].picking_ids), 1)
        self.assertNotEqual(links[0].picking_ids, links[1].picking_ids)
        self.ship(first, ref="SF-A")
        self.assertEqual(links[0].picking_ids.state, "done")
        self.assertEqual(links[0].picking_ids.carrier_tracking_ref, "SF-A")
        self.assertNotEqual(links[1].picking_ids.state, "done", "the other recipient's delivery stays open")
        self.assertFalse(links[1].picking_ids.carrier_tracking_ref)
        self.assertFalse(links[2].picking_ids, "the unclaimed unit has no delivery")
        self.assertPayoutInvariant()
        self.ship(second, ref="SF-B")
        self.assertEqual(links[1].picking_ids.state, "done")
        self.assertEqual(links[1].picking_ids.partner_id.street, "Kerkstraat 5")
        # every claimed unit's delivery is shipped by its handmade order: none left open
        claimed = links.filtered(lambda link: link.state == "claimed")
        self.assertFalse(claimed.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")))
        self.assertPayoutInvariant()
        # a unit claimed after the others shipped gets its own delivery and handmade order
        third = self.claim(links[2], street="Laan 9")
        self.assertEqual(third.shipping_partner_id.street, "Laan 9")
        self.ship(third, ref="SF-C")
        self.assertEqual(links[2].picking_ids.state, "done")
        self.assertPayoutInvariant()

    def test_expired_and_revoked_units_never_reach_the_studio_and_refunds_stay_balanced(self):
        order = self.make_gift_order(quantity=3)
        order._create_invoices().action_post()
        claimed, revoked, expired = order.flex_gift_link_ids.sorted("id")
        handmade = self.claim(claimed)
        self.assertPayoutInvariant()
        revoked.action_revoke()
        self.assertPayoutInvariant()
        self.expire(expired)
        self.assertEqual(expired.state, "expired")
        self.assertEqual(expired.refund_move_id.state, "posted")
        refund = expired.refund_move_id
        self.assertAlmostEqual(sum(refund.line_ids.mapped("debit")), sum(refund.line_ids.mapped("credit")))
        self.assertEqual(order.flex_gift_handmade_order_ids, handmade, "only the claimed unit is made")
        self.assertPayoutInvariant()
        self.ship(handmade)
        self.assertPayoutInvariant()
        self.assertAlmostEqual(self.billed(), handmade.artisan_cost, msg="one unit billed, the claimed one")

    def test_cancelling_a_shipped_unit_credits_it_back(self):
        order = self.make_gift_order(quantity=2)
        first, second = order.flex_gift_link_ids.sorted("id")
        handmade = self.ship(self.claim(first))
        self.assertPayoutInvariant()
        handmade.sudo().action_cancel(reason="Broken in transit")
        self.assertTrue(handmade.refund_line_id)
        self.assertPayoutInvariant()
        self.assertAlmostEqual(self.billed(), 0.0)
        self.ship(self.claim(second), ref="SF2")
        self.assertPayoutInvariant()

    def test_a_non_gift_order_is_unchanged(self):
        order = self.make_gift_order(quantity=2, confirm=False)
        order.flex_gift_is_gift = False
        order.action_confirm()
        handmade = order.flex_gift_handmade_order_ids
        self.assertEqual(len(handmade), 1, "one per line, as before")
        self.assertEqual(handmade.quantity, 2)
        self.assertEqual(handmade.shipping_partner_id, order.partner_shipping_id)
        self.assertFalse(handmade.flex_gift_link_id)
        self.assertFalse(order.flex_gift_link_ids)
        self.assertEqual(handmade.artisan_cost, order.order_line.flex_gift_combination_id.artisan_cost * 2)
        self.ship(handmade)
        self.assertEqual(order.picking_ids.state, "done")
        self.assertPayoutInvariant()

    def test_the_studio_email_is_queued_and_hidden_from_the_member(self):
        order = self.make_gift_order(quantity=1)
        handmade = self.claim(order.flex_gift_link_ids)
        self.assertTrue(handmade.dispatch_pending, "queued: the claim never waits for the e-mail")
        self.assertEqual(self.Handmade._cron_dispatch(), 1)
        self.assertFalse(handmade.dispatch_pending)
        message = handmade.message_ids.filtered(lambda m: m.subject and handmade.name in m.subject)
        self.assertEqual(len(message), 1)
        self.assertTrue(message.subtype_id.internal, "an internal note: the member's portal page never shows it")
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertIn(self.studio, mail.recipient_ids)
        self.assertEqual(self.Handmade._cron_dispatch(), 0, "sent once")

    def test_privacy_between_buyer_studio_and_recipients(self):
        order = self.make_gift_order(quantity=2)
        first, second = order.flex_gift_link_ids.sorted("id")
        mine = self.claim(first)
        self.claim(second, street="Kerkstraat 5", phone="+32 470 11 22 33")
        self.env.invalidate_all()
        # the buyer reads their handmade orders, never where or to whom they ship
        as_buyer = mine.with_user(self.buyer)
        self.assertEqual(as_buyer.state, "new")
        with self.assertRaises(AccessError):
            as_buyer.read(["shipping_partner_id"])
        with self.assertRaises(AccessError):
            as_buyer.read(["date_requested"])
        # the studio reads its orders; their delivery details only through its portal page
        as_studio = mine.with_user(self.studio_user)
        self.assertEqual(as_studio.state, "new")
        with self.assertRaises(AccessError):
            as_studio.read(["shipping_partner_id"])
