from odoo import api, fields, models


class FlexGiftHandmadeOrder(models.Model):
    """A gifted unit of a library work is made for its recipient: its handmade order is
    created when the recipient's claim is released, one per unit, and ships that unit's
    own delivery to that recipient."""

    _inherit = "flex.gift.handmade.order"

    flex_gift_link_id = fields.Many2one(
        "flex.gift.link",
        string="Gift Link",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        groups="base.group_user",
        help="The gifted unit this order makes: it ships to that link's recipient.",
    )

    # a sales order line makes one handmade order, or one per gifted unit
    _sale_line_unique = models.Constraint(
        "UNIQUE(sale_line_id, flex_gift_link_id)", "A gifted unit makes at most one handmade order."
    )
    _sale_line_unique_not_gift = models.UniqueIndex(
        "(sale_line_id) WHERE flex_gift_link_id IS NULL", "A sales order line makes at most one handmade order."
    )

    @api.depends("flex_gift_link_id")  # a link gets its handmade order once claimed: the recipient is known
    def _compute_shipping_partner_id(self):
        gifts = self.filtered("flex_gift_link_id")
        for order in gifts:
            order.shipping_partner_id = order.flex_gift_link_id.sudo().recipient_partner_id
        return super(FlexGiftHandmadeOrder, self - gifts)._compute_shipping_partner_id()

    @api.model
    def _create_from_sale_lines(self, lines):
        # the units of a gift are made once claimed, for their recipient (see flex.gift.link)
        gifted = lines.order_id.filtered("flex_gift_is_gift")._flex_gift_lines()
        return super()._create_from_sale_lines(lines - gifted)

    def _flex_gift_delivery_moves(self):
        moves = super()._flex_gift_delivery_moves()
        if self.sudo().flex_gift_link_id:
            return moves.filtered(lambda move: move.flex_gift_link_id == self.sudo().flex_gift_link_id)
        return moves

    @api.model
    def _flex_gift_create_for_links(self, links):
        """The handmade orders of claimed gift links of library works: one unit each, the
        combination the recipient chose (and its preview, artisan cost and lead time), due
        from the claim date, shipping to the recipient."""
        vals_list = []
        for link in links.sudo():
            template = link.order_line_id.product_id.product_tmpl_id
            if not (template.is_library_work and template.flex_gift_artisan_id):
                continue
            line = link.order_line_id
            vals = self._prepare_from_sale_line(
                line,
                row=link.combination_id or line.flex_gift_combination_id,
                quantity=1.0,
                start=link.claimed_date or fields.Datetime.now(),
                requested=link.delivery_date,
            )
            vals["flex_gift_link_id"] = link.id
            vals_list.append(vals)
        if not vals_list:
            return self.browse()
        return self._flex_gift_create_and_dispatch(vals_list)
