from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import FlexGiftVenueCommon


@tagged("post_install", "-at_install")
class TestVenueReport(FlexGiftVenueCommon):
    """The venue's financial report reads the ledger: every figure is the sum of the
    journal items it comes from, after confirmation, invoicing, a gift refund and the
    settlement with the platform."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["flex.gift.venue"])
        cls.period = (cls.today.replace(day=1), cls.today)
        cls.mug = (
            cls.env["product.product"]
            .with_company(cls.venue_a.company_id)
            .create(
                {
                    "name": "Venue Mug",
                    "list_price": 12.0,
                    "company_id": cls.venue_a.company_id.id,
                    "invoice_policy": "order",
                }
            )
        )
        cls.env["flex.gift.venue.listing"].create({"venue_id": cls.venue_b.id, "product_tmpl_id": cls.work_a.id})
        cls.platform_user = new_test_user(
            cls.env, "venue_platform_user", groups="flex_gift_venue.group_venue_platform", name="Platform Admin"
        )

    def invoice(self, order):
        invoice = order.with_company(order.company_id)._create_invoices()
        invoice.action_post()
        return invoice

    def items(self, venue, domain):
        return (
            self.env["account.move.line"]
            .sudo()
            .search([("company_id", "=", venue.company_id.id), ("parent_state", "=", "posted"), *domain])
        )

    def figures(self, venue, user=None):
        venue = venue.with_user(user) if user else venue
        return venue._flex_gift_report_figures(*self.period)

    def assert_figures(self, venue, expected):
        """The figures are ``expected`` and the same before and after the booking job."""
        figures = self.figures(venue)
        self.book()
        self.assertEqual(self.figures(venue), figures, "the booking job changes no figure")
        for key, value in expected.items():
            self.assertAlmostEqual(figures[key], value, places=2, msg=key)
        self.assertAlmostEqual(figures["sales"], figures["own_sales"] + figures["library_sales"], places=2)
        self.assertAlmostEqual(
            figures["margin"], figures["sales"] - figures["gift_refunds"] - figures["platform_charges"], places=2
        )
        return figures

    def charges(self, venue):
        """The platform charges booked on the venue's ledger, once the booking job has run."""
        self.book()
        return sum(self.items(venue, [("account_id", "=", venue.venue_cost_account_id.id)]).mapped("balance"))

    def test_figures_follow_the_ledger(self):
        venue = self.venue_a
        self.assert_figures(venue, dict.fromkeys(["sales", "platform_charges", "margin", "platform_balance"], 0.0))
        # confirmation: the platform charge and the running balance, no sale before the invoice
        order = self.venue_order(venue, [(self.work_a, (1, 2), None, 2)], confirm=False)
        order._flex_gift_set_gift(True, "Auntie Li", "Happy birthday!")
        order.order_line = [fields.Command.create({"product_id": self.mug.id, "product_uom_qty": 3})]
        order.action_confirm()
        owed = venue._flex_gift_balances()[0]
        self.assertGreater(owed, 0)
        self.assert_figures(venue, {"library_sales": 0.0, "platform_charges": owed, "platform_balance": owed})
        # invoicing: sales are the invoice's income items
        invoice = self.invoice(order)
        library = invoice.invoice_line_ids.filtered(lambda item: item.product_id.product_tmpl_id.is_library_work)
        own = invoice.invoice_line_ids - library
        self.assertTrue(library and own)
        figures = self.assert_figures(
            venue,
            {
                "library_sales": -sum(library.mapped("balance")),
                "own_sales": -sum(own.mapped("balance")),
                "platform_charges": owed,
                "platform_balance": owed,
                "gift_refunds": 0.0,
            },
        )
        self.assertAlmostEqual(figures["own_sales"], 36.0)
        # a gift link expires: its credit note is a gift refund and gives back the platform charge
        link = order.flex_gift_link_ids[:1]
        credit_note = link.sudo()._flex_gift_refund_credit_note()
        self.assertEqual(credit_note.state, "posted")
        owed_after = venue._flex_gift_balances()[0]
        self.assertLess(owed_after, owed)
        self.assert_figures(
            venue,
            {
                "library_sales": -sum(library.mapped("balance")),
                "gift_refunds": sum(credit_note.invoice_line_ids.mapped("balance")),
                "platform_charges": self.charges(venue),
                "platform_balance": owed_after,
            },
        )
        self.assertAlmostEqual(self.charges(venue), owed_after)
        # settlement: invoiced is not paid; the payment clears the balance, not the sales
        action = venue.action_settle()
        settle_invoice = self.env["account.move"].browse(action["domain"][0][2])
        bill = self.env["account.move"].sudo().search([("flex_gift_venue_settlement_id", "=", settle_invoice.id)])
        self.assert_figures(venue, {"platform_balance": owed_after, "platform_charges": owed_after})
        self.env["account.payment.register"].with_company(bill.company_id).with_context(
            active_model="account.move", active_ids=bill.ids
        ).create({})._create_payments()
        self.assert_figures(
            venue,
            {"platform_balance": 0.0, "platform_charges": owed_after, "library_sales": -sum(library.mapped("balance"))},
        )

    def test_rows_are_the_journal_items(self):
        order = self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 1)])
        invoice = self.invoice(order)
        self.book()
        rows = self.env["flex.gift.venue.report"].search([("venue_id", "=", self.venue_a.id)])
        self.assertEqual(rows.move_line_id, self.items(self.venue_a, [("id", "in", rows.move_line_id.ids)]))
        sales = rows.filtered(lambda row: row.category == "library_sales")
        self.assertEqual(sales.move_line_id, invoice.invoice_line_ids)
        self.assertEqual(sales.sale_order_id, order)
        charges = rows.filtered(lambda row: row.category == "platform_charges")
        self.assertEqual(charges.sale_order_id, order)
        self.assertEqual(set(rows.mapped("date")), {invoice.date} | {order.date_order.date()})
        # drill-down
        action = sales.action_open_journal_items()
        self.assertEqual(self.env["account.move.line"].search(action["domain"]), invoice.invoice_line_ids)
        action = rows.action_open_orders()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), order)
        # another currency: amounts in the venue's own currency
        order_b = self.venue_order(self.venue_b, [(self.work_a, (1, 1), None, 1)])
        self.invoice(order_b)
        figures = self.figures(self.venue_b)
        self.assertAlmostEqual(figures["library_sales"], order_b.amount_untaxed, places=2)
        self.assertAlmostEqual(
            figures["platform_balance"],
            self.venue_b.currency_id.round(self.venue_b._flex_gift_balances()[0] * 7.0),
            places=1,
        )

    def test_period_and_running_balance(self):
        order = self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 1)])
        self.invoice(order)
        owed = self.venue_a._flex_gift_balances()[0]
        later = self.venue_a._flex_gift_report_figures(self.today + timedelta(days=1), self.today + timedelta(days=9))
        self.assertEqual(later["sales"], 0.0)
        self.assertEqual(later["platform_charges"], 0.0)
        self.assertAlmostEqual(later["platform_balance"], owed, places=2)  # cumulative
        before = self.venue_a._flex_gift_report_figures(False, self.today - timedelta(days=1))
        self.assertEqual(before["platform_balance"], 0.0)

    def test_isolation_and_platform_view(self):
        order_a = self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 1)])
        order_b = self.venue_order(self.venue_b, [(self.work_a, (0, 0), None, 1)])
        self.invoice(order_a)
        self.invoice(order_b)
        Report = self.env["flex.gift.venue.report"]
        row_b = Report.search([("venue_id", "=", self.venue_b.id)], limit=1)
        self.assertTrue(row_b)
        self.env.invalidate_all()
        as_a = Report.with_user(self.manager_a)
        rows = as_a.search([])
        self.assertTrue(rows)
        self.assertEqual(rows.venue_id, self.venue_a)
        self.assertFalse(as_a.search_count([("venue_id", "=", self.venue_b.id)]))
        self.assertFalse(as_a._read_group([("company_id", "=", self.venue_b.company_id.id)], [], ["amount:sum"])[0][0])
        with self.assertRaises(AccessError):
            row_b.with_user(self.manager_a).read(["amount"])
        # the manager's own figures are the platform's figures of that venue
        self.assertEqual(self.figures(self.venue_a, self.manager_a), self.figures(self.venue_a))
        with self.assertRaises(AccessError):
            self.venue_b.with_user(self.manager_a).read(["name"])
        # the platform sees every venue side by side
        self.env.invalidate_all()
        as_platform = Report.with_user(self.platform_user)
        ours = self.venue_a | self.venue_b  # the demo's venues may be there too
        self.assertEqual(as_platform.search([("venue_id", "in", ours.ids)]).venue_id, ours)
        groups = dict(as_platform._read_group([("category", "=", "library_sales")], ["venue_id"], ["amount:sum"]))
        self.assertAlmostEqual(groups[self.venue_a], order_a.amount_untaxed, places=2)
        self.assertAlmostEqual(groups[self.venue_b], order_b.amount_untaxed, places=2)
        venues = (self.venue_a | self.venue_b).with_user(self.platform_user)
        side_by_side = venues._flex_gift_report_figures_by_venue(*self.period)
        self.assertEqual(side_by_side[self.venue_a], self.figures(self.venue_a))
        self.assertEqual(side_by_side[self.venue_b], self.figures(self.venue_b))

    def test_query_count_independent_of_orders(self):
        venue = self.venue_a
        self.venue_order(venue, [(self.work_a, (0, 0), None, 1)])

        def count():
            self.env.invalidate_all()
            venue._flex_gift_report_figures(*self.period)  # warm-up (ir.rule, model caches)
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            venue._flex_gift_report_figures(*self.period)
            return self.env.cr.sql_log_count - start

        one = count()
        for size in range(19):
            self.venue_order(venue, [(self.work_a, (size % 5, size % 4), None, 1)])
        self.assertEqual(count(), one)
        # the report view, the venue, its company and currency, the sales awaiting booking:
        # as many with sales awaiting booking as without
        for step in ("awaiting booking", "booked"):
            if step == "booked":
                self.book()
            self.env.invalidate_all()
            with self.subTest(step=step), self.assertQueryCount(5):
                venue._flex_gift_report_figures(*self.period)

    def test_pdf(self):
        order = self.venue_order(self.venue_a, [(self.work_a, (0, 0), None, 1)])
        self.invoice(order)
        wizard = (
            self.env["flex.gift.venue.report.print"]
            .with_user(self.manager_a)
            .create({"date_from": self.period[0], "date_to": self.period[1]})
        )
        self.assertEqual(wizard.venue_ids, self.venue_a)
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "flex_gift_venue.report_venue_financial")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager_a)
            ._render_qweb_html("flex_gift_venue.report_venue_financial", self.venue_a.ids, data=action["data"])
        )
        html = html.decode()
        self.assertIn("Venue A", html)
        self.assertIn("o_platform_balance", html)
        figures = self.figures(self.venue_a)
        amount = f"{figures['library_sales']:,.2f}"
        self.assertIn(amount, html)
        wizard.date_from = self.today + timedelta(days=1)
        with self.assertRaisesRegex(UserError, "starts after it ends"):
            wizard.action_print()


