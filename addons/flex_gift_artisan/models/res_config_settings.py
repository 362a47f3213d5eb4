from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    flex_gift_payout_period = fields.Selection(
        related="company_id.flex_gift_payout_period", readonly=False, required=True
    )
