from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import FlexGiftVenueCommon


class FlexGiftAllianceCommon(FlexGiftVenueCommon):
    """The West Lake alliance (10 % member discount) with venue A in it; venue C (same
    currency) outside, selling a 30.00 teapot; a member."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.venue_c = cls.create_venue("Venue C", "venue_c_manager")
        cls.alliance = cls.env["flex.gift.alliance"].create({"name": "West Lake Alliance", "discount_percent": 10.0})
        cls.venue_a.alliance_id = cls.alliance
        cls.member = cls.env["res.partner"].create({"name": "Alliance Member", "email": "member@example.com"})
        cls.teapot = cls.own_product(cls.venue_c, "Venue C Teapot", 30.0)

    @classmethod
    def own_product(cls, venue, name, price):
        return (
            cls.env["product.product"]
            .with_company(venue.company_id)
            .create(
                {
                    "name": name,
                    "list_price": price,
                    "company_id": venue.company_id.id,
                    "taxes_id": [Command.clear()],
                    "invoice_policy": "order",
                }
            )
        )

    @classmethod
    def order(cls, venue, product, quantity=1.0, confirm=False):
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=[venue.company_id.id, cls.platform.id]))
        order = (
            env["sale.order"]
            .with_company(venue.company_id)
            .create(
                {
                    "partner_id": cls.member.id,
                    "company_id": venue.company_id.id,
                    "pricelist_id": venue.pricelist_id.id,
                    "order_line": [Command.create({"product_id": product.id, "product_uom_qty": quantity})],
                }
            )
        )
        if confirm:
            order.action_confirm()
        return order

    def pay_with_wallet(self, order, card):
        """Use the stored value of ``card`` on ``order``, as the cart's "Use" button does."""
        order._update_programs_and_rewards()
        order._apply_program_reward(order._get_claimable_rewards()[card], card)
        order._update_programs_and_rewards()
        return order

    def offered(self, order):
        """The alliance's program is among those the order may use."""
        programs = self.env["loyalty.program"].search(order._get_program_domain())
        return self.alliance.program_id in programs

    @classmethod
    def card(cls):
        return cls.env["loyalty.card"].search(
            [("partner_id", "=", cls.member.id), ("program_id", "=", cls.alliance.program_id.id)]
        )

    def top_up(self, venue, amount):
        order = self.order(venue, self.alliance.topup_product_id, amount, confirm=True)
        invoice = order.with_company(venue.company_id)._create_invoices()
        invoice.action_post()
        return order, invoice