@tagged("post_install", "-at_install")
class TestVenueReportHttp(HttpCase, FlexGiftVenueCommon):
    """Over JSON-RPC as venue A's manager: the report and the members of venue A only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a.password = cls.manager_a.login
        cls.env["flex.gift.venue.listing"].create({"venue_id": cls.venue_b.id, "product_tmpl_id": cls.work_a.id})
        cls.venue_order(cls.venue_a, [(cls.work_a, (1, 1), None, 1)])
        cls.venue_order(cls.venue_b, [(cls.work_a, (2, 2), None, 1)])
        cls.book()

    def rpc(self, model, method, args, kwargs=None):
        response = self.url_open(
            "/web/dataset/call_kw",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            },
        )
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        if "error" in answer:
            return None, answer["error"]["data"]["name"]
        return answer["result"], None

    def test_pdf_is_a_real_pdf(self):
        """An HttpCase, so that wkhtmltopdf loads the report's assets from the test server."""
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        if state != "ok":
            self.skipTest(f"wkhtmltopdf is not usable (Odoo says {state!r})")
        today = fields.Date.context_today(self.env["flex.gift.venue"])
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager_a)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "flex_gift_venue.report_venue_financial",
                self.venue_a.ids,
                data={"date_from": str(today.replace(day=1)), "date_to": str(today)},
            )
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:100])

    def test_manager_reads_own_venue_only(self):
        row_b = self.env["flex.gift.venue.report"].search([("venue_id", "=", self.venue_b.id)], limit=1)
        member_b = self.env["flex.gift.venue.member"].search([("venue_id", "=", self.venue_b.id)], limit=1)
        self.assertTrue(row_b and member_b)
        self.authenticate(self.manager_a.login, self.manager_a.login)
        for model in ("flex.gift.venue.report", "flex.gift.venue.member"):
            rows, error = self.rpc(model, "search_read", [[]], {"fields": ["venue_id", "company_id"]})
            self.assertFalse(error)
            self.assertTrue(rows)
            self.assertEqual({row["venue_id"][0] for row in rows}, {self.venue_a.id}, model)
            groups, error = self.rpc(
                model, "formatted_read_group", [], {"domain": [], "groupby": ["company_id"], "aggregates": ["__count"]}
            )
            self.assertFalse(error)
            self.assertEqual([group["company_id"][0] for group in groups], [self.venue_a.company_id.id], model)
        with mute_logger("odoo.http"):
            for record in (row_b, member_b):
                result, error = self.rpc(record._name, "read", [record.ids, ["venue_id"]])
                self.assertEqual(error, "odoo.exceptions.AccessError", result)
