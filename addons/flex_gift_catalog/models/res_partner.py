from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_artisan_studio = fields.Boolean(
        string="Artisan Studio", help="This partner makes works for the curated library."
    )
    flex_gift_work_ids = fields.One2many("product.template", "flex_gift_artisan_id", string="Library Works")
