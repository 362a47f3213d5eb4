from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import FlexGiftCatalogCommon


@tagged("post_install", "-at_install")
class TestAccess(FlexGiftCatalogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.public_user = cls.env.ref("base.public_user")
        cls.salesman = new_test_user(cls.env, "flex_salesman", groups="sales_team.group_sale_salesman")

    def visible_works(self, user):
        self.env.invalidate_all()
        return self.env["product.template"].with_user(user).search([("id", "=", self.work.id)])

    def test_portal_and_public_see_published_works_only(self):
        for user in (self.portal_user, self.public_user):
            with self.subTest(user=user.login):
                self.assertFalse(self.visible_works(user))
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    self.work.with_user(user).read(["name"])
                self.assertFalse(
                    self.env["flex.gift.combination"].with_user(user).search([("product_tmpl_id", "=", self.work.id)])
                )
                self.assertFalse(
                    self.env["flex.gift.component"].with_user(user).search([("product_tmpl_id", "=", self.work.id)])
                )
        self.publish()
        for user in (self.portal_user, self.public_user):
            with self.subTest(user=user.login):
                self.assertEqual(self.visible_works(user), self.work)
                self.assertEqual(
                    self.env["flex.gift.combination"]
                    .with_user(user)
                    .search_count([("product_tmpl_id", "=", self.work.id)]),
                    25,
                )

    def test_portal_cannot_write_or_read_blobs(self):
        self.publish()
        self.env.invalidate_all()
        row = self.work.flex_gift_combination_ids[:1]
        with self.assertRaises(AccessError):
            row.with_user(self.portal_user).write({"price": 1})
        with self.assertRaises(AccessError):
            self.env["flex.gift.preview"].with_user(self.portal_user).search([])
        with self.assertRaises(AccessError):
            self.env["flex.gift.preview"].with_user(self.public_user).search([])

    def test_salesman_reads_but_does_not_price(self):
        self.env.invalidate_all()
        rows = (
            self.env["flex.gift.combination"].with_user(self.salesman).search([("product_tmpl_id", "=", self.work.id)])
        )
        self.assertEqual(len(rows), 25)
        with self.assertRaises(AccessError):
            rows[:1].write({"price": 1})

    def test_library_user_prepares_but_does_not_publish(self):
        work = self.work.with_user(self.library_user)
        self.env.invalidate_all()
        work.flex_gift_combination_ids[:1].write({"price": 150})
        work.action_library_submit()
        with self.assertRaisesRegex(UserError, "Only a library curator"):
            work.action_library_publish()
        with self.assertRaises(AccessError):
            work.flex_gift_combination_ids[:1].unlink()
        # the buttons are the only way: no direct write of the state or the publication
        with self.assertRaisesRegex(UserError, "only through its buttons"):
            work.write({"library_state": "published"})
        with self.assertRaisesRegex(UserError, "published by a curator"):
            work.write({"is_published": True})
        self.assertEqual(self.work.library_state, "submitted")
