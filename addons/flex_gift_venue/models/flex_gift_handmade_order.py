from odoo import api, models


class FlexGiftHandmadeOrder(models.Model):
    _inherit = "flex.gift.handmade.order"

    @api.depends("sale_order_id.company_id")
    def _compute_company_id(self):
        """A handmade work sold by a venue is made for, and paid by, the platform."""
        res = super()._compute_company_id()
        venues = self.env["flex.gift.venue"].sudo().search([("company_id", "in", self.sale_order_id.company_id.ids)])
        platform = {venue.company_id: venue.platform_company_id for venue in venues}
        for order in self:
            if order.company_id in platform:
                order.company_id = platform[order.company_id]
        return res
