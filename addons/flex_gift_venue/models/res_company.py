from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    flex_gift_venue_ids = fields.One2many("flex.gift.venue", "company_id", string="Venue")
