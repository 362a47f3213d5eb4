from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    flex_gift_link_id = fields.Many2one(
        "flex.gift.link", string="Gift Link", readonly=True, index="btree_not_null", copy=False
    )
