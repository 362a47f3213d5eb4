"""Isolation between venues, and between a venue and the platform: what a venue manager
may read and write, over the ORM and over JSON-RPC as that user."""

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import FlexGiftVenueCommon


class FlexGiftVenueIsolationCommon(FlexGiftVenueCommon):
    """Venue A and Venue B with an order each (a library work), the platform with an
    order of its own, and a platform administrator who works in all three companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for manager in cls.manager_a | cls.manager_b:
            manager.password = manager.login
        cls.listing_b = cls.env["flex.gift.venue.listing"].create(
            {"venue_id": cls.venue_b.id, "product_tmpl_id": cls.work_a.id}
        )
        cls.order_a = cls.venue_order(cls.venue_a, [(cls.work_a, (1, 1), None, 1)])
        cls.order_b = cls.venue_order(cls.venue_b, [(cls.work_a, (2, 2), None, 1)])
        cls.platform_order = cls.make_order(cls.member_1.partner_id)
        cls.book()
        Move = cls.env["account.move"]
        cls.moves_a = Move.search([("flex_gift_venue_order_id", "=", cls.order_a.id)])
        cls.moves_b = Move.search([("flex_gift_venue_order_id", "=", cls.order_b.id)])
        # venue A's own entry, and the platform's entry of venue A's sale
        cls.move_a = cls.moves_a.filtered(lambda m: m.company_id == cls.venue_a.company_id)
        cls.move_a_platform = cls.moves_a - cls.move_a
        cls.move_b = cls.moves_b.filtered(lambda m: m.company_id == cls.venue_b.company_id)
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Venue B Regular", "company_id": cls.venue_b.company_id.id}
        )
        cls.platform_admin = new_test_user(
            cls.env,
            "venue_platform_admin",
            groups="flex_gift_venue.group_venue_platform,sales_team.group_sale_manager",
            company_id=cls.platform.id,
            company_ids=[Command.set((cls.platform | cls.venue_a.company_id | cls.venue_b.company_id).ids)],
        )

    def as_user(self, records, user):
        """``records`` as ``user`` in the user's own companies (not the context they were made in)."""
        return self.env[records._name].with_user(user).browse(records.ids)


