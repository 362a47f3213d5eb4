from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_venue_alliance import FlexGiftAllianceCommon, TestAllianceLedger


@tagged("post_install", "-at_install")
class TestAllianceMembership(FlexGiftAllianceCommon):
    """Preset top-ups with a bonus given by the selling venue, the counter top-up, the
    member's own summary ("My membership") and the alliance report with referring venues,
    in the ledger tests' setting (venues A and C in the alliance, no discount)."""

    balance = TestAllianceLedger.balance
    assert_invariants = TestAllianceLedger.assert_invariants
    spend = TestAllianceLedger.spend
    top_up_for = TestAllianceLedger.top_up_for

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.venue_c.alliance_id = cls.alliance
        cls.alliance.discount_percent = 0.0
        cls.other_member = cls.env["res.partner"].create({"name": "Second Member"})
        cls.mug_a = cls.own_product(cls.venue_a, "Venue A Mug", 30.0)
        cls.alliance.preset_ids = [
            Command.create({"amount": 50.0}),
            Command.create({"amount": 100.0, "bonus": 10.0}),
        ]

    def counter(self, venue, amount, user=None, partner=None, **values):
        wizard = (
            self.env["flex.gift.alliance.topup"]
            .with_user(user or self.env.user)
            .with_company(venue.company_id)
            .create({"venue_id": venue.id, "partner_id": (partner or self.member).id, "amount": amount, **values})
        )
        return self.env["sale.order"].browse(wizard.action_confirm()["res_id"])

    # ------------------------------------------------------------------
    # presets and bonuses
    # ------------------------------------------------------------------

    def test_a_preset_top_up_adds_its_bonus_given_by_the_selling_venue(self):
        order = self.top_up_for(self.venue_a, self.member, 100.0)
        self.assertAlmostEqual(self.card().points, 110.0)
        bonus = self.env["flex.gift.alliance.entry"].search([("order_id", "=", order.id), ("kind", "=", "bonus")])
        self.assertEqual((bonus.holder_venue_id, bonus.venue_id, bonus.amount), (self.venue_a, self.venue_a, 10.0))
        self.assertIn(10.0, self.card().history_ids.mapped("issued"), "in Odoo's own card history too")
        self.assert_invariants()
        a = self.venue_a
        self.assertAlmostEqual(self.balance(a, a.alliance_bonus_account_id), 10.0, msg="an expense of venue A")
        self.assertAlmostEqual(self.balance(a, a.alliance_deposit_account_id), -110.0, msg="A holds 110")
        # the bonus is held by A like the rest: spent at C, A owes C
        self.spend(self.venue_c, self.member, 3)
        self.assertAlmostEqual(self.card().points, 20.0)
        debts = self.assert_invariants()
        self.assertAlmostEqual(debts[(self.venue_a, self.venue_c)], 90.0)

    def test_no_bonus_off_preset(self):
        self.top_up_for(self.venue_a, self.member, 99.0)
        self.top_up_for(self.venue_a, self.member, 50.0)
        self.assertAlmostEqual(self.card().points, 149.0)
        self.assertFalse(self.env["flex.gift.alliance.entry"].search([("kind", "=", "bonus")]))

    def test_cancelling_a_top_up_takes_its_bonus_back(self):
        order = self.top_up_for(self.venue_a, self.member, 100.0)
        order.invoice_ids.button_draft()
        order.invoice_ids.button_cancel()
        order._action_cancel()
        self.assertAlmostEqual(self.card().points, 0.0)
        kinds = self.env["flex.gift.alliance.entry"].search([("order_id", "=", order.id)]).mapped("kind")
        self.assertEqual(sorted(kinds), ["bonus", "bonus_cancel", "topup", "topup_cancel"])
        self.assert_invariants()
        self.assertAlmostEqual(self.balance(self.venue_a, self.venue_a.alliance_bonus_account_id), 0.0)

    @mute_logger("odoo.sql_db")
    def test_preset_rules(self):
        with self.assertRaisesRegex(ValidationError, "above the alliance's largest top-up"), self.cr.savepoint():
            self.alliance.preset_ids = [Command.create({"amount": 20000.0})]
        for values in ({"amount": 0.0}, {"amount": 30.0, "bonus": -1.0}, {"amount": 50.0}):
            with self.subTest(values=values), self.assertRaises(IntegrityError), self.cr.savepoint():
                self.alliance.preset_ids = [Command.create(values)]
                self.env.flush_all()
        self.assertEqual(len(self.alliance.preset_ids), 2, "nothing half-done")

    def test_alliance_venues_websites_link_the_become_a_member_page(self):
        def menus(venue):
            return self.env["website.menu"].search(
                [("website_id", "=", venue.website_id.id), ("url", "=", "/alliance")]
            )

        self.assertEqual(len(menus(self.venue_a)), 1)
        self.assertFalse(menus(self.venue_b), "not in the alliance")
        self.venue_a.alliance_id = self.alliance  # joining again adds no second entry
        self.assertEqual(len(menus(self.venue_a)), 1)
        self.venue_a.alliance_id = False
        self.assertFalse(menus(self.venue_a), "a venue that leaves no longer links a page that is gone")

    def test_top_up_amounts_typed_on_the_website(self):
        self.assertEqual(self.alliance._flex_gift_topup_amount("100"), 100.0)
        for value in ("", "abc", "nan", "inf", "12.5", "0", "-5", "10001", "1e9", None):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self.alliance._flex_gift_topup_amount(value)

    # ------------------------------------------------------------------
    # at the counter
    # ------------------------------------------------------------------

    def test_counter_top_up_is_sold_invoiced_and_paid(self):
        order = self.counter(self.venue_a, 100.0, user=self.manager_a)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.company_id, self.venue_a.company_id)
        self.assertEqual(order.invoice_ids.state, "posted")
        self.assertIn(order.invoice_ids.payment_state, ("paid", "in_payment"))
        self.assertAlmostEqual(self.card().points, 110.0, msg="the preset's bonus at the counter too")
        self.assertEqual(self.card().flex_gift_referring_venue_id, self.venue_a)
        self.assert_invariants()

    def test_counter_refuses_bad_top_ups_and_keeps_nothing(self):
        orders = self.env["sale.order"].search_count([])
        for amount in (0.0, -10.0, 1e9):
            with self.subTest(amount=amount), self.assertRaisesRegex(ValidationError, "positive amount of at most"):
                self.counter(self.venue_a, amount)
        with self.assertRaisesRegex(UserError, "is not in an alliance"):
            self.counter(self.venue_b, 50.0)
        self.assertEqual(self.env["sale.order"].search_count([]), orders, "no half order")
        self.assertFalse(self.card())

    def test_a_manager_tops_up_at_its_own_venue_only(self):
        with self.assertRaises(AccessError):
            self.counter(self.venue_c, 50.0, user=self.manager_a)
        self.assertFalse(self.card())

    # ------------------------------------------------------------------
    # the member's own view, the alliance report
    # ------------------------------------------------------------------

    def test_membership_shows_balance_spending_per_venue_and_discount_saved(self):
        self.alliance.discount_percent = 10.0
        self.top_up_for(self.venue_a, self.member, 100.0)
        self.spend(self.venue_c, self.member, 1)  # 30.00 less 10 %: 27.00
        summary = self.card()._flex_gift_membership()
        self.assertAlmostEqual(summary["balance"], 83.0)
        self.assertAlmostEqual(summary["saved"], 3.0)
        per_venue = {venue: row for venue, row in summary["per_venue"]}
        self.assertEqual(per_venue[self.venue_a], {"topped_up": 110.0, "spent": 0.0})
        self.assertEqual(per_venue[self.venue_c], {"topped_up": 0.0, "spent": 27.0})
        self.assertEqual(len(summary["entries"]), 3)

    def report(self, user=None):
        Report = self.env["flex.gift.alliance.report"].with_user(user or self.env.user)
        return {row.venue_id: row for row in Report.search([("alliance_id", "=", self.alliance.id)])}

    def test_report_per_venue_with_referring_venues(self):
        self.top_up_for(self.venue_a, self.member, 50.0)
        self.top_up_for(self.venue_c, self.other_member, 100.0)  # 110 with the bonus
        self.top_up_for(self.venue_a, self.other_member, 50.0)  # joined at C: C referred them
        self.spend(self.venue_c, self.member, 1)  # 30 of A's
        self.spend(self.venue_a, self.other_member, 5)  # 150: 110 of C's, then 40 of A's
        self.assert_invariants()
        self.env.flush_all()
        rows = self.report()
        a, c = rows[self.venue_a], rows[self.venue_c]
        self.assertAlmostEqual(a.held, 30.0)  # 50 + 50 - 30 - 40
        self.assertAlmostEqual(c.held, 0.0)
        self.assertAlmostEqual(a.topped_up, 100.0)
        self.assertAlmostEqual(c.bonus, 10.0)
        self.assertAlmostEqual(a.spent_elsewhere, 30.0)
        self.assertAlmostEqual(a.spent_by_others, 110.0)
        self.assertAlmostEqual(c.spent_by_others, 30.0)
        self.assertAlmostEqual(a.net_position, 80.0, msg="C owes A 110 - 30")
        self.assertAlmostEqual(c.net_position, -80.0)
        self.assertAlmostEqual(a.open_claims, 110.0)
        self.assertAlmostEqual(a.open_debts, 30.0)
        self.assertEqual((a.referred_count, c.referred_count), (1, 1))
        self.assertAlmostEqual(c.referred_spent, 150.0, msg="what C's member spent across the alliance")
        self.alliance.action_settle()
        self.env.flush_all()
        self.env["flex.gift.alliance.report"].invalidate_model()
        rows = self.report()
        self.assertAlmostEqual(rows[self.venue_a].open_claims, 0.0, msg="netted")
        self.assertAlmostEqual(rows[self.venue_a].net_position, 80.0, msg="the history stays")

    def test_a_manager_reads_its_own_venue_row_only(self):
        self.top_up_for(self.venue_a, self.member, 50.0)
        self.spend(self.venue_c, self.member, 1)
        self.env.flush_all()
        rows = self.report(self.manager_a)
        self.assertEqual(list(rows), [self.venue_a])
