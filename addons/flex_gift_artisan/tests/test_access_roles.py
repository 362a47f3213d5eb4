"""Who reads what a studio is paid for a handmade order: the platform's managers and
accountants, and that studio; never the member, another studio or a plain employee."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import FlexGiftArtisanCommon


@tagged("post_install", "-at_install")
class TestAccessRoles(FlexGiftArtisanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.make_order(
            cls.member_1.partner_id, [(cls.work_a, (0, 0), None, 2), (cls.work_b, (0, 1), {}, 1)]
        )
        cls.ha, cls.hb = cls.Handmade.search([("sale_order_id", "=", cls.order.id)], order="id")
        cls.employee = new_test_user(cls.env, "handmade_roles_employee", groups="base.group_user")
        cls.follower = new_test_user(
            cls.env, "handmade_roles_follower", groups="flex_gift_artisan.group_handmade_user,base.group_allow_export"
        )
        cls.accountant = new_test_user(cls.env, "handmade_roles_accountant", groups="account.group_account_invoice")

    def test_cost_hidden_from_members_studios_and_employees(self):
        self.assertTrue(self.ha.artisan_cost and self.hb.artisan_cost)
        for user in (self.member_1, self.studio_user_a, self.follower):
            with self.subTest(user=user.login):
                orders = self.Handmade.with_user(user).search([("id", "in", (self.ha | self.hb).ids)])
                self.assertTrue(orders)
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    orders.read(["artisan_cost"])
                with self.assertRaises(AccessError):
                    orders.search_read([], ["artisan_cost"])
                # refused as a whole to external users, field by field to employees allowed to export
                with self.assertRaises(UserError):
                    orders.export_data(["artisan_cost"])
                with self.assertRaises(AccessError):
                    orders.search([("artisan_cost", ">", 0)])
                self.assertNotIn("artisan_cost", orders.fields_get())
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.ha.with_user(self.employee).read(["name"])

    def test_studio_reads_its_own_payout_only(self):
        self.env.invalidate_all()
        read = self.ha.with_user(self.studio_user_a).read(["studio_artisan_cost"])
        self.assertEqual(read[0]["studio_artisan_cost"], self.ha.artisan_cost)
        # the member reads the order, but not what the studio is paid for it
        self.env.invalidate_all()
        read = (self.ha | self.hb).with_user(self.member_1).read(["studio_artisan_cost"])
        self.assertEqual({r["studio_artisan_cost"] for r in read}, {0.0})
        self.env.invalidate_all()
        self.assertEqual(self.hb.with_user(self.studio_user_b).studio_artisan_cost, self.hb.artisan_cost)
        with self.assertRaises(AccessError):
            self.ha.with_user(self.studio_user_b).read(["studio_artisan_cost"])

    def test_platform_reads_the_cost(self):
        for user in (self.manager, self.accountant, self.curator):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                read = self.ha.with_user(user).read(["artisan_cost"])
                self.assertEqual(read[0]["artisan_cost"], self.ha.artisan_cost)

    def test_views_show_the_cost_to_the_platform_only(self):
        Handmade = self.Handmade
        for user, shown in ((self.follower, False), (self.manager, True), (self.accountant, True)):
            for view_type in ("list", "form"):
                with self.subTest(user=user.login, view=view_type):
                    arch = Handmade.with_user(user).get_views([(False, view_type)])["views"][view_type]["arch"]
                    self.assertEqual('name="artisan_cost"' in arch, shown)
