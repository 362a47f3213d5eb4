from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FlexGiftArtisanCommon


@tagged("post_install", "-at_install")
class TestAccess(FlexGiftArtisanCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_1 = cls.make_order(
            cls.member_1.partner_id, [(cls.work_a, (0, 0), None, 1), (cls.work_b, (0, 1), {}, 1)]
        )
        cls.order_2 = cls.make_order(cls.member_2.partner_id, [(cls.work_a, (1, 0), None, 1)])
        handmade = cls.env["flex.gift.handmade.order"]
        cls.h1a, cls.h1b = handmade.search([("sale_order_id", "=", cls.order_1.id)], order="id")
        cls.h2a = handmade.search([("sale_order_id", "=", cls.order_2.id)])

    def visible(self, user):
        self.env.invalidate_all()
        return self.Handmade.with_user(user).search([])

    def test_studios_see_only_their_orders(self):
        self.assertEqual(self.visible(self.studio_user_a), self.h1a | self.h2a)
        self.assertEqual(self.visible(self.studio_user_b), self.h1b)
        with self.assertRaises(AccessError):
            self.h1a.with_user(self.studio_user_b).read(["name"])
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.h1b.with_user(self.studio_user_a).personalization_words  # noqa: B018

    def test_members_see_only_their_orders(self):
        self.assertEqual(self.visible(self.member_1), self.h1a | self.h1b)
        self.assertEqual(self.visible(self.member_2), self.h2a)
        with self.assertRaises(AccessError):
            self.h2a.with_user(self.member_1).read(["state"])

    def test_portal_users_cannot_write_directly(self):
        for user in (self.studio_user_a, self.member_1):
            self.env.invalidate_all()
            with self.assertRaises(AccessError):
                self.h1a.with_user(user).write({"state": "shipped"})
            with self.assertRaises(AccessError):
                self.h1a.with_user(user).write({"artisan_cost": 1})
        self.env.invalidate_all()
        self.assertEqual(self.h1a.state, "new")

    def test_internal_user_without_group_sees_nothing(self):
        clerk = self.library_user  # internal, not a salesman nor a handmade user
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.Handmade.with_user(clerk).search([])

    def test_manager_acts_for_any_studio(self):
        self.h1b.with_user(self.manager).action_accept()
        self.assertEqual(self.h1b.state, "accepted")
