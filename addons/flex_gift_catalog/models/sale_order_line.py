from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    flex_gift_combination_id = fields.Many2one(
        "flex.gift.combination", string="Work Combination", readonly=True, index="btree_not_null"
    )
    flex_gift_personalization = fields.Json(string="Personalization", readonly=True, copy=True)
    flex_gift_preview_id = fields.Many2one("flex.gift.preview", string="Preview Blob", readonly=True)
    flex_gift_preview = fields.Binary(related="flex_gift_preview_id.datas", string="Preview")
    flex_gift_preview_url = fields.Char(compute="_compute_flex_gift_preview_url")
    flex_gift_lead_days = fields.Integer(related="flex_gift_combination_id.lead_days", string="Lead Time (days)")

    @api.depends("flex_gift_preview_id")
    def _compute_flex_gift_preview_url(self):
        for line in self:
            line.flex_gift_preview_url = line.flex_gift_preview_id.sudo()._url() if line.flex_gift_preview_id else False

    def _get_product_price_context(self):
        """Add the price extras of chosen personalization options to the matrix price."""
        res = super()._get_product_price_context()
        template = self.product_id.product_tmpl_id
        if template.is_library_work and self.flex_gift_personalization:
            extra = template.flex_gift_component_ids._flex_gift_extra(self.flex_gift_personalization)
            if extra:
                res["no_variant_attributes_price_extra"] = res.get("no_variant_attributes_price_extra", 0.0) + extra
        return res

    def _get_sale_order_line_multiline_description_variants(self):
        description = super()._get_sale_order_line_multiline_description_variants()
        template = self.product_id.product_tmpl_id
        if template.is_library_work and self.flex_gift_personalization:
            words = template.flex_gift_component_ids._flex_gift_words(self.flex_gift_personalization)
            description += "".join("\n" + w for w in words)
        return description

    def _flex_gift_price_breakdown(self):
        """What the unit price shown in the cart is made of: the work, then each chosen
        option with a price extra, as [{"label", "amount", "is_extra"}] in the order's
        currency; the amounts add up to the unit price shown. Empty without extras.

        The pricelist and taxes apply to the whole (matrix price + extras): each part
        takes its share of the price shown.
        """
        self.ensure_one()
        row = self.flex_gift_combination_id
        components = self.product_id.product_tmpl_id.flex_gift_component_ids
        options = components._flex_gift_chosen_options(self.flex_gift_personalization).filtered("price_extra")
        if not row or not options or not self.product_uom_qty:
            return []
        currency = self.order_id.currency_id
        shown = self._get_cart_display_price() / self.product_uom_qty
        base = row.price + sum(options.mapped("price_extra"))
        ratio = shown / base if base else 0.0
        extras = [
            {
                "label": f"{option.component_id.name}: {option.name}",
                "amount": currency.round(option.price_extra * ratio),
                "is_extra": True,
            }
            for option in options
        ]
        work = {
            "label": self.product_id.product_tmpl_id.name,
            "amount": currency.round(shown - sum(extra["amount"] for extra in extras)),
            "is_extra": False,
        }
        return [work, *extras]
