from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.flex_gift_catalog.tests.common import FlexGiftCatalogCommon


class FlexGiftArtisanCommon(FlexGiftCatalogCommon):
    """Two studios with a work each, a portal user per studio, two members, a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.studio_a = cls.studio
        cls.studio_a.email = "studio.a@example.com"
        cls.studio_b = cls.env["res.partner"].create(
            {"name": "Studio B", "is_company": True, "is_artisan_studio": True, "email": "studio.b@example.com"}
        )
        cls.work_a = cls.work
        cls.work_b = cls.create_work("Work B", cls.studio_b, 50.0)
        cls.generate(cls.work_b, base_price=50.0, base_lead_days=3)
        cls.stock_product = cls.env["product.product"].create({"name": "Plain Mug", "type": "consu", "list_price": 9})
        cls.studio_user_a = cls._studio_user("studio_a_user", cls.studio_a)
        cls.studio_user_b = cls._studio_user("studio_b_user", cls.studio_b)
        cls.member_1 = new_test_user(cls.env, "member_one", groups="base.group_portal", name="Member One")
        cls.member_2 = new_test_user(cls.env, "member_two", groups="base.group_portal", name="Member Two")
        for user in cls.member_1 | cls.member_2:
            user.partner_id.write(
                {"street": "1 Gift Street", "city": "Hangzhou", "country_id": cls.env.ref("base.cn").id}
            )
        cls.manager = new_test_user(cls.env, "handmade_manager", groups="flex_gift_artisan.group_handmade_manager")
        cls.Handmade = cls.env["flex.gift.handmade.order"]
        cls.env.company.flex_gift_payout_period = "per_order"

    @classmethod
    def _studio_user(cls, login, studio):
        user = new_test_user(cls.env, login, groups="base.group_portal", name=f"{studio.name} worker")
        user.partner_id.parent_id = studio
        return user

    @classmethod
    def make_order(cls, partner, lines=None, confirm=True):
        """A sales order of `lines`: (work, (size, color), personalization, qty) or a product."""
        order = cls.env["sale.order"].create({"partner_id": partner.id, "pricelist_id": cls.pricelist.id})
        for spec in lines if lines is not None else [(cls.work_a, (1, 2), None, 1)]:
            if isinstance(spec, tuple):
                cls.add_work_line(order, *spec)
            else:
                order.order_line = [Command.create({"product_id": spec.id, "product_uom_qty": 1})]
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def add_work_line(cls, order, work, size_color, personalization, qty):
        """Add `work` in combination (size, color) to `order` as the shop does; Work A's
        required ribbon is filled in when no personalization is given."""
        combination = cls._combination_of(work, *size_color)
        if personalization is None and work == cls.work_a:
            personalization = {str(cls.ribbon.id): cls.red.id}
        order.with_context(skip_cart_verification=True)._cart_add(
            product_id=work.product_variant_id.id,
            quantity=qty,
            no_variant_attribute_value_ids=combination.ids,
            flex_gift_personalization=personalization or {},
        )

    @classmethod
    def _combination_of(cls, work, size, color):
        lines = work._flex_gift_lines()
        return cls.env["product.template.attribute.value"].browse([lines[0][size], lines[1][color]])

    def handmade_of(self, order):
        return self.Handmade.search([("sale_order_id", "=", order.id)], order="id")

    def ship(self, handmade, user=None, ref="SF123"):
        handmade = handmade.with_user(user or self.studio_user_a)
        handmade.action_accept()
        handmade.action_start()
        handmade.action_ready()
        handmade.action_ship(carrier="SF Express", tracking_ref=ref)
        return handmade
