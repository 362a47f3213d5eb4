from odoo import fields, models

PAYOUT_PERIODS = [("per_order", "Per Order"), ("weekly", "Weekly"), ("monthly", "Monthly")]


class ResCompany(models.Model):
    _inherit = "res.company"

    flex_gift_payout_period = fields.Selection(
        PAYOUT_PERIODS,
        string="Artisan Payout Period",
        default="monthly",
        required=True,
        help="One vendor bill per studio and period for the artisan cost of shipped handmade orders.",
    )