@tagged("post_install", "-at_install")
class TestVenueIsolation(FlexGiftVenueIsolationCommon):
    def setUp(self):
        super().setUp()
        self.assertTrue(self.move_a and self.move_a_platform and self.move_b, "both ledgers booked each sale")

    def visible(self, user, records):
        self.env.invalidate_all()
        return self.as_user(records, user).search([("id", "in", records.ids)])

    def assert_unreadable(self, user, records, fields=("display_name",)):
        for record in records:
            self.env.invalidate_all()
            with self.subTest(model=record._name, id=record.id), self.assertRaises(AccessError):
                self.as_user(record, user).read(list(fields))

    def test_manager_sees_only_its_own_venue(self):
        manager = self.manager_a
        other = {
            "sale.order": self.order_b | self.platform_order,
            "sale.order.line": self.order_b.order_line | self.platform_order.order_line,
            "account.move": self.move_b | self.move_a_platform,
            "account.move.line": self.move_b.line_ids | self.move_a_platform.line_ids,
            "flex.gift.venue.listing": self.listing_b,
            "flex.gift.venue": self.venue_b,
            "res.partner": self.customer_b,
            "product.pricelist": self.venue_b.pricelist_id,
        }
        own = {
            "sale.order": self.order_a,
            "account.move": self.move_a,
            "flex.gift.venue.listing": self.listing_a,
            "flex.gift.venue": self.venue_a,
        }
        for model, records in other.items():
            with self.subTest(model=model):
                self.assertFalse(self.visible(manager, records))
                self.assert_unreadable(manager, records)
        for model, records in own.items():
            with self.subTest(model=model):
                self.assertEqual(self.visible(manager, records), records)
        self.env.invalidate_all()
        self.assertEqual(self.env["flex.gift.venue"].with_user(manager).search([]), self.venue_a)
        self.assertEqual(self.env["flex.gift.venue.listing"].with_user(manager).search([]), self.venue_a.listing_ids)

    def test_manager_writes_nothing_of_another(self):
        manager = self.manager_a
        writes = [
            (self.order_b, {"client_order_ref": "mine"}),
            (self.platform_order, {"client_order_ref": "mine"}),
            (self.move_b, {"ref": "mine"}),
            (self.move_a_platform, {"ref": "mine"}),
            (self.listing_b, {"name": "Mine"}),
            (self.venue_b, {"handling_days": 9}),
            (self.customer_b, {"name": "Mine"}),
        ]
        for record, vals in writes:
            self.env.invalidate_all()
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                self.as_user(record, manager).write(vals)
        for record in (self.listing_b, self.order_b.order_line):
            self.env.invalidate_all()
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                self.as_user(record, manager).unlink()
        # nor creates into another venue
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.env["flex.gift.venue.listing"].with_user(manager).create(
                {"venue_id": self.venue_b.id, "product_tmpl_id": self.work_b.id}
            )
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(manager).create(
                {"partner_id": self.venue_customer.id, "company_id": self.venue_b.company_id.id}
            )
        # nor switches to another company
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(manager).with_context(
                allowed_company_ids=[self.venue_b.company_id.id]
            ).search([])
        self.assertFalse(self.listing_b.name)
        self.assertEqual(self.venue_b.handling_days, 2)

    def test_manager_cannot_repoint_its_venue(self):
        """The venue's company, website, pricelist, journals and accounts are set by the
        platform: a manager pointing its venue at another company's would reach into it."""
        platform_website = self.env["website"].search([("company_id", "=", self.platform.id)], limit=1)
        repoints = {
            "company_id": self.platform.id,
            "website_id": (platform_website or self.venue_b.website_id).id,
            "pricelist_id": self.venue_b.pricelist_id.id,
            "venue_journal_id": self.venue_b.venue_journal_id.id,
            "venue_due_account_id": self.venue_b.venue_due_account_id.id,
            "venue_cost_account_id": self.venue_b.venue_cost_account_id.id,
            "manager_ids": [Command.link(self.manager_b.id)],
        }
        for field, value in repoints.items():
            self.env.invalidate_all()
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.as_user(self.venue_a, self.manager_a).write({field: value})
        self.env.invalidate_all()
        self.assertEqual(self.venue_a.manager_ids, self.manager_a)
        self.assertNotEqual(self.venue_a.website_id, self.venue_b.website_id)
        # what the manager does own, it still changes
        self.as_user(self.venue_a, self.manager_a).write({"handling_days": 3, "markup_percent": 40.0})
        self.assertEqual(self.venue_a.handling_days, 3)

    def test_manager_never_reads_nor_writes_what_it_owes(self):
        manager = self.manager_a
        venue = self.as_user(self.venue_a, manager)
        line = self.as_user(self.order_a.order_line, manager)
        self.assertNotIn("commission_rate", venue.fields_get())
        self.assertNotIn("flex_gift_platform_price_unit", line.fields_get())
        for records, fields in (
            (venue, ["commission_rate"]),
            (line, ["flex_gift_platform_price_unit"]),
            (line, ["flex_gift_venue_booked_qty"]),
        ):
            self.env.invalidate_all()
            with self.subTest(fields=fields), self.assertRaises(AccessError):
                records.read(fields)
            self.env.invalidate_all()
            with self.subTest(fields=fields, method="search"), self.assertRaises(AccessError):
                records.search([(fields[0], "!=", False)])
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            venue.write({"commission_rate": 90.0})
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            line.write({"flex_gift_platform_price_unit": 0.01})
        self.assertEqual(self.venue_a.commission_rate, 20.0)
        self.assertTrue(self.order_a.order_line.flex_gift_platform_price_unit)

    def test_manager_never_changes_the_library(self):
        manager = self.manager_a
        rows = self.work_a.flex_gift_combination_ids[:3]
        self.env.invalidate_all()
        self.assertEqual(self.as_user(self.work_a, manager).read(["name"])[0]["name"], self.work_a.name)
        for vals in ({"name": "Venue's Work"}, {"list_price": 1.0}, {"is_published": False}):
            self.env.invalidate_all()
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.as_user(self.work_a, manager).write(vals)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.as_user(self.work_a.product_variant_id, manager).write({"default_code": "MINE"})
        for vals in ({"price": 1.0}, {"lead_days": 0}, {"artisan_cost": 0.0}):
            self.env.invalidate_all()
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.as_user(rows, manager).write(vals)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.as_user(rows, manager).unlink()
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.as_user(rows, manager).read(["artisan_cost"])
        self.assertNotIn("artisan_cost", self.as_user(rows, manager).fields_get())
        # nor what the studio is paid for the handmade orders of its own sales
        handmade = self.handmade_of(self.order_a)
        self.assertTrue(handmade)
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.as_user(handmade, manager).read(["artisan_cost"])
        self.assertEqual(self.work_a.name, "Test Work")

    def test_manager_neither_settles_nor_creates_venues(self):
        manager = self.manager_a
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.as_user(self.venue_a, manager).action_settle()
        self.assertFalse(
            self.env["account.move"]
            .search([("flex_gift_venue_settlement_id", "!=", False)])
            .filtered("flex_gift_venue_id")
        )
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.env["flex.gift.venue.create"].with_user(manager).create(
                {"name": "Venue C", "manager_name": "C", "manager_login": "venue_c_manager"}
            )
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            self.env["flex.gift.venue"].with_user(manager).create(
                {"company_id": self.env["res.company"].create({"name": "Shadow"}).id}
            )

    def test_platform_sees_every_venue(self):
        admin = self.platform_admin
        self.env.invalidate_all()
        venues = self.env["flex.gift.venue"].with_user(admin).search([])
        self.assertEqual(venues & (self.venue_a | self.venue_b), self.venue_a | self.venue_b)
        self.env.invalidate_all()
        read = {r["id"]: r for r in venues.read(["commission_rate", "balance"])}
        self.assertEqual(read[self.venue_a.id]["commission_rate"], 20.0)
        self.assertGreater(read[self.venue_a.id]["balance"], 0)
        self.assertGreater(read[self.venue_b.id]["balance"], 0)
        companies = self.platform | self.venue_a.company_id | self.venue_b.company_id
        self.env.invalidate_all()
        orders = (
            self.env["sale.order"]
            .with_user(admin)
            .with_context(allowed_company_ids=companies.ids)
            .search([("id", "in", (self.order_a | self.order_b | self.platform_order).ids)])
        )
        self.assertEqual(orders, self.order_a | self.order_b | self.platform_order)


