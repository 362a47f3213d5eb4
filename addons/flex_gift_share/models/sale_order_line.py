from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    flex_gift_link_ids = fields.One2many("flex.gift.link", "order_line_id", string="Gift Links", readonly=True)

    def _get_qty_procurement(self, previous_product_uom_qty=False):
        """Hold the units of a gift that nobody claimed yet: they count as procured, so
        no delivery (and no reservation) exists for them until a recipient gives an address."""
        qty = super()._get_qty_procurement(previous_product_uom_qty)
        if self.order_id.flex_gift_is_gift and self.product_id.type == "consu":
            # a claim waiting for the release job is not released yet: counting it would
            # launch its unit under another link's address
            released = len(
                self.flex_gift_link_ids.filtered(lambda link: link.state == "claimed" and not link.release_pending)
            )
            qty += max(self.product_uom_qty - released, 0.0)
        return qty

    def _prepare_procurement_values(self):
        values = super()._prepare_procurement_values()
        link_id = self.env.context.get("flex_gift_link_id")
        if link_id:
            link = self.env["flex.gift.link"].sudo().browse(link_id)
            deadline = fields.Datetime.to_datetime(link.delivery_date).replace(hour=12)
            values.update(
                {
                    "flex_gift_link_id": link.id,
                    "partner_id": link.recipient_partner_id.id,
                    "date_deadline": deadline,
                    "date_planned": deadline,
                }
            )
            chosen = link.combination_id
            if chosen and chosen != self.flex_gift_combination_id:
                values["never_product_template_attribute_value_ids"] = chosen._flex_gift_attribute_values()
        return values