@tagged("post_install", "-at_install")
class TestVenueAlliance(FlexGiftAllianceCommon):
    """An alliance shares one stored value among its venues: Odoo eWallet cards of one
    company-less program, topped up at one venue (a liability of that venue, not revenue)
    and offered at every venue of the alliance, and nowhere else."""

    def test_the_alliance_is_an_ewallet_of_no_company(self):
        program = self.alliance.program_id
        self.assertEqual(program.program_type, "ewallet")
        self.assertFalse(program.company_id)
        self.assertEqual(program.currency_id, self.alliance.currency_id)
        self.assertEqual(program.trigger_product_ids, self.alliance.topup_product_id)
        self.assertFalse(self.alliance.topup_product_id.company_id)

    def test_joining_sets_up_the_venue_accounts(self):
        venue = self.venue_a
        self.assertEqual(venue.alliance_deposit_account_id.account_type, "liability_current")
        self.assertEqual(venue.alliance_clearing_account_id.account_type, "asset_current")
        self.assertEqual(venue.alliance_deposit_account_id.company_ids, venue.company_id)
        topup = self.alliance.topup_product_id.product_tmpl_id.with_company(venue.company_id)
        self.assertEqual(topup.property_account_income_id, venue.alliance_deposit_account_id)
        # another company's products are untouched: a top-up sold elsewhere is no liability of venue A
        self.assertNotEqual(
            topup.with_company(self.platform).property_account_income_id, venue.alliance_deposit_account_id
        )

    def test_a_venue_in_another_currency_cannot_join(self):
        with self.assertRaisesRegex(ValidationError, "only venues in USD join"):
            self.venue_b.alliance_id = self.alliance
        self.assertFalse(self.venue_b.alliance_deposit_account_id, "nothing half-done")

    def test_stored_value_is_offered_only_at_alliance_venues(self):
        self.assertTrue(self.offered(self.order(self.venue_a, self.alliance.topup_product_id)))
        self.assertFalse(self.offered(self.order(self.venue_c, self.teapot)), "venue C is not in the alliance")
        platform_order = self.env["sale.order"].create({"partner_id": self.member.id})
        self.assertFalse(self.offered(platform_order), "the platform's own shop takes no alliance stored value")
        self.venue_c.alliance_id = self.alliance
        self.assertTrue(self.offered(self.order(self.venue_c, self.teapot)))
        self.venue_c.alliance_id = False
        self.assertFalse(self.offered(self.order(self.venue_c, self.teapot)))
        self.alliance.active = False
        self.assertFalse(self.offered(self.order(self.venue_a, self.alliance.topup_product_id)))

    def test_top_up_is_a_liability_of_the_venue(self):
        _order, invoice = self.top_up(self.venue_a, 50.0)
        self.assertEqual(self.card().points, 50.0)
        self.assertEqual(invoice.invoice_line_ids.account_id, self.venue_a.alliance_deposit_account_id)
        self.assertAlmostEqual(invoice.invoice_line_ids.balance, -50.0)

    def test_spend_at_another_venue_then_leave(self):
        self.venue_c.alliance_id = self.alliance
        self.top_up(self.venue_a, 50.0)
        self.alliance.discount_percent = 0.0
        card = self.card()
        order = self.pay_with_wallet(self.order(self.venue_c, self.teapot), card)
        self.assertAlmostEqual(order.amount_total, 0.0)
        order.action_confirm()
        self.assertAlmostEqual(card.points, 20.0)
        invoice = order.with_company(self.venue_c.company_id)._create_invoices()
        invoice.action_post()
        wallet_item = invoice.invoice_line_ids.filtered(lambda item: item.sale_line_ids.reward_id)
        self.assertEqual(wallet_item.account_id, self.venue_c.alliance_clearing_account_id)
        self.assertAlmostEqual(wallet_item.balance, 30.0)
        # leaving: the member keeps the balance, spent at the alliance's other venues only
        self.venue_c.alliance_id = False
        self.assertAlmostEqual(card.points, 20.0)
        self.assertFalse(self.offered(self.order(self.venue_c, self.teapot)))
        self.assertTrue(self.offered(self.order(self.venue_a, self.alliance.topup_product_id)))

    def test_bad_top_ups_are_refused(self):
        for quantity in (-5.0, 10001.0):
            order = self.order(self.venue_a, self.alliance.topup_product_id, quantity)
            with self.subTest(quantity=quantity), self.assertRaisesRegex(ValidationError, "positive amount of at most"):
                order.action_confirm()
            self.assertEqual(order.state, "draft")
        order = self.order(self.venue_c, self.alliance.topup_product_id, 20.0)
        with self.assertRaisesRegex(ValidationError, "topped up at its venues only"):
            order.action_confirm()
        self.assertFalse(self.card(), "no stored value was created")

    def test_another_members_wallet_is_refused(self):
        self.top_up(self.venue_a, 50.0)
        order = self.pay_with_wallet(self.order(self.venue_a, self.alliance.topup_product_id, 10.0), self.card())
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        order.partner_id = stranger
        order.order_line.filtered("reward_id").coupon_id = self.card()  # as a forged request would leave it
        with self.assertRaisesRegex(ValidationError, "Only its member pays"), self.cr.savepoint():
            order.action_confirm()
        self.assertEqual(self.card().points, 50.0)

    @mute_logger("odoo.sql_db")
    def test_discount_range(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.alliance.discount_percent = 120.0
            self.alliance.flush_recordset()


@tagged("post_install", "-at_install")
class TestAllianceMemberDiscount(FlexGiftAllianceCommon):
    """The member discount goes only with stored value that pays the whole order; the
    server refuses it with any other payment, whatever the browser sends. The member
    topped up 50.00 at venue A and buys at venue C."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.venue_c.alliance_id = cls.alliance
        cls.order(cls.venue_a, cls.alliance.topup_product_id, 50.0, confirm=True)
        cls.wallet = cls.card()

    def pay_with_wallet(self, order, card=None):
        return super().pay_with_wallet(order, card or self.wallet)

    def test_wallet_covering_the_order_gets_the_discount(self):
        order = self.pay_with_wallet(self.order(self.venue_c, self.teapot))
        discount = order.order_line.filtered("flex_gift_member_discount")
        self.assertAlmostEqual(discount.price_total, -3.0)
        self.assertAlmostEqual(order._flex_gift_wallet_lines().price_total, -27.0)
        self.assertAlmostEqual(order.amount_total, 0.0)
        order.action_confirm()
        self.assertAlmostEqual(self.wallet.points, 23.0)

    def test_no_discount_when_the_wallet_does_not_cover_it(self):
        order = self.pay_with_wallet(self.order(self.venue_c, self.teapot, 2.0))  # 60, 54 after discount > 50
        self.assertFalse(order.order_line.filtered("flex_gift_member_discount"))
        self.assertAlmostEqual(order._flex_gift_wallet_lines().price_total, -50.0)
        self.assertAlmostEqual(order.amount_total, 10.0, msg="the rest is paid by a provider, at full price")

    def test_no_discount_without_the_wallet(self):
        order = self.order(self.venue_c, self.teapot)
        order._update_programs_and_rewards()
        self.assertFalse(order.order_line.filtered("flex_gift_member_discount"))
        self.assertAlmostEqual(order.amount_total, 30.0)

    def test_removing_the_wallet_takes_the_discount_back(self):
        order = self.pay_with_wallet(self.order(self.venue_c, self.teapot))
        order._flex_gift_wallet_lines().unlink()
        order._update_programs_and_rewards()
        self.assertFalse(order.order_line.filtered("flex_gift_member_discount"))

    def test_excluded_category_gets_no_discount(self):
        category = self.env["product.category"].create({"name": "Gift Wrap"})
        wrap = self.own_product(self.venue_c, "Wrap", 10.0)
        wrap.categ_id = self.env["product.category"].create({"name": "Paper", "parent_id": category.id})
        self.alliance.excluded_categ_ids = category
        order = self.order(self.venue_c, self.teapot)
        order.order_line = [Command.create({"product_id": wrap.id, "product_uom_qty": 1.0})]
        self.pay_with_wallet(order)
        self.assertAlmostEqual(order.order_line.filtered("flex_gift_member_discount").price_total, -3.0)
        self.assertAlmostEqual(order._flex_gift_wallet_lines().price_total, -37.0)

    def test_a_kept_discount_cannot_be_paid_otherwise(self):
        """A cart that keeps the discount while a provider would pay the rest is refused at
        payment, at transaction creation and at confirmation; nothing is spent."""
        order = self.pay_with_wallet(self.order(self.venue_c, self.teapot))
        order._flex_gift_wallet_lines().price_unit = -10.0  # as a tampered cart would leave it
        self.assertAlmostEqual(order.amount_total, 17.0)
        message = "only for orders paid in full with stored value"
        with self.assertRaisesRegex(ValidationError, message):
            order._check_cart_is_ready_to_be_paid()
        provider = self.env.ref("payment.payment_provider_demo")
        with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
            self.env["payment.transaction"].create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": provider.payment_method_ids[:1].id,
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "partner_id": self.member.id,
                    "sale_order_ids": [Command.set(order.ids)],
                }
            )
        with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
            order._action_confirm()
        self.assertAlmostEqual(self.wallet.points, 50.0)
        self.assertEqual(order.state, "draft")

    def test_balance_spent_meanwhile_refuses_the_confirmation(self):
        order = self.pay_with_wallet(self.order(self.venue_c, self.teapot))
        self.wallet.points = 10.0  # another checkout spent it meanwhile
        with self.assertRaisesRegex(ValidationError, "balance changed"), self.cr.savepoint():
            order.action_confirm()
        self.assertEqual(order.state, "draft")


@tagged("post_install", "-at_install")
class TestAllianceLedger(FlexGiftAllianceCommon):
    """Stored value topped up at venue A and spent at venue C: A's liability to its members
    goes down and A owes C, booked in both companies; settlement nets each pair of venues.
    Invariants after every step: the cards' balances = top-ups - spending + refunds, and
    what each venue owes the others = what the others claim from it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.venue_c.alliance_id = cls.alliance
        cls.alliance.discount_percent = 0.0
        cls.other_member = cls.env["res.partner"].create({"name": "Second Member"})

    def balance(self, venue, account, partner=None):
        domain = [
            ("company_id", "=", venue.company_id.id),
            ("account_id", "=", account.id),
            ("parent_state", "=", "posted"),
        ]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        items = self.env["account.move.line"].sudo().search(domain)
        return sum(items.mapped("amount_residual" if partner else "balance"))

    def assert_invariants(self):
        Entry = self.env["flex.gift.alliance.entry"].sudo()
        cards = self.env["loyalty.card"].search([("program_id", "=", self.alliance.program_id.id)])
        signs = {"topup": 1, "topup_cancel": -1, "bonus": 1, "bonus_cancel": -1, "spend": -1, "refund": 1}
        entries = Entry.search([("alliance_id", "=", self.alliance.id)])
        self.assertAlmostEqual(sum(cards.mapped("points")), sum(signs[e.kind] * e.amount for e in entries))
        self.alliance._flex_gift_book_pending()
        self.assertEqual(self.alliance._flex_gift_check_invariants(), [])
        debts, claims = self.alliance._flex_gift_pair_debts()
        self.assertEqual(
            {k: round(v, 2) for k, v in debts.items() if v}, {k: round(v, 2) for k, v in claims.items() if v}
        )
        return debts

    def spend(self, venue, partner, quantity):
        order = self.order(venue, self.teapot if venue == self.venue_c else self.mug_a, quantity)
        order.partner_id = partner
        card = self.env["loyalty.card"].search(
            [("partner_id", "=", partner.id), ("program_id", "=", self.alliance.program_id.id)]
        )
        self.pay_with_wallet(order, card)
        self.assertAlmostEqual(order.amount_total, 0.0)
        order.action_confirm()
        return order

    def top_up_for(self, venue, partner, amount):
        order = self.order(venue, self.alliance.topup_product_id, amount)
        order.partner_id = partner
        order.action_confirm()
        invoice = order.with_company(venue.company_id)._create_invoices()
        invoice.action_post()
        return order

    @classmethod
    def mug(cls):
        return cls.own_product(cls.venue_a, "Venue A Mug", 30.0)

    def test_spent_elsewhere_is_owed_by_the_holder(self):
        self.top_up_for(self.venue_a, self.member, 50.0)
        order = self.spend(self.venue_c, self.member, 1)
        self.assertAlmostEqual(self.card().points, 20.0)
        invoice = order.with_company(self.venue_c.company_id)._create_invoices()
        invoice.action_post()
        self.assert_invariants()
        a, c = self.venue_a, self.venue_c
        self.assertAlmostEqual(self.balance(a, a.alliance_deposit_account_id), -20.0, msg="A still holds 20")
        self.assertAlmostEqual(self.balance(a, a.alliance_due_to_account_id, c.partner_id), -30.0, msg="A owes C")
        self.assertAlmostEqual(self.balance(c, c.alliance_due_from_account_id, a.partner_id), 30.0, msg="C claims")
        self.assertAlmostEqual(self.balance(c, c.alliance_clearing_account_id), 0.0, msg="C's wallet payment cleared")
        entry = self.env["flex.gift.alliance.entry"].search([("order_id", "=", order.id)])
        self.assertEqual((entry.holder_venue_id, entry.venue_id, entry.amount), (a, c, 30.0))
        self.assertEqual(len(entry.move_ids), 2)

    def test_spent_where_topped_up_stays_in_the_venue(self):
        self.mug_a = self.mug()
        self.top_up_for(self.venue_a, self.member, 50.0)
        self.spend(self.venue_a, self.member, 1)
        debts = self.assert_invariants()
        self.assertFalse(debts)
        self.assertAlmostEqual(self.balance(self.venue_a, self.venue_a.alliance_deposit_account_id), -20.0)

    def test_oldest_holdings_pay_first(self):
        self.top_up_for(self.venue_a, self.member, 20.0)
        self.top_up_for(self.venue_c, self.member, 20.0)
        order = self.spend(self.venue_c, self.member, 1)
        entries = self.env["flex.gift.alliance.entry"].search([("order_id", "=", order.id)])
        self.assertEqual({(e.holder_venue_id, e.amount) for e in entries}, {(self.venue_a, 20.0), (self.venue_c, 10.0)})
        self.assert_invariants()

    def test_cancelling_gives_back_and_reverses(self):
        self.top_up_for(self.venue_a, self.member, 50.0)
        order = self.spend(self.venue_c, self.member, 1)
        self.assert_invariants()
        order._action_cancel()
        self.assertAlmostEqual(self.card().points, 50.0)
        debts = self.assert_invariants()
        self.assertFalse({k: v for k, v in debts.items() if v})

    def test_settlement_nets_each_pair(self):
        """A owes C 300, C owes A 120: one payment of 180 settles them."""
        self.mug_a = self.mug()
        self.top_up_for(self.venue_a, self.member, 300.0)
        self.spend(self.venue_c, self.member, 10)
        self.top_up_for(self.venue_c, self.other_member, 120.0)
        self.spend(self.venue_a, self.other_member, 4)
        debts = self.assert_invariants()
        self.assertEqual(
            {k: round(v, 2) for k, v in debts.items()},
            {(self.venue_a, self.venue_c): 300.0, (self.venue_c, self.venue_a): 120.0},
        )
        action = self.alliance.action_settle()
        moves = self.env["account.move"].browse(action["domain"][0][2])
        self.assertEqual(moves.company_id, self.venue_a.company_id | self.venue_c.company_id)
        debts = self.assert_invariants()
        self.assertFalse({k: v for k, v in debts.items() if v})
        a, c = self.venue_a, self.venue_c
        payable = c.partner_id.with_company(a.company_id).property_account_payable_id
        receivable = a.partner_id.with_company(c.company_id).property_account_receivable_id
        self.assertAlmostEqual(self.balance(a, payable, c.partner_id), -180.0, msg="A pays C 180")
        self.assertAlmostEqual(self.balance(c, receivable, a.partner_id), 180.0, msg="C is owed 180")
        with self.assertRaisesRegex(Exception, "Nothing to settle"):
            self.alliance.action_settle()

    def test_a_manager_sees_movements_at_or_held_by_the_venue(self):
        self.top_up_for(self.venue_a, self.member, 50.0)
        self.top_up_for(self.venue_a, self.other_member, 10.0)
        self.spend(self.venue_c, self.member, 1)
        manager_c = self.venue_c.manager_ids
        visible = self.env["flex.gift.alliance.entry"].with_user(manager_c).search([])
        self.assertEqual(visible.mapped("kind"), ["spend"], "C sees what was spent at it, not A's top-ups")

    def test_self_check_logs_a_broken_invariant(self):
        self.top_up_for(self.venue_a, self.member, 50.0)
        self.card().points = 70.0  # a balance changed behind the alliance's back
        with self.assertLogs("odoo.addons.flex_gift_venue.models.flex_gift_alliance_settlement", "ERROR") as logs:
            self.env["flex.gift.alliance"]._cron_flex_gift_self_check()
        self.assertIn("members' balances (70.00) differ from the recorded movements (50.00)", logs.output[0])

    def test_the_member_is_told_after_each_payment(self):
        self.member.email = "member@example.com"
        self.top_up_for(self.venue_a, self.member, 50.0)
        order = self.spend(self.venue_c, self.member, 1)
        message = self.card().message_ids.filtered(lambda m: order.name in (m.body or ""))
        self.assertEqual(message.partner_ids, self.member)
        self.assertIn("New balance: $&nbsp;20.00", message.body)
        self.other_member.phone = "+86 138 0013 8000"
        self.top_up_for(self.venue_a, self.other_member, 40.0)
        order = self.spend(self.venue_c, self.other_member, 1)
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", self.other_member.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn(order.name, sms.body)
        self.assertIn("Venue C", sms.body)

    def test_a_credit_note_gives_the_stored_value_back(self):
        self.top_up_for(self.venue_a, self.member, 50.0)
        order = self.spend(self.venue_c, self.member, 1)
        invoice = order.with_company(self.venue_c.company_id)._create_invoices()
        invoice.action_post()
        self.assert_invariants()
        wizard = (
            self.env["account.move.reversal"]
            .with_company(self.venue_c.company_id)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id})
        )
        refund = self.env["account.move"].browse(wizard.reverse_moves()["res_id"])
        refund.action_post()
        self.assertAlmostEqual(self.card().points, 50.0, msg="back on the card")
        self.assertEqual(self.card().history_ids.filtered(lambda h: refund.name in h.description).issued, 30.0)
        debts = self.assert_invariants()
        self.assertFalse({k: v for k, v in debts.items() if v}, "venue A no longer owes venue C")
        a = self.venue_a
        self.assertAlmostEqual(self.balance(a, a.alliance_deposit_account_id), -50.0, msg="A holds all of it again")
