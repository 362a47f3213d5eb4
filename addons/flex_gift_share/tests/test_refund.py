from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from .common import FlexGiftShareCommon


@tagged("post_install", "-at_install")
class TestGiftExpiryRefund(FlexGiftShareCommon):
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


@tagged("post_install", "-at_install")
class TestGiftRefundThroughProvider(FlexGiftShareCommon):
    """Expiry refunds go back through the payment provider when it can refund."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a provider with a journal, as Odoo's own refund tests set one up
        # (account.tests.common._create_dummy_payment_method_for_provider): the "none" code gets an
        # electronic account payment method, so a done refund becomes an outbound payment
        # the provider's refund support is set in the cache below, as Odoo's payment tests do
        # (not stored): an automatic promotion of the website (the mall's demo has one) re-prices
        # the orders and drops that cache, so the website's promotions stay out of these orders
        cls.env["loyalty.program"].search([("trigger", "=", "auto"), ("program_type", "=", "promotion")]).active = False
        cls.payment_method = cls.env.ref("payment.payment_method_unknown")
        cls.provider = cls.env["payment.provider"].create(
            {
                "name": "Refunding Provider",
                "code": "none",
                "state": "test",
                "payment_method_ids": [Command.set(cls.payment_method.ids)],
            }
        )
        cls.payment_method.active = True
        method_model = cls.env.registry["account.payment.method"]
        stock_information = method_model._get_payment_method_information

        def information(self):
            return dict(stock_information(self), none={"mode": "electronic", "type": ("bank",)})

        with patch.object(method_model, "_get_payment_method_information", information):
            cls.env["account.payment.method"].sudo().create(
                {"name": "Dummy", "code": "none", "payment_type": "inbound"}
            )
            journal = cls.env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", cls.env.company.id)], limit=1
            )
            cls.provider.journal_id = journal

    def paid_gift_order(self, quantity=2):
        order = self.make_gift_order(quantity=quantity)
        invoice = order._create_invoices()
        invoice.action_post()
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.payment_method.id,
                    "reference": f"{order.name}-pay",
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "partner_id": order.partner_id.id,
                    "operation": "online_redirect",
                    "sale_order_ids": [Command.set(order.ids)],
                    "invoice_ids": [Command.set(invoice.ids)],
                    "state": "done",
                }
            )
        )
        return order, invoice, tx

    def test_partial_refund_through_the_provider_carries_the_credit_note(self):
        self.provider.support_refund = "partial"  # as Odoo's payment tests do (not stored)
        order, _invoice, tx = self.paid_gift_order(quantity=2)
        first, second = order.flex_gift_link_ids.sorted("id")
        self.expire(first)
        credit_note = first.refund_move_id
        refund_tx = first.sudo().refund_transaction_id
        self.assertTrue(credit_note and refund_tx)
        self.assertEqual(refund_tx.operation, "refund")
        self.assertEqual(refund_tx.source_transaction_id, tx)
        self.assertAlmostEqual(refund_tx.amount, -credit_note.amount_total, places=2)
        self.assertEqual(refund_tx.invoice_ids, credit_note, "Odoo reconciles the refund's payment with it")
        refund_tx._set_done()  # what the provider's answer does
        refund_tx._post_process()
        payment = refund_tx.payment_id
        self.assertEqual((payment.payment_type, payment.state), ("outbound", "in_process"))
        self.assertAlmostEqual(payment.amount, credit_note.amount_total, places=2)
        self.assertIn(credit_note.payment_state, ("in_payment", "paid"))
        self.assertEqual(payment.invoice_ids, credit_note)
        self.assertIn(refund_tx.reference, " ".join(order.message_ids.mapped("body")))
        self.expire(second)
        second_tx = second.sudo().refund_transaction_id
        self.assertTrue(second_tx)
        self.assertAlmostEqual(-(refund_tx.amount + second_tx.amount), order.amount_total, places=2)
        # a third refund would exceed the payment: nothing more is asked of the provider
        self.assertFalse(second._flex_gift_refundable_transaction(0.01))

    def test_provider_without_refunds_gives_the_credit_note_only(self):
        order, _invoice, _tx = self.paid_gift_order(quantity=1)
        link = order.flex_gift_link_ids
        self.expire(link)
        self.assertEqual(link.state, "expired")
        self.assertTrue(link.refund_move_id)
        self.assertFalse(link.sudo().refund_transaction_id, "wire transfers and the like: credit note only")

    def test_full_only_provider_refunds_a_whole_payment_only(self):
        self.provider.support_refund = "full_only"
        order, _invoice, _tx = self.paid_gift_order(quantity=2)
        first = order.flex_gift_link_ids.sorted("id")[0]
        self.expire(first)
        self.assertTrue(first.refund_move_id)
        self.assertFalse(first.sudo().refund_transaction_id, "half of a full-only payment: credit note only")
        single, _invoice, tx = self.paid_gift_order(quantity=1)
        link = single.flex_gift_link_ids
        self.expire(link)
        self.assertAlmostEqual(-link.sudo().refund_transaction_id.amount, tx.amount, places=2)
