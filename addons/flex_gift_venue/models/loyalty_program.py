from odoo import fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    flex_gift_alliance_id = fields.Many2one(
        "flex.gift.alliance",
        string="Venue Alliance",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        help="The alliance whose stored value this program is: only its venues' orders use it.",
    )
