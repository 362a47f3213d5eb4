from odoo import fields, models


class FlexGiftLink(models.Model):
    _inherit = "flex.gift.link"

    handmade_order_ids = fields.One2many(
        "flex.gift.handmade.order", "flex_gift_link_id", string="Handmade Order", readonly=True
    )

    def _flex_gift_release_delivery(self):
        """Once the recipient's delivery exists, the studio gets the unit to make for them."""
        res = super()._flex_gift_release_delivery()
        self.env["flex.gift.handmade.order"]._flex_gift_create_for_links(
            self.filtered(lambda link: not link.sudo().handmade_order_ids)
        )
        return res
