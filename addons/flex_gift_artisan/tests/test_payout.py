from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FlexGiftArtisanCommon


@tagged("post_install", "-at_install")
class TestPayout(FlexGiftArtisanCommon):
    def ship_orders(self, specs, when=None):
        """Confirm and ship one order per (work, size, color); returns the handmade orders."""
        result = self.Handmade
        for work, size, color in specs:
            order = self.make_order(self.member_1.partner_id, [(work, (size, color), None, 1)])
            handmade = self.handmade_of(order)
            user = self.studio_user_a if work == self.work_a else self.studio_user_b
            self.ship(handmade, user=user, ref=f"T{handmade.id}")
            if when:
                handmade.date_shipped = when
            result |= handmade
        return result

    def payout_moves(self):
        return self.env["account.move"].search(
            [("line_ids.product_id", "=", self.env.ref("flex_gift_artisan.product_artisan_payout").id)]
        )

    def assertBalanced(self, moves):
        for move in moves:
            self.assertEqual(move.state, "posted")
            debit, credit = sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit"))
            self.assertAlmostEqual(debit, credit, msg=f"{move.name} is balanced")
            self.assertGreater(debit, 0)

    def test_per_order_bills_idempotent_balanced_totals(self):
        handmade = self.ship_orders([(self.work_a, 0, 0), (self.work_a, 3, 2), (self.work_b, 1, 1)])
        # an order that is not shipped is not billed
        waiting = self.handmade_of(self.make_order(self.member_2.partner_id))
        moves = self.Handmade._flex_gift_run_payouts()
        self.assertEqual(len(moves), 3, "per order: one bill each")
        self.assertEqual(set(moves.mapped("move_type")), {"in_invoice"})
        self.assertBalanced(moves)
        for studio in (self.studio_a, self.studio_b):
            shipped = handmade.filtered(lambda h, s=studio: h.studio_id == s)
            bills = moves.filtered(lambda m, s=studio: m.partner_id == s)
            self.assertAlmostEqual(sum(bills.mapped("amount_total")), sum(shipped.mapped("artisan_cost")))
        self.assertTrue(all(handmade.mapped("payout_line_id")))
        self.assertFalse(waiting.payout_line_id)
        self.assertFalse(self.Handmade._flex_gift_run_payouts(), "running again bills nothing")
        self.assertEqual(self.payout_moves(), moves)

    def test_monthly_bill_per_studio_once_the_month_is_over(self):
        self.env.company.flex_gift_payout_period = "monthly"
        handmade = self.ship_orders(
            [(self.work_a, 0, 0), (self.work_a, 1, 0), (self.work_a, 2, 4), (self.work_b, 0, 0)],
            when=datetime(2026, 3, 10, 12),
        )
        self.assertFalse(self.Handmade._flex_gift_run_payouts(date=date(2026, 3, 31)), "March is still running")
        moves = self.Handmade._flex_gift_run_payouts(date=date(2026, 4, 1))
        self.assertEqual(len(moves), 2, "one bill per studio for March")
        self.assertBalanced(moves)
        bill_a = moves.filtered(lambda m: m.partner_id == self.studio_a)
        self.assertEqual(bill_a.invoice_date, date(2026, 3, 31))
        self.assertEqual(bill_a.flex_gift_payout_start, date(2026, 3, 1))
        mine = handmade.filtered(lambda h: h.studio_id == self.studio_a)
        self.assertAlmostEqual(bill_a.amount_total, sum(mine.mapped("artisan_cost")))
        self.assertEqual(mine.payout_move_id, bill_a)
        self.assertFalse(self.Handmade._flex_gift_run_payouts(date=date(2026, 5, 1)))

    def test_weekly_periods(self):
        self.env.company.flex_gift_payout_period = "weekly"
        self.ship_orders([(self.work_a, 0, 0)], when=datetime(2026, 3, 2, 9))  # Monday
        self.ship_orders([(self.work_a, 1, 0)], when=datetime(2026, 3, 8, 9))  # Sunday, same week
        self.ship_orders([(self.work_a, 2, 0)], when=datetime(2026, 3, 9, 9))  # next week
        moves = self.Handmade._flex_gift_run_payouts(date=date(2026, 3, 20))
        self.assertEqual(len(moves), 2)
        self.assertEqual(sorted(moves.mapped("invoice_date")), [date(2026, 3, 8), date(2026, 3, 15)])

    def test_cancel_after_billing_makes_a_credit_note(self):
        handmade = self.ship_orders([(self.work_a, 4, 4), (self.work_a, 0, 0)])
        bills = self.Handmade._flex_gift_run_payouts()
        cancelled = handmade[0]
        with self.assertRaises(AccessError):
            cancelled.with_user(self.studio_user_a).action_cancel(reason="Broken in transit")
        cancelled.with_user(self.manager).action_cancel(reason="Broken in transit")
        self.assertEqual(cancelled.state, "cancelled")
        refund = cancelled.refund_move_id
        self.assertEqual(refund.move_type, "in_refund")
        self.assertEqual(refund.partner_id, self.studio_a)
        self.assertAlmostEqual(refund.amount_total, cancelled.artisan_cost)
        self.assertBalanced(bills | refund)
        self.assertFalse(self.Handmade._flex_gift_run_payouts(), "nothing new after the credit note")
        cancelled._flex_gift_refund_payouts()
        self.assertEqual(len(self.payout_moves().filtered(lambda m: m.move_type == "in_refund")), 1)
        # the studio's balance is the artisan cost of the orders still shipped
        statement = self.studio_a._flex_gift_payout_statement()
        self.assertAlmostEqual(statement["total"], handmade[1].artisan_cost)
        payable = sum(
            (bills | refund).line_ids.filtered(lambda aml: aml.account_type == "liability_payable").mapped("balance")
        )
        self.assertAlmostEqual(-payable, handmade[1].artisan_cost)

    def test_payout_statement_report_html(self):
        handmade = self.ship_orders([(self.work_a, 0, 0), (self.work_a, 1, 1)])
        moves = self.Handmade._flex_gift_run_payouts()
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "flex_gift_artisan.action_report_payout_statement", self.studio_a.ids
        )
        html = html.decode()
        self.assertIn("Payout statement", html)
        for move in moves:
            self.assertIn(move.name, html)
        total = sum(handmade.mapped("artisan_cost"))
        self.assertIn(f"{total:,.2f}", html)

    def test_queries_per_studio_not_per_order(self):
        def run(count, month):
            self.ship_orders(
                [(self.work_a, i % 5, i % 3) for i in range(count)] + [(self.work_b, 0, 0)],
                when=datetime(2026, month, 15, 10),
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            moves = self.Handmade._flex_gift_run_payouts(date=date(2026, month + 1, 1))
            self.env.flush_all()
            self.assertEqual(len(moves), 2, "one bill per studio")
            return self.cr.sql_log_count - before

        self.env.company.flex_gift_payout_period = "monthly"
        run(1, 1)  # warm-up
        small, large = run(2, 2), run(8, 3)
        self.assertEqual(small, large, f"2 studios: {small} queries for 3 orders, {large} for 9")
