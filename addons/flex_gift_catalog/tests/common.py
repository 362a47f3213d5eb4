import base64
import io

from odoo.fields import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user


def png_bytes(width=8, height=8, fmt="PNG", mode="RGB"):
    from PIL import Image  # noqa: PLC0415

    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, format=fmt)
    return out.getvalue()


def data_url(data, mimetype="image/png"):
    return f"data:{mimetype};base64,{base64.b64encode(data).decode()}"


class FlexGiftCatalogCommon(TransactionCase):
    """A 5 x 5 work (25 combinations), a studio, components, users of every kind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.studio = cls.env["res.partner"].create(
            {
                "name": "Test Studio",
                "is_company": True,
                "is_artisan_studio": True,
            }
        )
        cls.size, cls.color = cls.env["product.attribute"].create(
            [
                {
                    "name": "Test Size",
                    "create_variant": "no_variant",
                    "value_ids": [Command.create({"name": n, "sequence": i}) for i, n in enumerate("ABCDE")],
                },
                {
                    "name": "Test Color",
                    "create_variant": "no_variant",
                    "value_ids": [Command.create({"name": n, "sequence": i}) for i, n in enumerate("VWXYZ")],
                },
            ]
        )
        cls.work = cls.create_work("Test Work", cls.studio, 100.0)
        cls.size_line, cls.color_line = cls.work.attribute_line_ids
        cls.engraving, cls.ribbon, cls.motif = cls.env["flex.gift.component"].create(
            [
                {
                    "product_tmpl_id": cls.work.id,
                    "name": "Engraving",
                    "component_type": "text",
                    "max_length": 10,
                    "max_lines": 2,
                    "charset": "cjk_latin",
                },
                {
                    "product_tmpl_id": cls.work.id,
                    "name": "Ribbon",
                    "component_type": "choice",
                    "required": True,
                    "option_ids": [
                        Command.create({"name": "Red", "price_extra": 0}),
                        Command.create({"name": "Gold", "price_extra": 12.5}),
                    ],
                },
                {
                    "product_tmpl_id": cls.work.id,
                    "name": "Motif",
                    "component_type": "image",
                    "max_bytes": 50_000,
                    "max_pixels": 250_000,
                },
            ]
        )
        cls.red, cls.gold = cls.ribbon.option_ids
        cls.generate(cls.work, base_price=100.0, base_lead_days=5)
        cls.library_user = new_test_user(cls.env, "flex_lib_user", groups="flex_gift_catalog.group_library_user")
        cls.curator = new_test_user(cls.env, "flex_curator", groups="flex_gift_catalog.group_library_curator")
        cls.portal_user = new_test_user(cls.env, "flex_portal", groups="base.group_portal")
        # a pricelist without rules: prices are the matrix prices, not demo discounts
        cls.pricelist = cls.env["product.pricelist"].create({"name": "Flex Gift Test", "item_ids": []})

    @classmethod
    def create_work(cls, name, studio, list_price):
        """A library work of `studio` with the 5 sizes x 5 colors attributes (no matrix yet)."""
        return cls.env["product.template"].create(
            {
                "name": name,
                "is_library_work": True,
                "type": "consu",
                "list_price": list_price,
                "flex_gift_artisan_id": studio.id,
                "attribute_line_ids": [
                    Command.create({"attribute_id": cls.size.id, "value_ids": [Command.set(cls.size.value_ids.ids)]}),
                    Command.create({"attribute_id": cls.color.id, "value_ids": [Command.set(cls.color.value_ids.ids)]}),
                ],
            }
        )

    @classmethod
    def generate(cls, work, base_price=100.0, base_lead_days=5, overwrite_manual=False):
        """Price = base + 10 x size index + 1 x color index; lead = base + size index."""
        lines = []
        for line_index, values in enumerate(work._flex_gift_lines()):
            for index, ptav_id in enumerate(values):
                lines.append(
                    Command.create(
                        {
                            "ptav_id": ptav_id,
                            "price_delta": index * (10 if line_index == 0 else 1),
                            "extra_days": index if line_index == 0 else 0,
                            "cost_delta": index,
                        }
                    )
                )
        wizard = cls.env["flex.gift.matrix.generate"].create(
            {
                "product_tmpl_id": work.id,
                "base_price": base_price,
                "base_lead_days": base_lead_days,
                "base_artisan_cost": 40.0,
                "overwrite_manual": overwrite_manual,
                "line_ids": lines,
            }
        )
        wizard.action_generate()
        return wizard

    def ptav(self, line_index, index):
        """The index-th value of the line_index-th attribute line (generator order)."""
        return self.env["product.template.attribute.value"].browse(self.work._flex_gift_lines()[line_index][index])

    def combination(self, size_index, color_index):
        return self.ptav(0, size_index) | self.ptav(1, color_index)

    @classmethod
    def publish(cls, work=None):
        work = work or cls.work
        work.action_library_submit()
        work.with_user(cls.curator).action_library_approve()
        work.with_user(cls.curator).action_library_publish()


class FlexGiftShopTourCase(HttpCase):
    """Chromium shop tours as the demo portal customer, paying by wire transfer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env.ref("base.partner_demo_portal")
        # a complete address, so checkout goes straight to payment (as Odoo's own shop tests do)
        cls.customer.write(
            {
                "street": "215 Vine St",
                "city": "Scranton",
                "zip": "18503",
                "country_id": cls.env.ref("base.us").id,
                "state_id": cls.env.ref("base.state_us_39").id,
                "phone": "+1 555-555-5555",
            }
        )
        transfer = cls.env.ref("payment.payment_provider_transfer")
        transfer.write({"state": "enabled", "is_published": True})
        transfer._transfer_ensure_pending_msg_is_set()
