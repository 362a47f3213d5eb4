from odoo import api, fields, models
from odoo.exceptions import ValidationError

RATE_KINDS = [
    ("merchant_fee", "Merchant Service Fee"),
    ("individual_bonus", "Individual Referral Bonus"),
    ("agent_bonus", "Agent Referral Bonus"),
]


class FlexGiftRate(models.Model):
    """A platform rate, effective from a date: a new rate is a new row, so that changing
    it never rewrites what was computed with the old one (orders keep the rate they were
    confirmed with)."""

    _name = "flex.gift.rate"
    _description = "Platform Rate"
    _order = "kind, date_from desc, id desc"

    kind = fields.Selection(RATE_KINDS, required=True)
    rate = fields.Float(string="Rate (%)", required=True, digits=(5, 2))
    date_from = fields.Date(string="Effective From", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", string="Platform", required=True, default=lambda self: self.env.company, index=True
    )

    _rate_range = models.Constraint("CHECK (rate >= 0 AND rate <= 100)", "A rate lies between 0 and 100 %.")
    _one_per_day = models.Constraint(
        "UNIQUE (company_id, kind, date_from)", "One rate of each kind takes effect on a given date."
    )

    @api.constrains("rate")
    def _check_rate(self):
        if any(rate.rate < 0 or rate.rate > 100 for rate in self):
            raise ValidationError(self.env._("A rate lies between 0 and 100 %."))

    @api.depends("kind", "rate", "date_from")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for rate in self:
            rate.display_name = f"{kinds.get(rate.kind, '')}: {rate.rate:g} % ({rate.date_from})"

    @api.model
    def _flex_gift_rate(self, kind, date, company=None):
        """The rate of ``kind`` in force on ``date`` (percent; 0.0 when none is set yet)."""
        company = company or self.env.company
        rate = self.sudo().search(
            [("company_id", "=", company.id), ("kind", "=", kind), ("date_from", "<=", date)],
            order="date_from desc, id desc",
            limit=1,
        )
        return rate.rate
