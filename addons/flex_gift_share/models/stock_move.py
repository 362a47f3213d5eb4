from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    flex_gift_link_id = fields.Many2one("flex.gift.link", string="Gift Link", readonly=True, index="btree_not_null")

    def _key_assign_picking(self):
        # each claimed gift unit gets its own delivery
        return super()._key_assign_picking() + (self.flex_gift_link_id,)

    def _search_picking_for_assignation_domain(self):
        return super()._search_picking_for_assignation_domain() + [
            ("flex_gift_link_id", "=", self.flex_gift_link_id.id)
        ]

    def _get_new_picking_values(self):
        values = super()._get_new_picking_values()
        link = self[:1].flex_gift_link_id
        if link:
            # the partner is the recipient already: the procurement's (see sale.order.line)
            values["flex_gift_link_id"] = link.id
        return values
