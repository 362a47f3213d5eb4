from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    flex_gift_platform_price_unit = fields.Monetary(
        string="Platform Price",
        currency_field="flex_gift_platform_currency_id",
        readonly=True,
        copy=False,
        groups="flex_gift_venue.group_venue_platform",
        help="What the venue owes the platform per unit: the library's price less the venue's commission.",
    )
    flex_gift_platform_currency_id = fields.Many2one("res.currency", readonly=True, copy=False)
    flex_gift_venue_booked_qty = fields.Float(
        string="Booked for the Platform",
        readonly=True,
        copy=False,
        groups="flex_gift_venue.group_venue_platform",
        help="Units of this line the venue's running account with the platform holds.",
    )

    def _flex_gift_library_price(self):
        """The library's own price of this line's unit: its combination's matrix price
        plus the price extras of the personalization chosen, in the platform's currency."""
        self.ensure_one()
        template = self.product_id.product_tmpl_id
        row = self.flex_gift_combination_id or self.env["flex.gift.combination"]._flex_gift_lookup(
            template, self.product_id.product_template_attribute_value_ids | self.product_no_variant_attribute_value_ids
        )
        price = row.price if row else template.list_price
        if self.flex_gift_personalization:
            price += template.flex_gift_component_ids._flex_gift_extra(self.flex_gift_personalization)
        return price
