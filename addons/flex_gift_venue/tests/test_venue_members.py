from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import FlexGiftVenueCommon


@tagged("post_install", "-at_install")
class TestVenueMembers(FlexGiftVenueCommon):
    """A venue's members: its customers with their purchases, gifts and handmade orders;
    a customer of two venues is a member of each, and each venue sees its own figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["flex.gift.venue.listing"].create({"venue_id": cls.venue_b.id, "product_tmpl_id": cls.work_a.id})
        cls.other_customer = cls.member_1.partner_id
        gift = cls.venue_order(cls.venue_a, [(cls.work_a, (1, 2), None, 2)], confirm=False)
        gift._flex_gift_set_gift(True, "Auntie Li", "Happy birthday!")
        gift.action_confirm()
        cls.orders_a = gift | cls.venue_order(cls.venue_a, [(cls.work_a, (0, 0), None, 1)])
        cls.order_b = cls.venue_order(cls.venue_b, [(cls.work_a, (3, 3), None, 1)])
        cls.other_a = cls.venue_order(cls.venue_a, [(cls.work_a, (2, 2), None, 1)], partner=cls.other_customer)
        cls.draft_a = cls.venue_order(cls.venue_a, [(cls.work_a, (2, 2), None, 1)], confirm=False)
        cls.platform_order = cls.make_order(cls.venue_customer)
        cls.platform_user = new_test_user(
            cls.env, "venue_platform_members", groups="flex_gift_venue.group_venue_platform", name="Platform Admin"
        )
        cls.Member = cls.env["flex.gift.venue.member"]

    def member(self, venue, partner, user=None):
        Member = self.Member.with_user(user) if user else self.Member
        return Member.search([("venue_id", "=", venue.id), ("partner_id", "=", partner.id)])

    def test_figures(self):
        member = self.member(self.venue_a, self.venue_customer)
        self.assertEqual(len(member), 1)
        self.assertEqual(member.company_id, self.venue_a.company_id)
        self.assertEqual(member.purchase_count, 2)  # the draft cart is no purchase
        self.assertAlmostEqual(member.amount_total, sum(self.orders_a.mapped("amount_total")), places=2)
        self.assertEqual(member.last_purchase, max(self.orders_a.mapped("date_order")))
        self.assertEqual(member.gift_count, 2)
        self.assertEqual(member.gift_count, len(self.orders_a.flex_gift_link_ids))
        handmade = self.env["flex.gift.handmade.order"].search_count([("sale_order_id", "in", self.orders_a.ids)])
        self.assertEqual(member.handmade_count, handmade)
        action = member.action_open_orders()
        self.assertEqual(self.env["sale.order"].search(action["domain"]), self.orders_a)

    def test_customer_of_two_venues(self):
        member_a = self.member(self.venue_a, self.venue_customer)
        member_b = self.member(self.venue_b, self.venue_customer)
        self.assertTrue(member_a and member_b)
        self.assertNotEqual(member_a, member_b)
        self.assertEqual(member_b.purchase_count, 1)
        self.assertEqual(member_b.gift_count, 0)
        self.assertEqual(member_b.currency_id, self.cny)
        self.assertAlmostEqual(member_b.amount_total, self.order_b.amount_total, places=2)
        # the platform's own shop has no members here
        self.assertFalse(self.Member.search([("company_id", "=", self.platform.id)]))

    def test_isolation(self):
        self.env.invalidate_all()
        as_a = self.Member.with_user(self.manager_a).search([])
        self.assertEqual(as_a.partner_id, self.venue_customer | self.other_customer)
        self.assertEqual(as_a.venue_id, self.venue_a)
        self.assertEqual(self.member(self.venue_a, self.venue_customer, self.manager_a).purchase_count, 2)
        as_b = self.Member.with_user(self.manager_b).search([])
        self.assertEqual(as_b.partner_id, self.venue_customer)
        self.assertEqual(as_b.purchase_count, 1)
        with self.assertRaises(AccessError):
            self.member(self.venue_b, self.venue_customer).with_user(self.manager_a).read(["amount_total"])
        self.env.invalidate_all()
        ours = self.venue_a | self.venue_b  # the demo's venues may be there too
        as_platform = self.Member.with_user(self.platform_user).search([("venue_id", "in", ours.ids)])
        self.assertEqual(as_platform.venue_id, ours)
        self.assertEqual(len(as_platform), 3)
