from odoo import fields, models


class FlexGiftApplicationReject(models.TransientModel):
    """Reject applications with a reason the applicant reads in the e-mail."""

    _name = "flex.gift.application.reject"
    _description = "Reject an Application"

    application_ids = fields.Many2many("flex.gift.application", string="Applications")
    reason = fields.Text(required=True)

    def action_reject(self):
        self.application_ids.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
