from odoo import fields, models


class FlexGiftHandmadeOrderCancel(models.TransientModel):
    _name = "flex.gift.handmade.order.cancel"
    _description = "Reject or Cancel Handmade Orders"

    handmade_order_ids = fields.Many2many("flex.gift.handmade.order", string="Handmade Orders", required=True)
    action = fields.Selection([("reject", "Reject"), ("cancel", "Cancel")], required=True, default="cancel")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "reject":
            self.handmade_order_ids.action_reject(reason=self.reason)
        else:
            self.handmade_order_ids.action_cancel(reason=self.reason)
            self.handmade_order_ids._notify_studio_cancelled()
        return {"type": "ir.actions.act_window_close"}
