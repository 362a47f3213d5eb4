from odoo import api, fields, models

# settings field: rate kind
RATE_FIELDS = {
    "flex_gift_merchant_fee": "merchant_fee",
    "flex_gift_individual_bonus": "individual_bonus",
    "flex_gift_agent_bonus": "agent_bonus",
}


class ResConfigSettings(models.TransientModel):
    """The platform's rates in Settings: each shows the rate in force today; saving a
    different one adds a rate effective today (the rates' history keeps the old ones)."""

    _inherit = "res.config.settings"

    flex_gift_merchant_fee = fields.Float(
        string="Merchant Service Fee (%)", compute="_compute_flex_gift_rates", readonly=False, store=True
    )
    flex_gift_individual_bonus = fields.Float(
        string="Individual Referral Bonus (%)", compute="_compute_flex_gift_rates", readonly=False, store=True
    )
    flex_gift_agent_bonus = fields.Float(
        string="Agent Referral Bonus (%)", compute="_compute_flex_gift_rates", readonly=False, store=True
    )

    @api.depends("company_id")
    def _compute_flex_gift_rates(self):
        Rate = self.env["flex.gift.rate"]
        today = fields.Date.context_today(self)
        for settings in self:
            for field, kind in RATE_FIELDS.items():
                settings[field] = Rate._flex_gift_rate(kind, today, settings.company_id)

    def set_values(self):
        res = super().set_values()
        Rate = self.env["flex.gift.rate"]
        today = fields.Date.context_today(self)
        for field, kind in RATE_FIELDS.items():
            if Rate._flex_gift_rate(kind, today, self.company_id) != self[field]:
                current = Rate.search(
                    [("company_id", "=", self.company_id.id), ("kind", "=", kind), ("date_from", "=", today)]
                )
                if current:  # changed twice on one day: today's rate is the last one saved
                    current.rate = self[field]
                else:
                    Rate.create(
                        {"kind": kind, "rate": self[field], "date_from": today, "company_id": self.company_id.id}
                    )
        return res
