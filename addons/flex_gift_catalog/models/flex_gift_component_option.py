from odoo import fields, models


class FlexGiftComponentOption(models.Model):
    _name = "flex.gift.component.option"
    _description = "Personalization Choice Option"
    _order = "component_id, sequence, id"

    component_id = fields.Many2one(
        "flex.gift.component", string="Component", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    price_extra = fields.Float(string="Price Extra", digits="Product Price", default=0.0)
    color = fields.Char(help="Text color used on the preview when this option is chosen (#rrggbb).")

    _price_extra_positive = models.Constraint("CHECK (price_extra >= 0)", "An option's price extra cannot be negative.")
