from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    flex_gift_payout_start = fields.Date(string="Payout Period Start", readonly=True, copy=False)
    flex_gift_payout_end = fields.Date(string="Payout Period End", readonly=True, copy=False)