@tagged("post_install", "-at_install")
class TestVenueIsolationHttp(HttpCase, FlexGiftVenueIsolationCommon):
    """The same denials over JSON-RPC, as the venue manager's own session: each answers
    an access error (never a server error) and changes nothing."""

    def setUp(self):
        super().setUp()
        self.authenticate(self.manager_a.login, self.manager_a.login)

    def rpc(self, model, method, args, kwargs=None):
        """(result, error class name) of one call_kw over HTTP, as the session's user."""
        response = self.url_open(
            "/web/dataset/call_kw",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            },
        )
        self.assertEqual(response.status_code, 200, f"{model}.{method} answered HTTP {response.status_code}")
        answer = response.json()
        if "error" in answer:
            return None, answer["error"]["data"]["name"]
        return answer["result"], None

    def assert_denied(self, model, method, args, kwargs=None):
        with mute_logger("odoo.http"):
            result, error = self.rpc(model, method, args, kwargs)
        self.assertEqual(error, "odoo.exceptions.AccessError", f"{model}.{method}{args!r} answered {result!r}")

    def test_orders_listings_entries_and_venues_of_others(self):
        theirs = {
            "sale.order": (self.order_b | self.platform_order).ids,
            "account.move": (self.move_b | self.move_a_platform).ids,
            "account.move.line": (self.move_b.line_ids | self.move_a_platform.line_ids).ids,
            "flex.gift.venue.listing": self.listing_b.ids,
            "flex.gift.venue": self.venue_b.ids,
        }
        mine = {
            "sale.order": self.order_a.ids,
            "account.move": self.move_a.ids,
            "flex.gift.venue.listing": self.listing_a.ids,
            "flex.gift.venue": self.venue_a.ids,
        }
        for model, ids in theirs.items():
            with self.subTest(model=model):
                result, error = self.rpc(model, "search_read", [[("id", "in", ids)], ["display_name"]])
                self.assertEqual((result, error), ([], None))
                for record_id in ids[:2]:
                    self.assert_denied(model, "read", [[record_id], ["display_name"]])
        for model, ids in mine.items():
            with self.subTest(model=model):
                result, error = self.rpc(model, "search_read", [[("id", "in", ids)], ["display_name"]])
                self.assertEqual([r["id"] for r in result], ids)
        # everything the manager's session finds is its own company's
        for model in ("sale.order", "account.move", "flex.gift.venue.listing", "flex.gift.venue"):
            result, error = self.rpc(model, "search_read", [[], ["company_id"]])
            with self.subTest(model=model):
                self.assertTrue(result)
                self.assertEqual({r["company_id"][0] for r in result}, {self.venue_a.company_id.id})

    def test_writes_into_others(self):
        self.assert_denied("sale.order", "write", [self.order_b.ids, {"client_order_ref": "mine"}])
        self.assert_denied("sale.order", "write", [self.platform_order.ids, {"client_order_ref": "mine"}])
        self.assert_denied("sale.order", "action_cancel", [self.order_b.ids])
        self.assert_denied("account.move", "write", [self.move_b.ids, {"ref": "mine"}])
        self.assert_denied("account.move", "button_draft", [self.move_a_platform.ids])
        self.assert_denied("flex.gift.venue.listing", "write", [self.listing_b.ids, {"name": "Mine"}])
        self.assert_denied("flex.gift.venue.listing", "unlink", [self.listing_b.ids])
        self.assert_denied(
            "flex.gift.venue.listing", "create", [{"venue_id": self.venue_b.id, "product_tmpl_id": self.work_b.id}]
        )
        self.assert_denied("flex.gift.venue", "write", [self.venue_b.ids, {"handling_days": 9}])
        self.assert_denied(
            "sale.order",
            "search_read",
            [[], ["name"]],
            {"context": {"allowed_company_ids": [self.venue_b.company_id.id]}},
        )
        self.env.invalidate_all()
        self.assertEqual(self.order_b.state, "sale")
        self.assertFalse(self.order_b.client_order_ref or self.platform_order.client_order_ref)
        self.assertEqual(self.move_a_platform.state, "posted")
        self.assertTrue(self.listing_b.exists())
        self.assertFalse(self.listing_b.name)
        self.assertEqual(self.venue_b.handling_days, 2)

    def test_commission_and_platform_price(self):
        venue, line = self.venue_a, self.order_a.order_line
        self.assert_denied("flex.gift.venue", "read", [venue.ids, ["commission_rate"]])
        self.assert_denied("flex.gift.venue", "search_read", [[], ["commission_rate"]])
        self.assert_denied("flex.gift.venue", "write", [venue.ids, {"commission_rate": 99.0}])
        self.assert_denied("sale.order.line", "read", [line.ids, ["flex_gift_platform_price_unit"]])
        self.assert_denied("sale.order.line", "write", [line.ids, {"flex_gift_platform_price_unit": 0.01}])
        result, error = self.rpc("flex.gift.venue", "fields_get", [], {"attributes": ["type"]})
        self.assertIsNone(error)
        self.assertNotIn("commission_rate", result)
        # the manager still reads the rest of its venue, its balance included
        result, error = self.rpc("flex.gift.venue", "read", [venue.ids, ["name", "markup_percent", "balance"]])
        self.assertIsNone(error)
        self.assertGreater(result[0]["balance"], 0)
        self.env.invalidate_all()
        self.assertEqual(venue.commission_rate, 20.0)

    def test_library_settlement_and_venue_creation(self):
        rows = self.work_a.flex_gift_combination_ids[:2]
        self.assert_denied("product.template", "write", [self.work_a.ids, {"name": "Mine", "list_price": 1.0}])
        self.assert_denied("flex.gift.combination", "write", [rows.ids, {"price": 1.0}])
        self.assert_denied("flex.gift.combination", "read", [rows.ids, ["artisan_cost"]])
        self.assert_denied("flex.gift.venue", "action_settle", [self.venue_a.ids])
        self.assert_denied(
            "flex.gift.venue.create", "create", [{"name": "C", "manager_name": "C", "manager_login": "venue_c"}]
        )
        self.env.invalidate_all()
        self.assertEqual(self.work_a.name, "Test Work")

    def test_platform_admin_sees_both_venues(self):
        self.authenticate("venue_platform_admin", "venue_platform_admin")
        companies = (self.platform | self.venue_a.company_id | self.venue_b.company_id).ids
        result, error = self.rpc(
            "flex.gift.venue",
            "search_read",
            [[("id", "in", (self.venue_a | self.venue_b).ids)], ["name", "commission_rate", "balance"]],
        )
        self.assertIsNone(error)
        self.assertEqual({r["id"] for r in result}, set((self.venue_a | self.venue_b).ids))
        self.assertTrue(all(r["balance"] > 0 for r in result))
        result, error = self.rpc(
            "sale.order",
            "search_read",
            [[("id", "in", (self.order_a | self.order_b).ids)], ["company_id"]],
            {"context": {"allowed_company_ids": companies}},
        )
        self.assertIsNone(error)
        self.assertEqual(
            {r["company_id"][0] for r in result}, set((self.venue_a.company_id | self.venue_b.company_id).ids)
        )
