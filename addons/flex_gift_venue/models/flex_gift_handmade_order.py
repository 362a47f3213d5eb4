from odoo import api, models


class FlexGiftHandmadeOrder(models.Model):
    _inherit = "flex.gift.handmade.order"

    @api.depends("sale_order_id.company_id")
    def _compute_company_id(self):
        """A handmade work sold by a venue is made for, and paid by, the platform."""
        res = super()._compute_company_id()
        Venue = self.env["flex.gift.venue"]
        if not Venue._flex_gift_company_venues():
            return res
        for order in self:
            venue = Venue._flex_gift_of_company(order.company_id)
            if venue:
                order.company_id = venue.platform_company_id
        return res
