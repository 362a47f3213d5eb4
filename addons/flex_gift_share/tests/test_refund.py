from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import FlexGiftShareCommon


@tagged("post_install", "-at_install")
class TestGiftExpiryRefund(FlexGiftShareCommon):
    def expire(self, links):
        links.sudo().expiry_date = fields.Datetime.now() - timedelta(minutes=1)
        self.env["flex.gift.link"]._cron_expire()

    def assertBalanced(self, move):
        self.assertEqual(move.state, "posted")
        debit = sum(move.line_ids.mapped("debit"))
        credit = sum(move.line_ids.mapped("credit"))
        self.assertAlmostEqual(debit, credit, places=2)
        self.assertGreater(debit, 0)

    def test_expiry_credit_note_reverses_one_invoiced_unit(self):
        order = self.make_gift_order(quantity=2)
        invoice = order._create_invoices()
        invoice.action_post()
        first, second = order.flex_gift_link_ids.sorted("id")
        second._flex_gift_claim(self.recipient_values(), self.good_date(second))
        self.expire(first | second)
        self.assertEqual(first.state, "expired")
        self.assertEqual(second.state, "claimed", "a claimed gift never expires")
        refund = first.refund_move_id
        self.assertTrue(refund)
        self.assertFalse(second.refund_move_id)
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.reversed_entry_id, invoice)
        self.assertBalanced(refund)
        self.assertBalanced(invoice)
        line = first.order_line_id
        self.assertAlmostEqual(refund.amount_total, line.price_total / 2, places=2)
        self.assertEqual(line.qty_invoiced, 1, "two invoiced, one refunded")
        self.assertFalse(order.picking_ids.filtered(lambda p: p.flex_gift_link_id == first))
        mails = self.env["mail.mail"].search([("model", "=", "sale.order"), ("res_id", "=", order.id)])
        told = mails.filtered(lambda m: "not claimed in time" in m.body_html)
        self.assertEqual(len(told), 1, "the buyer is told once")
        self.assertIn("buyer@example.com", told.email_to)

    def test_expiry_without_invoice_still_balanced(self):
        order = self.make_gift_order()
        link = order.flex_gift_link_ids
        self.expire(link)
        self.assertBalanced(link.refund_move_id)
        self.assertFalse(link.refund_move_id.reversed_entry_id)

    def test_expiry_ewallet_credit(self):
        program = self.env["loyalty.program"].create(
            {"name": "Gift refunds", "program_type": "ewallet", "trigger": "auto", "applies_on": "future"}
        )
        self.website.write({"flex_gift_refund_mode": "ewallet", "flex_gift_ewallet_program_id": program.id})
        order = self.make_gift_order(quantity=2)
        links = order.flex_gift_link_ids
        moves_before = self.env["account.move"].search_count([])
        self.expire(links)
        card = self.env["loyalty.card"].search(
            [("program_id", "=", program.id), ("partner_id", "=", self.buyer.partner_id.id)]
        )
        self.assertEqual(len(card), 1, "one wallet, credited twice")
        unit = order.order_line.price_total / 2
        self.assertAlmostEqual(card.points, 2 * unit, places=2)
        self.assertEqual(len(card.history_ids), 2)
        self.assertAlmostEqual(sum(card.history_ids.mapped("issued")), 2 * unit, places=2)
        self.assertEqual(links.refund_history_id, card.history_ids)
        self.assertEqual(
            self.env["account.move"].search_count([]), moves_before, "no journal entry for a wallet credit"
        )

    def test_cron_leaves_unexpired_links(self):
        link = self.make_gift_order().flex_gift_link_ids
        self.env["flex.gift.link"]._cron_expire()
        self.assertEqual(link.state, "pending")
        self.assertFalse(link.refund_move_id)
