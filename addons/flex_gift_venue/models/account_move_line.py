from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    flex_gift_venue_sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Venue Sale Line",
        readonly=True,
        index="btree_not_null",
        copy=False,
        help="The venue's sale line of a library work this item books the platform's share of.",
    )
