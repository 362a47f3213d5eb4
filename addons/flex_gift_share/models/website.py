from odoo import fields, models


class Website(models.Model):
    _inherit = "website"

    flex_gift_expiry_days = fields.Integer(
        string="Gift Link Validity (days)",
        default=30,
        help="Days a gift link stays claimable after the order is confirmed.",
    )
    flex_gift_max_delivery_days = fields.Integer(
        string="Latest Gift Delivery (days)",
        default=120,
        help="The recipient cannot ask for a delivery date further away than this.",
    )
    flex_gift_refund_mode = fields.Selection(
        [("credit_note", "Credit note"), ("ewallet", "eWallet credit")],
        string="Unclaimed Gift Refund",
        default="credit_note",
        required=True,
    )
    flex_gift_ewallet_program_id = fields.Many2one(
        "loyalty.program",
        string="Gift Refund eWallet",
        domain=[("program_type", "=", "ewallet")],
        help="The eWallet program credited when an unclaimed gift expires (eWallet refund).",
    )
