from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.website_sale.tests.common import MockRequest

from .common import FlexGiftCatalogCommon


@tagged("post_install", "-at_install")
class TestMatrix(FlexGiftCatalogCommon):
    def row(self, size_index, color_index):
        return self.env["flex.gift.combination"]._flex_gift_lookup(self.work, self.combination(size_index, color_index))

    def test_generation_fills_every_combination(self):
        self.assertEqual(self.work.flex_gift_combination_count, 25)
        row = self.row(3, 2)
        self.assertEqual(row.price, 100 + 30 + 2)
        self.assertEqual(row.lead_days, 5 + 3)
        self.assertEqual(row.artisan_cost, 40 + 3 + 2)
        self.assertFalse(row.is_manual)
        self.assertEqual(row.name, "Test Size: D, Test Color: X")

    def test_regenerate_keeps_manual_overrides_unless_asked(self):
        row = self.row(1, 1)
        row.price = 999
        self.assertTrue(row.is_manual)
        self.generate(self.work, base_price=200.0)
        self.assertEqual(row.price, 999, "a manual override survives regeneration")
        self.assertEqual(self.row(0, 0).price, 200)
        self.generate(self.work, base_price=200.0, overwrite_manual=True)
        self.assertEqual(row.price, 200 + 10 + 1)
        self.assertFalse(row.is_manual)

    def test_exclusions_are_respected(self):
        excluded = self.ptav(1, 4)
        self.ptav(0, 0).write(
            {
                "exclude_for": [
                    Command.create(
                        {
                            "product_tmpl_id": self.work.id,
                            "value_ids": [Command.set(excluded.ids)],
                        }
                    )
                ]
            }
        )
        self.generate(self.work)
        self.assertEqual(self.work.flex_gift_combination_count, 24)
        self.assertFalse(self.row(0, 4))
        self.work.action_library_submit()  # complete without the excluded combination

    def test_incomplete_matrix_cannot_be_submitted_or_published(self):
        self.row(2, 3).unlink()
        with self.assertRaisesRegex(UserError, "Test Size: C, Test Color: Y"):
            self.work.action_library_submit()
        self.assertEqual(self.work.library_state, "draft")

    def test_price_and_lead_lookup(self):
        combination = self.combination(4, 4)
        website = self.env["website"].get_current_website()
        with MockRequest(self.env, website=website, website_sale_current_pl=self.pricelist.id):
            info = self.work._get_combination_info(combination)
        self.assertEqual(info["price"], 100 + 40 + 4)
        product = self.work.product_variant_id
        order = self.env["sale.order"].create(
            {
                "partner_id": self.portal_user.partner_id.id,
                "pricelist_id": self.pricelist.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_no_variant_attribute_value_ids": [Command.set(combination.ids)],
                        }
                    )
                ],
            }
        )
        self.assertEqual(order.order_line.price_unit, 144)
        conf = self.work._flex_gift_configuration_info(combination, {})
        self.assertTrue(conf["available"])
        self.assertEqual(conf["lead_days"], 5 + 4)

    def test_lookup_is_one_query_whatever_the_matrix(self):
        combination = self.combination(1, 2)
        self.env["flex.gift.combination"]._flex_gift_lookup(self.work, combination)  # warm the registry caches
        with self.assertQueryCount(1):
            self.env["flex.gift.combination"]._flex_gift_lookup(self.work, combination)
        big = self.env.ref("flex_gift_catalog.product_template_tea_set_demo", raise_if_not_found=False)
        if big:
            self.assertEqual(big.flex_gift_combination_count, 15625)
            big_combination = self.env["product.template.attribute.value"].browse(
                [values[-1] for values in big._flex_gift_lines()]
            )
            with self.assertQueryCount(1):
                self.assertTrue(self.env["flex.gift.combination"]._flex_gift_lookup(big, big_combination))

    def test_unknown_combination_is_refused(self):
        with self.assertRaisesRegex(UserError, "not offered"):
            self.work._flex_gift_check_combination(self.ptav(0, 1))  # incomplete
        with self.assertRaisesRegex(UserError, "not offered"):
            self.work._flex_gift_check_combination(self.ptav(0, 1) | self.ptav(0, 2))  # two sizes
        self.row(1, 1).unlink()
        with self.assertRaisesRegex(UserError, "no price"):
            self.work._flex_gift_check_combination(self.combination(1, 1))

    def test_review_workflow(self):
        with self.assertRaisesRegex(UserError, "cannot go to Published"):
            self.work.with_user(self.curator).action_library_publish()
        self.work.with_user(self.library_user).action_library_submit()
        with self.assertRaisesRegex(UserError, "Only a library curator"):
            self.work.with_user(self.library_user).action_library_approve()
        with self.assertRaisesRegex(UserError, "rejection reason"):
            self.work.with_user(self.curator).action_library_reject()
        self.work.library_reject_reason = "Photos are blurry"
        self.work.with_user(self.curator).action_library_reject()
        self.assertEqual(self.work.library_state, "rejected")
        self.work.action_library_submit()
        self.assertFalse(self.work.library_reject_reason)
        self.work.with_user(self.curator).action_library_approve()
        self.work.with_user(self.curator).action_library_publish()
        self.assertEqual(self.work.library_state, "published")
        self.assertTrue(self.work.is_published)
        with self.assertRaisesRegex(UserError, "Withdraw"):
            self.generate(self.work)
        self.work.with_user(self.curator).action_library_withdraw()
        self.assertFalse(self.work.is_published)

    def test_stored_variants_are_refused_on_works(self):
        attribute = self.env["product.attribute"].create(
            {
                "name": "Stored",
                "create_variant": "always",
                "value_ids": [Command.create({"name": "x"})],
            }
        )
        with self.assertRaises(ValidationError):
            self.work.write(
                {
                    "attribute_line_ids": [
                        Command.create(
                            {
                                "attribute_id": attribute.id,
                                "value_ids": [Command.set(attribute.value_ids.ids)],
                            }
                        )
                    ]
                }
            )

    def test_negative_values_are_refused(self):
        wizard = self.generate(self.work)
        wizard.line_ids[:1].price_delta = -1000
        with self.assertRaisesRegex(UserError, "negative"):
            wizard.action_generate()


