from odoo import api, models


class FlexGiftCombination(models.Model):
    _inherit = "flex.gift.combination"

    @api.model
    def _has_field_access(self, field, operation):
        """A venue manager is an accountant of its own company (``account.group_account_invoice``),
        never of what the library pays its studios."""
        if (
            field.name == "artisan_cost"
            and not self.env.su
            and self.env.user.has_group("flex_gift_venue.group_venue_manager")
            and not self.env.user.has_group("flex_gift_catalog.group_library_user")
        ):
            return False
        return super()._has_field_access(field, operation)

    def write(self, vals):
        res = super().write(vals)
        if {"price", "lead_days"} & set(vals):
            # the venues are told once per work and transaction, however many rows changed
            self.product_tmpl_id._flex_gift_venue_changed_at_commit()
        return res
