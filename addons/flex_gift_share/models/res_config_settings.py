from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    flex_gift_expiry_days = fields.Integer(related="website_id.flex_gift_expiry_days", readonly=False)
    flex_gift_max_delivery_days = fields.Integer(related="website_id.flex_gift_max_delivery_days", readonly=False)
    flex_gift_refund_mode = fields.Selection(related="website_id.flex_gift_refund_mode", readonly=False)
    flex_gift_ewallet_program_id = fields.Many2one(related="website_id.flex_gift_ewallet_program_id", readonly=False)
