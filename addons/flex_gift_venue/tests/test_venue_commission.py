from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import FlexGiftVenueCommon


@tagged("post_install", "-at_install")
class TestVenueCommission(FlexGiftVenueCommon):
    """Referral commissions: an agent (agent bonus) or a member (individual bonus) earns the
    rate in force on the order's date on the confirmed orders of the customers it referred;
    cancellation and credit notes reverse it; the platform bills each referrer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rate = cls.env["flex.gift.rate"]
        today = fields.Date.today()
        Rate.create({"kind": "agent_bonus", "rate": 5.0, "date_from": today - timedelta(days=30)})
        Rate.create({"kind": "individual_bonus", "rate": 2.0, "date_from": today - timedelta(days=30)})
        cls.agent = cls.env["res.partner"].create({"name": "Agent Ann", "flex_gift_is_agent": True})
        cls.agent._flex_gift_ensure_referral_code()
        cls.member = cls.env["res.partner"].create({"name": "Member Max"})
        cls.member._flex_gift_ensure_referral_code()
        cls.referred = cls.env["res.partner"].create({"name": "Referred Rita"})
        cls.referred._flex_gift_set_referrer(cls.agent.flex_gift_referral_code)
        cls.product = cls.env["product.product"].create(
            {"name": "Gift Box", "list_price": 100.0, "taxes_id": [Command.clear()], "invoice_policy": "order"}
        )

    def order(self, partner, quantity=1.0, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": quantity})],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def commissions(self, order):
        return self.env["flex.gift.commission"].search([("order_id", "=", order.id)], order="id")

    def test_a_referred_customers_order_earns_the_agent_bonus(self):
        order = self.order(self.referred, 2)
        commission = self.commissions(order)
        self.assertEqual((commission.referrer_id, commission.rate, commission.amount), (self.agent, 5.0, 10.0))
        self.assertEqual(commission.company_id, self.platform)
        self.assertFalse(self.commissions(self.order(self.venue_customer)), "nobody referred them")

    def test_a_member_earns_the_individual_bonus(self):
        customer = self.env["res.partner"].create({"name": "Friend of Max"})
        customer._flex_gift_set_referrer(self.member.flex_gift_referral_code)
        self.assertAlmostEqual(self.commissions(self.order(customer)).amount, 2.0)

    def test_rates_are_effective_dated(self):
        old = self.order(self.referred)
        self.env["flex.gift.rate"].create({"kind": "agent_bonus", "rate": 8.0, "date_from": fields.Date.today()})
        self.assertEqual(self.commissions(old).rate, 5.0, "a new rate never rewrites past orders")
        self.assertEqual(self.commissions(self.order(self.referred)).rate, 8.0)
        tomorrow = fields.Date.today() + timedelta(days=1)
        self.env["flex.gift.rate"].create({"kind": "agent_bonus", "rate": 9.0, "date_from": tomorrow})
        self.assertEqual(self.commissions(self.order(self.referred)).rate, 8.0, "not before its date")

    def test_cancellation_and_credit_notes_reverse(self):
        order = self.order(self.referred, 4)  # 400.00: 20.00 earned
        invoice = order._create_invoices()
        invoice.action_post()
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "one box broken"})
        )
        refund = self.env["account.move"].browse(wizard.refund_moves()["res_id"])
        refund.invoice_line_ids.quantity = 1.0  # one box of four
        refund.action_post()
        self.assertEqual(self.commissions(order).mapped("amount"), [20.0, -5.0])
        self.assertEqual(self.commissions(order)[1].refund_id, refund)
        other = self.order(self.referred)
        other._action_cancel()
        self.assertEqual(sum(self.commissions(other).mapped("amount")), 0.0)

    def test_one_bill_per_referrer(self):
        self.order(self.referred, 2)
        self.order(self.referred, 1)
        reviewer = new_test_user(
            self.env,
            "commission_platform",
            groups="base.group_user,flex_gift_venue.group_venue_platform,account.group_account_manager",
        )
        action = self.env["flex.gift.commission"].with_user(reviewer).action_flex_gift_bill()
        bill = self.env["account.move"].browse(action["domain"][0][2]).filtered(lambda m: m.partner_id == self.agent)
        self.assertEqual((bill.move_type, bill.state), ("in_invoice", "posted"))
        self.assertAlmostEqual(bill.amount_total, 15.0)
        self.assertFalse(self.env["flex.gift.commission"].search([("bill_id", "=", False)]))
        with self.assertRaisesRegex(UserError, "No referral commission to bill"):
            self.env["flex.gift.commission"].with_user(reviewer).action_flex_gift_bill()
        with self.assertRaises(AccessError):
            self.env["flex.gift.commission"].with_user(self.manager_a).action_flex_gift_bill()

    def test_venue_orders_pay_commissions_from_the_platform(self):
        order = self.venue_order(self.venue_a, [], confirm=False, partner=self.referred)
        order.order_line = [Command.create({"product_id": self.product.id, "product_uom_qty": 1.0})]
        order.action_confirm()
        commission = self.commissions(order)
        self.assertEqual(commission.company_id, self.platform, "the platform pays referral commissions")

    def test_portal_shows_the_referrers_own_ledger_only(self):
        self.order(self.referred, 2)
        values = self.env["flex.gift.commission"]._flex_gift_portal_values(self.agent)
        self.assertEqual(values["customers"], self.referred)
        self.assertAlmostEqual(values["earned"], 10.0)
        self.assertFalse(self.env["flex.gift.commission"]._flex_gift_portal_values(self.member)["commissions"])

    def test_settings_add_a_rate_effective_today(self):
        Rate = self.env["flex.gift.rate"]
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.flex_gift_agent_bonus, 5.0)
        settings.flex_gift_agent_bonus = 7.0
        settings.execute()
        rates = Rate.search([("kind", "=", "agent_bonus"), ("company_id", "=", self.platform.id)], order="date_from")
        self.assertEqual(rates.mapped("rate")[-2:], [5.0, 7.0], "the old rate is kept, the new one from today")
        self.assertEqual(rates[-1].date_from, fields.Date.today())
        for bad in (-1.0, 100.5):
            with (
                self.subTest(rate=bad),
                self.assertRaisesRegex(ValidationError, "between 0 and 100"),
                self.cr.savepoint(),
            ):
                settings = self.env["res.config.settings"].create({"flex_gift_agent_bonus": bad})
                settings.execute()
        Rate.invalidate_model()
        self.assertEqual(Rate._flex_gift_rate("agent_bonus", fields.Date.today()), 7.0, "nothing half-done")
