from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FlexGiftAlliancePreset(models.Model):
    """A preset top-up amount of an alliance, offered on its venues' "Become a member" page
    and at their counters, with an optional bonus: topping up exactly ``amount`` credits
    ``amount + bonus``. The venue selling the top-up gives the bonus: it books it as an
    expense against its members' stored value."""

    _name = "flex.gift.alliance.preset"
    _description = "Alliance Preset Top-up"
    _order = "alliance_id, amount, id"

    alliance_id = fields.Many2one("flex.gift.alliance", required=True, index=True, ondelete="cascade")
    currency_id = fields.Many2one(related="alliance_id.currency_id")
    amount = fields.Monetary(required=True, help="What the member pays.")
    bonus = fields.Monetary(help="Stored value given on top of the amount paid.")

    _amount_positive = models.Constraint("CHECK (amount > 0)", "A preset top-up is a positive amount.")
    _bonus_positive = models.Constraint("CHECK (bonus >= 0)", "A top-up bonus cannot be negative.")
    _amount_unique = models.Constraint("UNIQUE (alliance_id, amount)", "Each preset top-up amount is offered once.")

    @api.depends("amount", "bonus")
    def _compute_display_name(self):
        for preset in self:
            name = preset.currency_id.format(preset.amount) if preset.currency_id else str(preset.amount)
            if preset.bonus:
                name = self.env._(
                    "%(amount)s (+%(bonus)s bonus)", amount=name, bonus=preset.currency_id.format(preset.bonus)
                )
            preset.display_name = name

    @api.constrains("amount", "alliance_id")
    def _check_amount(self):
        for preset in self:
            if preset.currency_id.compare_amounts(preset.amount, preset.alliance_id.max_topup) > 0:
                raise ValidationError(
                    self.env._(
                        "A preset top-up of %(amount)s is above the alliance's largest top-up (%(max)s).",
                        amount=preset.currency_id.format(preset.amount),
                        max=preset.currency_id.format(preset.alliance_id.max_topup),
                    )
                )
