from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _flex_gift_venue(self):
        """The venue this order was sold by, or an empty recordset."""
        self.ensure_one()
        return self.env["flex.gift.venue"]._flex_gift_of_company(self.company_id)

    def _flex_gift_alliance_domain(self, path=""):
        """Alliance stored value is offered only on the orders of its venues."""
        alliance = self._flex_gift_venue().alliance_id
        field = f"{path}flex_gift_alliance_id"
        if alliance.active:
            return Domain(field, "in", [False, alliance.id])
        return Domain(field, "=", False)

    def _get_program_domain(self):
        return Domain(super()._get_program_domain()) & self._flex_gift_alliance_domain()

    def _get_trigger_domain(self):
        return Domain(super()._get_trigger_domain()) & self._flex_gift_alliance_domain("program_id.")

    def _flex_gift_venue_library_lines(self):
        return self.order_line.filtered(
            lambda line: line.product_id.product_tmpl_id.is_library_work and line.product_uom_qty > 0
        )

    def _action_confirm(self):
        res = super()._action_confirm()
        for order in self:
            venue = order._flex_gift_venue()
            if venue:
                order._flex_gift_venue_book_confirmed(venue)
        return res

    def _flex_gift_venue_book_confirmed(self, venue):
        """The venue owes the platform its platform price for each library unit it sold,
        from confirmation on (the booking job books it in both companies)."""
        lines = self._flex_gift_venue_library_lines().sudo()
        for line in lines:
            line.flex_gift_platform_price_unit = venue._flex_gift_platform_price(line._flex_gift_library_price())
            line.flex_gift_platform_currency_id = venue.platform_currency_id
        lines._flex_gift_venue_owe({line: line.product_uom_qty for line in lines}, self.date_order.date())

    def _action_cancel(self):
        res = super()._action_cancel()
        today = fields.Date.context_today(self)
        for order in self:
            lines = order.order_line.sudo().filtered("flex_gift_venue_due_qty")
            if lines and order._flex_gift_venue():
                lines._flex_gift_venue_owe(dict.fromkeys(lines, 0.0), today)
        return res

    def _check_cart_is_ready_to_be_paid(self):
        """A cart holding a library work the library withdrew, or the venue stopped
        selling, cannot be paid; the visitor is told which."""
        gone = self.order_line.product_id.product_tmpl_id.filtered(
            lambda t: t.is_library_work and not t.sudo()._flex_gift_sold_on_website(self.website_id)
        )
        if gone:
            raise ValidationError(
                self.env._(
                    "“%s” is no longer sold here. Please remove it from your cart to check out.",
                    ", ".join(gone.mapped("name")),
                )
            )
        return super()._check_cart_is_ready_to_be_paid()
