"""Access by role: what visitors, members, studios, employees and curators may read
and do, over the ORM and over JSON-RPC, with the whole suite installed."""

from psycopg2.errors import CheckViolation

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import FlexGiftCatalogCommon

REVIEW_ACTIONS = (
    "action_library_submit",
    "action_library_approve",
    "action_library_reject",
    "action_library_publish",
    "action_library_withdraw",
    "action_library_reset",
)


class FlexGiftRolesCommon(FlexGiftCatalogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.public_user = cls.env.ref("base.public_user")
        cls.member = new_test_user(cls.env, "flex_roles_member", groups="base.group_portal", password="member-pass1")
        cls.studio_user = new_test_user(cls.env, "flex_roles_studio", groups="base.group_portal")
        cls.studio_user.partner_id.parent_id = cls.studio
        cls.employee = new_test_user(cls.env, "flex_roles_employee", groups="base.group_user")
        cls.salesman = new_test_user(
            cls.env, "flex_roles_salesman", groups="sales_team.group_sale_salesman,base.group_allow_export"
        )
        cls.accountant = new_test_user(cls.env, "flex_roles_accountant", groups="account.group_account_invoice")
        cls.other_studio = cls.env["res.partner"].create(
            {"name": "Other Studio", "is_company": True, "is_artisan_studio": True}
        )
        cls.other_work = cls.create_work("Other Work", cls.other_studio, 80.0)
        cls.generate(cls.other_work)
        cls.hidden, cls.not_for_sale = cls.env["product.template"].create(
            [
                {"name": "Unpublished Mug", "is_published": False, "sale_ok": True},
                {"name": "Published, Not For Sale", "is_published": True, "sale_ok": False},
            ]
        )
        cls.publish(cls.other_work)


@tagged("post_install", "-at_install")
class TestAccessRoles(FlexGiftRolesCommon):
    def readable(self, user, records):
        self.env.invalidate_all()
        return records.with_user(user).search([("id", "in", records.ids)])

    def test_visitors_and_members_read_no_unpublished_product(self):
        """Our rules never widen website_sale's: a draft work, an unpublished product and
        a product not for sale stay out of reach; only the published work is read."""
        products = self.work | self.hidden | self.not_for_sale | self.other_work
        for user in (self.public_user, self.member, self.studio_user):
            with self.subTest(user=user.login):
                self.assertEqual(self.readable(user, products), self.other_work)
                for product in self.work | self.hidden | self.not_for_sale:
                    self.env.invalidate_all()
                    with self.assertRaises(AccessError):
                        product.with_user(user).read(["name"])
                self.env.invalidate_all()
                self.assertFalse(
                    self.env["product.product"].with_user(user).search([("product_tmpl_id", "in", products.ids)])
                    - self.other_work.product_variant_ids
                )

    def test_no_group_rule_of_ours(self):
        """Odoo ORs a model's group rules: a group rule of ours on product.template was OR-ed
        with website_sale's own and let visitors read every product. Ours are global."""
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.rule"), ("module", "in", ("flex_gift_catalog", "flex_gift_artisan"))]
        )
        rules = self.env["ir.rule"].browse(data.mapped("res_id")).exists()
        self.assertTrue(rules)
        self.assertFalse(rules.filtered("groups"), "no group rule of ours may widen another module's")
        self.assertFalse(rules.filtered(lambda r: r.model_id.model == "product.template"))

    def test_library_work_on_shop_only_when_published(self):
        """A real constraint: not even a superuser write puts a draft work on the shop."""
        for vals in ({"is_published": True}, {"website_published": True}):
            with self.subTest(vals=vals), mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation):
                self.work.sudo().write(vals)
                self.env.flush_all()
        # nor does turning a product already on the shop into a draft library work
        shop_product = self.env["product.template"].create({"name": "On the Shop", "is_published": True})
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation):
            shop_product.write({"is_library_work": True})
            self.env.flush_all()
        self.publish()
        self.assertTrue(self.work.is_published)
        self.work.with_user(self.curator).action_library_withdraw()
        self.assertFalse(self.work.is_published)

    def test_artisan_cost_by_role(self):
        rows = self.other_work.flex_gift_combination_ids
        self.assertTrue(rows and all(rows.mapped("artisan_cost")))
        for user in (self.public_user, self.member, self.salesman):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                with self.assertRaises(AccessError):
                    rows.with_user(user).read(["artisan_cost"])
                with self.assertRaises(AccessError):
                    rows.with_user(user).search_read([], ["artisan_cost"])
                # refused as a whole to external users, field by field to employees allowed to export
                with self.assertRaises(UserError):
                    rows.with_user(user).export_data(["artisan_cost"])
                with self.assertRaises(AccessError):
                    rows.with_user(user).search([("artisan_cost", ">", 0)])
                self.assertNotIn("artisan_cost", rows.with_user(user).fields_get())
                self.assertEqual(set(rows.with_user(user).mapped("studio_artisan_cost")), {0.0})
        # a plain employee does not even read the matrix
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            rows.with_user(self.employee).read(["price"])
        # the curator, the library's staff and the accountant read it
        for user in (self.curator, self.library_user, self.accountant):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                read = rows[:1].with_user(user).read(["artisan_cost"])
                self.assertEqual(read[0]["artisan_cost"], rows[:1].artisan_cost)

    def test_studio_reads_its_own_cost_only(self):
        self.publish()
        mine = self.work.flex_gift_combination_ids
        theirs = self.other_work.flex_gift_combination_ids
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            mine.with_user(self.studio_user).read(["artisan_cost"])
        self.env.invalidate_all()
        read = mine.with_user(self.studio_user).read(["studio_artisan_cost"])
        self.assertEqual([r["studio_artisan_cost"] for r in read], mine.mapped("artisan_cost"))
        self.env.invalidate_all()
        self.assertEqual(set(theirs.with_user(self.studio_user).mapped("studio_artisan_cost")), {0.0})

    def test_review_actions_need_library_rights(self):
        for user in (self.employee, self.salesman, self.member):
            for action in REVIEW_ACTIONS:
                with self.subTest(user=user.login, action=action):
                    self.env.invalidate_all()
                    with self.assertRaises(AccessError):
                        getattr(self.work.with_user(user), action)()
        self.assertEqual(self.work.library_state, "draft")
        # a library user prepares and submits, but does not review
        self.assertIs(self.work.with_user(self.library_user).action_library_submit(), True)
        for action in ("action_library_approve", "action_library_reject", "action_library_publish"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(self.work.with_user(self.library_user), action)()
        self.assertIs(self.work.with_user(self.library_user).action_library_reset(), True)

    def test_review_actions_return_true(self):
        """XML-RPC cannot marshal None: every action answers True."""
        work = self.work.with_user(self.curator)
        self.assertIs(work.action_library_submit(), True)
        work.sudo().library_reject_reason = "Blurry photos"
        self.assertIs(work.action_library_reject(), True)
        self.assertIs(work.action_library_reset(), True)
        self.assertIs(work.action_library_submit(), True)
        self.assertIs(work.action_library_approve(), True)
        self.assertIs(work.action_library_publish(), True)
        self.assertIs(work.action_library_withdraw(), True)
        self.assertEqual(self.work.library_state, "withdrawn")


@tagged("post_install", "-at_install")
class TestAccessRolesHttp(HttpCase, FlexGiftRolesCommon):
    def call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_unpublished_product_page_is_404(self):
        self.publish()
        for login in (None, "flex_roles_member"):
            with self.subTest(login=login):
                if login:
                    self.authenticate(login, "member-pass1")
                else:
                    self.authenticate(None, None)
                for product in (self.hidden, self.not_for_sale):
                    self.assertEqual(self.url_open(product.website_url).status_code, 404)
                self.assertEqual(self.url_open(self.other_work.website_url).status_code, 200)
                self.work.with_user(self.curator).action_library_withdraw()
                self.assertEqual(self.url_open(self.work.website_url).status_code, 404)
                self.publish()
                self.assertEqual(self.url_open(self.work.website_url).status_code, 200)

    def test_member_rpc_reads_no_unpublished_product_nor_cost(self):
        self.authenticate("flex_roles_member", "member-pass1")
        ids = (self.work | self.hidden | self.not_for_sale | self.other_work).ids
        found = self.call_kw("product.template", "search_read", [[("id", "in", ids)], ["name"]])
        self.assertEqual([r["id"] for r in found], self.other_work.ids)
        found = self.call_kw(
            "product.template", "search_read", [[("is_published", "=", False)], ["name"]], {"limit": 5}
        )
        self.assertEqual(found, [])
        rows = self.other_work.flex_gift_combination_ids[:2].ids
        for method, args in (
            ("read", [rows, ["artisan_cost"]]),
            ("search_read", [[("id", "in", rows)], ["artisan_cost"]]),
            ("export_data", [rows, ["artisan_cost"]]),
        ):
            with self.subTest(method=method), mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
                self.call_kw("flex.gift.combination", method, args)
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self.call_kw("product.template", "action_library_approve", [self.work.ids])
