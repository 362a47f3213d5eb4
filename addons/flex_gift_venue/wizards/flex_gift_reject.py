from odoo import fields, models
from odoo.exceptions import UserError

# what the platform rejects, and the method that rejects it with a reason
REJECT_METHODS = {
    "flex.gift.application": "action_reject",
    "product.template": "action_flex_gift_reject_listing",
}


class FlexGiftReject(models.TransientModel):
    """Reject applications or listings with a reason the applicant or the venue reads."""

    _name = "flex.gift.reject"
    _description = "Reject with a Reason"

    res_model = fields.Char(required=True, default=lambda self: self.env.context.get("active_model"))
    res_ids = fields.Json(default=lambda self: self.env.context.get("active_ids") or [])
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        method = REJECT_METHODS.get(self.res_model)
        if not method:
            raise UserError(self.env._("Nothing to reject here."))
        getattr(self.env[self.res_model].browse(self.res_ids or []), method)(self.reason)
        return {"type": "ir.actions.act_window_close"}
