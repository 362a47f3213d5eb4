from odoo import api, fields, models
from odoo.tools import float_compare

from odoo.addons.flex_gift_artisan.models.flex_gift_handmade_order import STATES as HANDMADE_STATES


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    flex_gift_platform_price_unit = fields.Monetary(
        string="Platform Price",
        currency_field="flex_gift_platform_currency_id",
        readonly=True,
        copy=False,
        groups="flex_gift_venue.group_venue_platform",
        help="What the venue owes the platform per unit: the library's price less the venue's commission.",
    )
    flex_gift_platform_currency_id = fields.Many2one("res.currency", readonly=True, copy=False)
    flex_gift_venue_booked_qty = fields.Float(
        string="Booked for the Platform",
        readonly=True,
        copy=False,
        groups="flex_gift_venue.group_venue_platform",
        help="Units of this line the venue's running account with the platform holds.",
    )
    flex_gift_venue_due_qty = fields.Float(
        string="Owed to the Platform",
        readonly=True,
        copy=False,
        groups="flex_gift_venue.group_venue_platform",
        help="Units of this line the venue owes the platform for: confirmed, less cancelled and refunded. "
        "The booking job books them in both companies' ledgers.",
    )
    flex_gift_venue_to_book = fields.Boolean(
        string="Awaiting Booking", readonly=True, copy=False, groups="flex_gift_venue.group_venue_platform"
    )
    flex_gift_venue_book_date = fields.Date(
        string="Booking Date", readonly=True, copy=False, groups="flex_gift_venue.group_venue_platform"
    )

    flex_gift_member_discount = fields.Boolean(
        string="Member Discount",
        readonly=True,
        copy=False,
        help="The alliance's member discount, given to an order paid in full with stored value.",
    )

    # the progress of the handmade order of a venue's sale, which belongs to the platform (it
    # pays the studio): the venue reads it on its own line, never the handmade order itself
    flex_gift_handmade_state = fields.Selection(
        HANDMADE_STATES, string="Handmade Order Status", compute="_compute_flex_gift_handmade"
    )
    flex_gift_handmade_date_due = fields.Date(string="Handmade Ship-by", compute="_compute_flex_gift_handmade")
    flex_gift_handmade_tracking_ref = fields.Char(string="Handmade Tracking", compute="_compute_flex_gift_handmade")

    _flex_gift_venue_to_book_index = models.Index("(company_id) WHERE flex_gift_venue_to_book")

    @api.depends("flex_gift_handmade_order_ids.state")
    def _compute_flex_gift_handmade(self):
        for line in self:
            handmade = line.sudo().flex_gift_handmade_order_ids[:1]
            line.flex_gift_handmade_state = handmade.state
            line.flex_gift_handmade_date_due = handmade.date_due
            line.flex_gift_handmade_tracking_ref = handmade.tracking_ref

    def _flex_gift_venue_owe(self, quantities, date):
        """The venue now owes the platform for ``quantities`` ({line: units}) of these
        lines, as of ``date``: the lines await the booking job, which is woken once per
        transaction."""
        for line, quantity in quantities.items():
            line.write(
                {
                    "flex_gift_venue_due_qty": quantity,
                    "flex_gift_venue_to_book": bool(
                        float_compare(quantity, line.flex_gift_venue_booked_qty, precision_digits=6)
                    ),
                    "flex_gift_venue_book_date": date,
                }
            )
        data = self.env.cr.postcommit.data  # cleared at commit and rollback
        if any(line.flex_gift_venue_to_book for line in quantities) and not data.get("flex_gift_venue.book"):
            data["flex_gift_venue.book"] = True
            self.env.ref("flex_gift_venue.ir_cron_flex_gift_venue_book").sudo()._trigger()

    def _flex_gift_library_price(self):
        """The library's own price of this line's unit: its combination's matrix price
        plus the price extras of the personalization chosen, in the platform's currency."""
        self.ensure_one()
        template = self.product_id.product_tmpl_id
        row = self.flex_gift_combination_id or self.env["flex.gift.combination"]._flex_gift_lookup(
            template, self.product_id.product_template_attribute_value_ids | self.product_no_variant_attribute_value_ids
        )
        price = row.price if row else template.list_price
        if self.flex_gift_personalization:
            price += template.flex_gift_component_ids._flex_gift_extra(self.flex_gift_personalization)
        return price

    def _is_sellable(self):
        """The member discount line is no product the shopper adds or removes in the cart."""
        return super()._is_sellable() and not self.flex_gift_member_discount

    def _is_reorder_allowed(self):
        return not self.flex_gift_member_discount and super()._is_reorder_allowed()
