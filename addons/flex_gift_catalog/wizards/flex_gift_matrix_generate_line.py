from odoo import fields, models


class FlexGiftMatrixGenerateLine(models.TransientModel):
    _name = "flex.gift.matrix.generate.line"
    _description = "Matrix Generator: per-value deltas"
    _order = "sequence, id"

    wizard_id = fields.Many2one("flex.gift.matrix.generate", required=True, ondelete="cascade")
    ptav_id = fields.Many2one("product.template.attribute.value", string="Value", required=True)
    attribute_id = fields.Many2one(related="ptav_id.attribute_id")
    sequence = fields.Integer()
    price_delta = fields.Float(digits="Product Price")
    extra_days = fields.Integer()
    cost_delta = fields.Float(digits="Product Price")
