from odoo.tests import Form, tagged

from .common import FlexGiftVenueCommon

QUERIES_PER_CONFIRMATION = 17


@tagged("post_install", "-at_install")
class TestVenueSettlement(FlexGiftVenueCommon):
    """The running account with the platform, checked after every step:
    venue's balance with the platform = -(platform's balance with the venue)
    = the unsettled library sales at platform price."""

    def platform_price(self, order):
        lines = order.order_line.filtered(lambda item: item.product_id.product_tmpl_id.is_library_work)
        return sum(line.flex_gift_platform_price_unit * line.product_uom_qty for line in lines)

    def test_confirmation_books_both_ledgers(self):
        self.assert_balanced(self.venue_a, 0.0)
        order = self.venue_order(self.venue_a, [(self.work_a, (1, 2), None, 2)])
        self.assertEqual(order.company_id, self.venue_a.company_id)
        line = order.order_line
        row = line.flex_gift_combination_id
        extra = self.work_a.flex_gift_component_ids._flex_gift_extra(line.flex_gift_personalization)
        self.assertAlmostEqual(line.flex_gift_platform_price_unit, round((row.price + extra) * 0.8, 2))
        self.assert_balanced(self.venue_a, line.flex_gift_platform_price_unit * 2)
        moves = self.env["account.move"].search([("flex_gift_venue_order_id", "=", order.id)])
        self.assertEqual(moves.company_id, self.venue_a.company_id | self.platform)
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        for move in moves:
            self.assertAlmostEqual(sum(move.line_ids.mapped("balance")), 0.0)

    def test_confirmation_awaits_the_booking_job(self):
        """A confirmation books no entry of its own: it wakes the booking job, and the
        balance counts the sale at once; the job books every waiting sale of a venue in
        one entry per company."""
        Trigger = self.env["ir.cron.trigger"]
        cron = self.env.ref("flex_gift_venue.ir_cron_flex_gift_venue_book")
        triggers = Trigger.search([("cron_id", "=", cron.id)])
        orders = self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 1)])
        orders |= self.venue_order(self.venue_a, [(self.work_a, (1, 1), None, 2)])
        self.assertFalse(self.env["account.move"].search([("flex_gift_venue_id", "=", self.venue_a.id)]))
        self.assertEqual(len(Trigger.search([("cron_id", "=", cron.id)]) - triggers), 1, "woken once a transaction")
        owed = self.platform_price(orders)
        self.assertEqual(self.venue_a._flex_gift_balances(), (owed, owed))
        self.assertEqual(self.venue_a._flex_gift_pending_lines(), orders.order_line)
        moves = self.book()
        self.assertEqual(moves.company_id, self.venue_a.company_id | self.platform)
        self.assertEqual(len(moves), 2, "one entry per company for both orders")
        for move in moves:
            self.assertEqual(move.line_ids.flex_gift_venue_sale_line_id, orders.order_line)
            self.assertAlmostEqual(sum(move.line_ids.mapped("balance")), 0.0)
        self.assertFalse(moves.flex_gift_venue_order_id, "an entry of two orders belongs to neither")
        self.assertEqual(orders.order_line.mapped("flex_gift_venue_booked_qty"), [1.0, 2.0])
        self.assert_balanced(self.venue_a, owed)
        self.assertFalse(self.book(), "nothing is booked twice")

    def test_confirmation_cost_is_pinned(self):
        """What a venue adds to a confirmation: price its library lines, mark them for the
        booking job and wake it; for one line as for three."""
        for _warm_up in range(2):  # the caches a shop's confirmations keep warm, the job's wake-up included
            self.env.cr.postcommit.data.pop("flex_gift_venue.book", None)
            self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 1)])
        for count in (1, 3):
            order = self.venue_order(
                self.venue_a, [(self.work_a, (i, i), None, 1) for i in range(count)], confirm=False
            )
            self.env.flush_all()
            self.env.invalidate_all()
            self.env.cr.postcommit.data.pop("flex_gift_venue.book", None)
            with self.subTest(lines=count), self.assertQueryCount(QUERIES_PER_CONFIRMATION):
                order._flex_gift_venue_book_confirmed(self.venue_a)
                self.env.flush_all()

    def test_cancel_before_booking_books_nothing(self):
        order = self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 1)])
        kept = self.venue_order(self.venue_a, [(self.work_a, (1, 1), None, 1)])
        order._action_cancel()
        self.assertEqual(self.venue_a._flex_gift_pending_lines(), kept.order_line)
        moves = self.book()
        self.assertEqual(moves.line_ids.flex_gift_venue_sale_line_id, kept.order_line)
        self.assert_balanced(self.venue_a, self.platform_price(kept))

    def test_cancel_after_booking_books_back(self):
        order = self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 2)])
        self.assert_balanced(self.venue_a, self.platform_price(order))
        order._action_cancel()
        self.assertAlmostEqual(self.venue_a._flex_gift_balances()[0], 0.0)
        moves = self.book()
        self.assertEqual(len(moves), 2)
        item = moves.line_ids.filtered(lambda i: i.account_id == self.venue_a.venue_cost_account_id)
        self.assertAlmostEqual(item.balance, -self.platform_price(order))
        self.assertIn("x -2", item.name)
        self.assert_balanced(self.venue_a, 0.0)

    def test_handmade_order_is_the_platforms(self):
        """A handmade work sold by a venue reaches the studio, made and paid for by the platform."""
        order = self.venue_order(self.venue_a, [(self.work_a, (1, 2), None, 1)])
        handmade = self.handmade_of(order)
        self.assertEqual(len(handmade), 1)
        self.assertEqual(handmade.studio_id, self.studio_a)
        self.assertEqual(handmade.company_id, self.platform)

    def test_own_products_book_nothing(self):
        Product = self.env["product.product"].with_company(self.venue_a.company_id)
        mug = Product.create({"name": "Venue Mug", "list_price": 5.0, "company_id": self.venue_a.company_id.id})
        order = (
            self.env["sale.order"]
            .with_company(self.venue_a.company_id)
            .create({"partner_id": self.venue_customer.id, "order_line": [(0, 0, {"product_id": mug.id})]})
        )
        order.action_confirm()
        self.assertFalse(self.env["account.move"].search([("flex_gift_venue_order_id", "=", order.id)]))
        self.assert_balanced(self.venue_a, 0.0)

    def test_own_products_owe_the_service_fee_in_force(self):
        self.fee_rate.rate = 10.0
        Product = self.env["product.product"].with_company(self.venue_a.company_id)
        mug = Product.create(
            {"name": "Venue Mug", "list_price": 25.0, "company_id": self.venue_a.company_id.id, "taxes_id": False}
        )
        order = (
            self.env["sale.order"]
            .with_company(self.venue_a.company_id)
            .create(
                {
                    "partner_id": self.venue_customer.id,
                    "order_line": [(0, 0, {"product_id": mug.id, "product_uom_qty": 2})],
                }
            )
        )
        order.action_confirm()
        self.assertAlmostEqual(order.order_line.flex_gift_platform_price_unit, 2.5)
        self.assert_balanced(self.venue_a, 5.0)  # 10 % of 50.00, in both ledgers
        a = self.venue_a.sudo()
        fee_items = self.env["account.move.line"].sudo().search([("account_id", "=", a.venue_fee_account_id.id)])
        self.assertAlmostEqual(sum(fee_items.mapped("balance")), 5.0, msg="the venue's expense")
        income = self.env["account.move.line"].sudo().search([("account_id", "=", a.platform_fee_account_id.id)])
        self.assertAlmostEqual(sum(income.mapped("balance")), -5.0, msg="the platform's income")
        self.fee_rate.rate = 20.0  # a change never rewrites a confirmed order
        self.assertAlmostEqual(order.order_line.flex_gift_platform_price_unit, 2.5)
        order._action_cancel()
        self.assert_balanced(self.venue_a, 0.0)

    def test_platform_orders_book_nothing(self):
        order = self.make_order(self.member_1.partner_id)
        self.assertFalse(self.env["account.move"].search([("flex_gift_venue_order_id", "=", order.id)]))

    def test_cancel_reverses(self):
        order = self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 1)])
        self.assertGreater(self.venue_a._flex_gift_balances()[1], 0)
        order._action_cancel()
        self.assert_balanced(self.venue_a, 0.0)

    def test_refund_reverses_refunded_units(self):
        order = self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 3)])
        unit = order.order_line.flex_gift_platform_price_unit
        invoice = order.with_company(self.venue_a.company_id)._create_invoices()
        invoice.action_post()
        self.assert_balanced(self.venue_a, 3 * unit)
        wizard = (
            self.env["account.move.reversal"]
            .with_company(self.venue_a.company_id)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id})
        )
        refund = self.env["account.move"].browse(wizard.reverse_moves()["res_id"])
        with Form(refund.with_company(self.venue_a.company_id)) as form:
            with form.invoice_line_ids.edit(0) as line:
                line.quantity = 1
        refund.action_post()
        self.assert_balanced(self.venue_a, 2 * unit)

    def test_settlement_invoices_reconciles_and_payment_clears(self):
        order_1 = self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 1)])
        order_2 = self.venue_order(self.venue_a, [(self.work_a, (4, 4), None, 2)])
        owed = self.platform_price(order_1) + self.platform_price(order_2)
        self.assert_balanced(self.venue_a, owed)
        action = self.venue_a.action_settle()
        invoice = self.env["account.move"].browse(action["domain"][0][2])
        self.assertEqual(invoice.company_id, self.platform)
        self.assertEqual(invoice.partner_id, self.venue_a.partner_id)
        self.assertAlmostEqual(invoice.amount_total, owed)
        bill = self.env["account.move"].sudo().search([("flex_gift_venue_settlement_id", "=", invoice.id)])
        self.assertEqual(bill.company_id, self.venue_a.company_id)
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.move_type, "in_invoice")
        self.assert_balanced(self.venue_a, owed)  # invoiced is not paid
        # the booked items are cleared by the invoice and the bill
        due = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    (
                        "account_id",
                        "in",
                        (self.venue_a.venue_due_account_id | self.venue_a.platform_due_account_id).ids,
                    ),
                    ("partner_id", "in", (self.venue_a.partner_id | self.platform.partner_id).ids),
                ]
            )
        )
        self.assertTrue(all(due.mapped("reconciled")))
        # the venue pays its bill, the platform receives it
        for move in (bill, invoice):
            self.env["account.payment.register"].with_company(move.company_id).with_context(
                active_model="account.move", active_ids=move.ids
            ).create({})._create_payments()
        self.assert_balanced(self.venue_a, 0.0)
        # a new sale starts a new balance
        order_3 = self.venue_order(self.venue_a, [(self.work_a, (2, 2), None, 1)])
        self.assert_balanced(self.venue_a, self.platform_price(order_3))

    def test_other_currency_venue(self):
        self.env["flex.gift.venue.listing"].create({"venue_id": self.venue_b.id, "product_tmpl_id": self.work_a.id})
        order = self.venue_order(self.venue_b, [(self.work_a, (1, 1), None, 1)])
        self.assertEqual(order.currency_id, self.cny)
        owed = self.platform_price(order)
        self.assert_balanced(self.venue_b, owed)
        venue_move = self.env["account.move"].search(
            [("flex_gift_venue_order_id", "=", order.id), ("company_id", "=", self.venue_b.company_id.id)]
        )
        cost = venue_move.line_ids.filtered(lambda item: item.account_id == self.venue_b.venue_cost_account_id)
        self.assertAlmostEqual(cost.balance, self.cny.round(owed * 7.0), places=2)
        self.venue_b.action_settle()
        self.assert_balanced(self.venue_b, owed)

    def test_nothing_to_settle(self):
        with self.assertRaisesRegex(Exception, "Nothing to settle"):
            self.venue_a.action_settle()
