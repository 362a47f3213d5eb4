from odoo import fields, models
from odoo.exceptions import UserError


class FlexGiftVenueReportPrint(models.TransientModel):
    """Print the financial report (PDF) of venues for a period."""

    _name = "flex.gift.venue.report.print"
    _description = "Print the Venue Financial Report"

    date_from = fields.Date(string="From", required=True, default=lambda s: fields.Date.context_today(s).replace(day=1))
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    venue_ids = fields.Many2many(
        "flex.gift.venue",
        string="Venues",
        default=lambda s: s._default_venue_ids(),
        help="The venues to print; a venue manager sees only its own.",
    )

    def _default_venue_ids(self):
        if self.env.context.get("active_model") == "flex.gift.venue" and self.env.context.get("active_ids"):
            return self.env["flex.gift.venue"].browse(self.env.context["active_ids"]).exists()
        return self.env["flex.gift.venue"].search([])

    def action_print(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period starts after it ends: check the dates."))
        if not self.venue_ids:
            raise UserError(self.env._("Pick at least one venue to print."))
        return self.env.ref("flex_gift_venue.flex_gift_venue_report_action_pdf").report_action(
            self.venue_ids,
            data={"date_from": fields.Date.to_string(self.date_from), "date_to": fields.Date.to_string(self.date_to)},
        )
