from odoo import models


class FlexGiftCombination(models.Model):
    _inherit = "flex.gift.combination"

    def write(self, vals):
        res = super().write(vals)
        if {"price", "lead_days"} & set(vals):
            for work in self.product_tmpl_id.filtered("flex_gift_venue_listing_ids"):
                work.flex_gift_venue_listing_ids._flex_gift_notify(
                    self.env._(
                        "The library changed the price or lead time of combinations of “%s”: your shop shows "
                        "the new figures with your price rule.",
                        work.name,
                    )
                )
        return res