@tagged("post_install", "-at_install")
class TestMatrixImportExport(FlexGiftCatalogCommon):
    FIELDS = ["id", "product_tmpl_id/id", "key", "name", "price", "lead_days", "artisan_cost"]

    def test_export_then_import_round_trip(self):
        """A spreadsheet round trip with Odoo's own export and import (load)."""
        rows = self.work.flex_gift_combination_ids
        data = rows.export_data(self.FIELDS)["datas"]
        self.assertEqual(len(data), 25)
        for line in data:
            line[4] = str(float(line[4]) + 1)  # every price + 1
        result = self.env["flex.gift.combination"].load(self.FIELDS, data)
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(sorted(result["ids"]), sorted(rows.ids), "updated in place, nothing created")
        self.assertEqual(
            self.env["flex.gift.combination"]._flex_gift_lookup(self.work, self.combination(3, 2)).price, 133
        )
        self.assertTrue(all(rows.mapped("is_manual")), "imported prices are manual overrides")

    def test_import_of_a_bad_key_writes_nothing(self):
        row = self.env["flex.gift.combination"]._flex_gift_lookup(self.work, self.combination(0, 0))
        data = row.export_data(self.FIELDS)["datas"]
        before = row.price
        for bad_key in ("1;DROP", "3-1", str(self.ptav(0, 1).id)):
            with self.subTest(key=bad_key):
                data[0][2], data[0][4] = bad_key, "1.0"
                result = self.env["flex.gift.combination"].load(self.FIELDS, data)
                self.assertTrue(result["messages"])
                self.assertFalse(result["ids"])
                self.assertEqual(row.price, before)

    def test_big_matrix_round_trip(self):
        """The 15,625-combination demo work exports and imports whole."""
        big = self.env.ref("flex_gift_catalog.product_template_tea_set_demo", raise_if_not_found=False)
        if not big:
            self.skipTest("demo data not installed")
        rows = big.flex_gift_combination_ids
        data = rows.export_data(self.FIELDS)["datas"]
        self.assertEqual(len(data), 15625)
        for line in data:
            line[5] = str(int(line[5]) + 2)  # every lead time + 2 days
        result = self.env["flex.gift.combination"].load(self.FIELDS, data)
        self.assertFalse(result["messages"])
        self.assertEqual(len(result["ids"]), 15625)
        self.assertEqual(min(rows.mapped("lead_days")), 7 + 2)
