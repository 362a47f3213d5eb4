from collections import defaultdict

from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    flex_gift_venue_id = fields.Many2one(
        "flex.gift.venue", string="Venue", readonly=True, index="btree_not_null", copy=False
    )
    flex_gift_venue_order_id = fields.Many2one(
        "sale.order", string="Venue Order", readonly=True, index="btree_not_null", copy=False
    )

    flex_gift_venue_settlement_id = fields.Many2one(
        "account.move",
        string="Platform Settlement Invoice",
        readonly=True,
        index="btree_not_null",
        copy=False,
        help="On a venue's settlement bill: the platform's invoice it is the other side of.",
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        refunds = posted.filtered(lambda m: m.move_type == "out_refund")
        refunds._flex_gift_venue_book_refund()
        refunds._flex_gift_alliance_refund()
        for refund in refunds:
            orders = refund.invoice_line_ids.sale_line_ids.order_id
            if orders:
                self.env["flex.gift.commission"]._flex_gift_reverse(orders, refund)
        return posted

    def _flex_gift_alliance_refund(self):
        """A venue's credit note of an order paid with alliance stored value gives the
        stored value it refunds back to the member's card (the credit note's share of the
        order's stored value line), and back to the venues that held it."""
        for refund in self.sudo():
            for item in refund.invoice_line_ids:
                for line in item.sale_line_ids:
                    alliance = line.order_id._flex_gift_alliance()
                    if not alliance or line.reward_id.program_id != alliance.program_id:
                        continue
                    amount = alliance.currency_id.round(-item.price_total)
                    if amount <= 0:
                        continue
                    card = line.coupon_id
                    self.env["loyalty.history"].sudo().create(
                        {
                            "card_id": card.id,
                            "description": self.env._("Refunded by %(refund)s", refund=refund.name),
                            "issued": amount,
                            "order_model": "sale.order",
                            "order_id": line.order_id.id,
                        }
                    )
                    card.points += amount
                    alliance._flex_gift_record_spend(line.order_id, card, amount, "refund")

    def _flex_gift_venue_book_refund(self):
        """A venue's credit note on a library work gives back what the venue owed for the
        refunded units (never more than it owes for the line)."""
        Venue = self.env["flex.gift.venue"].sudo()
        for refund in self:
            venue = Venue._flex_gift_of_company(refund.company_id)
            if not venue:
                continue
            quantities = defaultdict(float)
            for item in refund.sudo().invoice_line_ids:
                for line in item.sale_line_ids.filtered("flex_gift_platform_price_unit"):
                    quantities[line] += item.product_uom_id._compute_quantity(item.quantity, line.product_uom_id)
            lines = {line: quantity for line, quantity in quantities.items() if line.flex_gift_venue_due_qty > 0}
            if lines:
                self.env["sale.order.line"].sudo()._flex_gift_venue_owe(
                    {line: max(line.flex_gift_venue_due_qty - quantity, 0.0) for line, quantity in lines.items()},
                    refund.date,
                )
