from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import FlexGiftCatalogCommon, data_url, png_bytes


@tagged("post_install", "-at_install")
class TestPersonalization(FlexGiftCatalogCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.portal_user.partner_id.id,
                "pricelist_id": cls.pricelist.id,
            }
        )

    def add(self, combination=None, personalization=None, **kwargs):
        combination = self.combination(2, 2) if combination is None else combination
        return self.order.with_context(skip_cart_verification=True)._cart_add(
            product_id=self.work.product_variant_id.id,
            quantity=1,
            no_variant_attribute_value_ids=combination.ids,
            flex_gift_personalization=personalization,
            **kwargs,
        )

    def assertNothingAdded(self, exception, regex, **kwargs):
        with self.assertRaisesRegex(exception, regex):
            self.add(**kwargs)
        self.assertFalse(self.order.order_line, "a refused add to cart leaves no line behind")

    def test_valid_personalization_goes_on_the_line(self):
        self.add(personalization={str(self.engraving.id): " 生日快乐\r\nMom ", str(self.ribbon.id): self.gold.id})
        line = self.order.order_line
        self.assertEqual(
            line.flex_gift_personalization,
            {
                str(self.engraving.id): "生日快乐\nMom",
                str(self.ribbon.id): self.gold.id,
            },
        )
        self.assertEqual(line.price_unit, 100 + 20 + 2 + 12.5, "matrix price + option extra")
        self.assertIn("Engraving: 生日快乐", line.name)
        self.assertIn("Ribbon: Gold", line.name)
        self.assertTrue(line.flex_gift_preview_id)
        self.assertTrue(line.flex_gift_preview.startswith(b"iVBOR"), "a PNG, base64-encoded")
        self.assertEqual(line.flex_gift_combination_id.lead_days, 7)

    def test_same_configuration_same_line_and_cached_preview(self):
        values = {str(self.ribbon.id): self.red.id, str(self.engraving.id): "A"}
        self.add(personalization=values)
        self.add(personalization=dict(values))
        self.assertEqual(len(self.order.order_line), 1)
        self.assertEqual(self.order.order_line.product_uom_qty, 2)
        self.add(personalization={str(self.ribbon.id): self.red.id, str(self.engraving.id): "B"})
        self.assertEqual(len(self.order.order_line), 2)
        previews = self.order.order_line.flex_gift_preview_id
        self.assertEqual(len(previews), 2, "another text, another preview")
        count = self.env["flex.gift.preview"].search_count([])
        self.env["flex.gift.preview"]._flex_gift_get_or_render(
            self.work, self.combination(2, 2), {str(self.ribbon.id): self.red.id, str(self.engraving.id): "A"}
        )
        self.assertEqual(self.env["flex.gift.preview"].search_count([]), count, "served from the cache")

    def test_browser_price_is_ignored(self):
        self.add(personalization={str(self.ribbon.id): self.red.id}, price_unit=0.01)
        self.assertEqual(self.order.order_line.price_unit, 122)

    def test_malicious_text(self):
        ribbon = {str(self.ribbon.id): self.red.id}
        for text, regex in [
            ("x" * 11, "limited to 10 characters"),
            ("a\nb\nc", "limited to 2 line"),
            ("ab\x00c", "control character"),
            ("ab\u202ec", "control character"),
            ("café", "does not accept"),
            (["list"], "must be text"),
        ]:
            with self.subTest(text=text):
                self.assertNothingAdded(
                    ValidationError, regex, personalization={**ribbon, str(self.engraving.id): text}
                )

    def test_choice_and_required(self):
        self.assertNothingAdded(ValidationError, "Ribbon.*required", personalization={})
        other = self.env["flex.gift.component.option"].create({"component_id": self.engraving.id, "name": "x"})
        self.assertNothingAdded(
            ValidationError, "pick one of the offered", personalization={str(self.ribbon.id): other.id}
        )
        self.assertNothingAdded(
            ValidationError, "pick one of the offered", personalization={str(self.ribbon.id): "1 OR 1=1"}
        )

    def test_unknown_component_is_refused(self):
        self.assertNothingAdded(
            ValidationError,
            "does not belong",
            personalization={
                str(self.ribbon.id): self.red.id,
                "999999": "x",
            },
        )
        self.assertNothingAdded(ValidationError, "could not be read", personalization=["x"])

    def test_images(self):
        ribbon = {str(self.ribbon.id): self.red.id}
        motif = str(self.motif.id)
        svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
        cases = [
            (data_url(svg, "image/png"), "accepts only these image types"),
            (data_url(png_bytes(fmt="GIF"), "image/png"), "accepts only these image types"),
            (data_url(png_bytes(600, 600)), "too many pixels"),
            (data_url(b"\x89PNG\r\n\x1a\n" + b"\x00" * 60_000), "too heavy"),
            ("not base64 at all!", "cannot be read"),
            ("a" * 64, "cannot be read"),  # a digest nobody uploaded
        ]
        for value, regex in cases:
            with self.subTest(regex=regex):
                self.assertNothingAdded(ValidationError, regex, personalization={**ribbon, motif: value})
        # a decompression bomb: small file, huge bitmap
        bomb = png_bytes(20000, 20000, mode="1")
        self.assertNothingAdded(ValidationError, "too many pixels", personalization={**ribbon, motif: data_url(bomb)})
        # a good one is stored once and referenced by its digest
        self.add(personalization={**ribbon, motif: data_url(png_bytes(40, 40))})
        digest = self.order.order_line.flex_gift_personalization[motif]
        self.assertEqual(len(digest), 64)
        upload = self.env["flex.gift.preview"].search([("digest", "=", digest)])
        self.assertEqual(upload.kind, "upload")

    def test_unknown_or_foreign_combination_adds_nothing(self):
        ribbon = {str(self.ribbon.id): self.red.id}
        self.assertNothingAdded(
            UserError, "not offered|does not exist", personalization=ribbon, combination=self.ptav(0, 1)
        )
        other = self.env.ref("flex_gift_catalog.product_template_tea_cup_demo", raise_if_not_found=False)
        if other:
            foreign = self.env["product.template.attribute.value"].browse(other._flex_gift_lines()[0][:1])
            self.assertNothingAdded(
                UserError, "not offered|does not exist", personalization=ribbon, combination=foreign | self.ptav(1, 0)
            )
        self.env["flex.gift.combination"]._flex_gift_lookup(self.work, self.combination(2, 2)).unlink()
        self.assertNothingAdded(UserError, "no price|does not exist", personalization=ribbon)

    def test_errors_speak_the_user_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["flex_gift_catalog"], ["zh_CN"], overwrite=True)
        component = self.engraving.with_context(lang="zh_CN")
        with self.assertRaises(ValidationError) as error:
            component._clean_value("x" * 11)
        self.assertIn("最多", str(error.exception))

    def test_unordered_previews_are_collected_ordered_ones_kept(self):
        ribbon = {str(self.ribbon.id): self.red.id}
        motif = str(self.motif.id)
        self.add(personalization={**ribbon, motif: data_url(png_bytes(30, 30))})
        line = self.order.order_line
        upload = self.env["flex.gift.preview"].search([("digest", "=", line.flex_gift_personalization[motif])])
        self.assertTrue(line.flex_gift_preview_id.is_kept)
        self.assertTrue(upload.is_kept)
        orphan = self.env["flex.gift.preview"]._flex_gift_get_or_render(
            self.work, self.combination(0, 0), {str(self.engraving.id): "orphan"}
        )
        self.assertFalse(orphan.is_kept)
        Preview = self.env["flex.gift.preview"]
        self.assertEqual(Preview._gc_unused(days=7), 0, "nothing is old enough yet")
        self.env.cr.execute(
            "UPDATE flex_gift_preview SET create_date = NOW() - INTERVAL '8 days' WHERE id IN %s",
            [tuple((orphan | upload | line.flex_gift_preview_id).ids)],
        )
        Preview.invalidate_model(["create_date"])
        Preview._gc_unused(days=7)
        self.assertFalse(orphan.exists())
        self.assertTrue(upload.exists())
        self.assertTrue(line.flex_gift_preview_id.exists())
