from odoo.fields import Command
from odoo.tests import Form, tagged

from ..tools.combination import combination_key
from .common import FlexGiftCatalogCommon

DEMO_WORKS = ("tea_set", "tea_cup", "name_seal", "vase", "bamboo_box", "incense")


@tagged("post_install", "-at_install")
class TestMatrixGenerateWizard(FlexGiftCatalogCommon):
    """The “Generate Matrix” button as a curator uses it: opened from the work, saved, run."""

    def open_wizard(self, work=None):
        """The wizard as the button opens it (a Form saves only what the web client sends)."""
        action = (work or self.work).with_user(self.curator).action_flex_gift_generate_matrix()
        model = self.env[action["res_model"]].with_user(self.curator).with_context(action["context"])
        return Form(model)

    def row(self, size_index, color_index):
        key = combination_key(self.combination(size_index, color_index).ids)
        return self.work.flex_gift_combination_ids.filtered(lambda row: row.key == key)

    def snapshot(self, work=None):
        self.env.invalidate_all()
        return {
            row.key: (row.id, row.price, row.lead_days, row.artisan_cost, row.is_manual, row.write_date)
            for row in (work or self.work).flex_gift_combination_ids
        }

    def delta(self, form, value):
        """The (price, days, cost) delta line of a value in the wizard form."""
        for index, line in enumerate(form.line_ids._records):
            if line["ptav_id"] == value.id:
                return form.line_ids.edit(index)
        raise AssertionError(f"no delta line for {value.name}")

    def test_opens_with_the_stored_matrix(self):
        form = self.open_wizard()
        self.assertEqual(form.base_price, 100.0)
        self.assertEqual(form.base_lead_days, 5)
        self.assertEqual(form.base_artisan_cost, 40.0)
        self.assertEqual(len(form.line_ids), 10, "one delta line per value of the work")
        for size_index in range(5):
            with self.delta(form, self.ptav(0, size_index)) as line:
                self.assertEqual(
                    (line.price_delta, line.extra_days, line.cost_delta), (10 * size_index, size_index, size_index)
                )
        for color_index in range(5):
            with self.delta(form, self.ptav(1, color_index)) as line:
                self.assertEqual((line.price_delta, line.extra_days, line.cost_delta), (color_index, 0, color_index))
        self.assertEqual((form.manual_count, form.unmatched_count), (0, 0))

    def test_round_trip_changes_no_row(self):
        before = self.snapshot()
        self.open_wizard().save().action_generate()
        self.assertEqual(self.snapshot(), before, "same ids, prices, lead times, costs, flags and write dates")
        self.assertIn("0 new, 0 updated", self.work.message_ids[:1].body)

    def test_round_trip_keeps_manual_and_priced_apart_rows(self):
        manual = self.row(1, 1)
        manual.price = 999  # edited by hand: is_manual
        apart = self.row(2, 3)
        # priced apart without the manual flag (as a row created by an import)
        apart.with_context(flex_gift_matrix_generation=True).write({"lead_days": 30})
        self.assertFalse(apart.is_manual)
        before = self.snapshot()
        form = self.open_wizard()
        self.assertEqual(form.base_price, 100.0, "the odd rows do not skew the base")
        self.assertEqual((form.manual_count, form.unmatched_count), (1, 1))
        form.base_price = 110.0
        form.save().action_generate()
        after = self.snapshot()
        self.assertEqual(after[manual.key], before[manual.key], "a row edited by hand is kept")
        self.assertEqual(after[apart.key], before[apart.key], "a row priced apart is kept")
        self.assertEqual(self.row(0, 0).price, 110.0)
        self.assertIn("23 updated, 2 kept", self.work.message_ids[:1].body)
        # asked to: both are reset to base + deltas
        form = self.open_wizard()
        form.overwrite_manual = True
        form.save().action_generate()
        self.assertEqual((manual.price, manual.is_manual), (110.0 + 10 + 1, False))
        self.assertEqual(apart.lead_days, 5 + 2)

    def test_changed_delta_reaches_only_its_rows(self):
        before = self.snapshot()
        form = self.open_wizard()
        with self.delta(form, self.ptav(1, 4)) as line:
            line.price_delta = 7.5
        form.save().action_generate()
        after = self.snapshot()
        changed = {key for key in after if after[key] != before[key]}
        self.assertEqual(len(changed), 5, "the 5 combinations with the last color")
        self.assertEqual(self.row(3, 4).price, 100 + 30 + 7.5)

    def test_new_value_gets_rows_without_touching_the_others(self):
        before = self.snapshot()
        new_value = self.env["product.attribute.value"].create({"name": "F", "attribute_id": self.size.id})
        self.size_line.value_ids = [Command.link(new_value.id)]
        form = self.open_wizard()
        self.assertEqual(len(form.line_ids), 11)
        form.save().action_generate()
        after = self.snapshot()
        self.assertEqual(len(after), 30)
        self.assertEqual({key: after[key] for key in before}, before)

    def test_every_demo_work(self):
        """Opened and run on each demo work (withdrawn first when published): nothing changes."""
        works = [
            self.env.ref(f"flex_gift_catalog.product_template_{name}_demo", raise_if_not_found=False)
            for name in DEMO_WORKS
        ]
        if not all(works):
            self.skipTest("demo data not installed")
        for work in works:
            with self.subTest(work=work.name):
                if work.library_state == "published":
                    work.with_user(self.curator).action_library_withdraw()
                before = self.snapshot(work)
                self.assertTrue(before)
                form = self.open_wizard(work)
                self.assertEqual(form.base_price, work.list_price)
                form.save().action_generate()
                self.assertEqual(self.snapshot(work), before)
