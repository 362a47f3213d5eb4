from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    flex_gift_handmade_order_ids = fields.One2many(
        "flex.gift.handmade.order", "sale_order_id", string="Handmade Orders", readonly=True
    )
    flex_gift_handmade_count = fields.Integer(
        string="Handmade Order Count", compute="_compute_flex_gift_handmade_count"
    )

    @api.depends("flex_gift_handmade_order_ids")
    def _compute_flex_gift_handmade_count(self):
        counts = dict(
            self.env["flex.gift.handmade.order"]
            .sudo()
            ._read_group([("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"])
        )
        for order in self:
            order.flex_gift_handmade_count = counts.get(order._origin, 0)

    def _action_confirm(self):
        res = super()._action_confirm()
        self.env["flex.gift.handmade.order"]._create_from_sale_lines(self.order_line)
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        handmade = (
            self.env["flex.gift.handmade.order"]
            .sudo()
            .search([("sale_order_id", "in", self.ids), ("state", "in", ("new", "accepted", "in_production", "ready"))])
        )
        if handmade:
            handmade.action_cancel(reason=self.env._("The sales order was cancelled."))
            handmade._notify_studio_cancelled()
        return res

    def action_view_flex_gift_handmade_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("flex_gift_artisan.flex_gift_handmade_order_action")
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {}
        return action
