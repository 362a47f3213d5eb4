from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    flex_gift_handmade_order_ids = fields.One2many(
        "flex.gift.handmade.order", "sale_line_id", string="Handmade Orders", readonly=True
    )
