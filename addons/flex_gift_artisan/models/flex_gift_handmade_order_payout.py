from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Command

from .flex_gift_handmade_order import BILLABLE_STATES


class FlexGiftHandmadeOrder(models.Model):
    """The studio is paid for what it shipped: periodic vendor bills, credit notes on cancel."""

    _inherit = "flex.gift.handmade.order"

    # ------------------------------------------------------------------
    # payouts
    # ------------------------------------------------------------------

    @api.model
    def _flex_gift_payout_period(self, company, day):
        """(start, end) of the payout period containing `day`, or None for per-order."""
        period = company.flex_gift_payout_period or "monthly"
        if period == "per_order":
            return None
        if period == "weekly":
            start = day - timedelta(days=day.weekday())
            return start, start + timedelta(days=6)
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return start, end

    @api.model
    def _flex_gift_billable_domain(self):
        return [
            ("state", "in", BILLABLE_STATES),
            ("payout_line_id", "=", False),
            ("artisan_cost", ">", 0),
        ]

    @api.model
    def _flex_gift_run_payouts(self, date=None):
        """Bill the artisan cost of shipped, unbilled orders: one posted vendor bill per
        studio and closed period (per order: one per order). Running it again bills nothing
        new. Queries grow with the number of bills, not of orders."""
        today = date or fields.Date.context_today(self)
        orders = self.sudo().search(self._flex_gift_billable_domain(), order="studio_id, date_shipped, id")
        groups = {}
        for order in orders:
            company = order.company_id
            day = fields.Date.context_today(self, order.date_shipped or fields.Datetime.now())
            period = self._flex_gift_payout_period(company, day)
            if period is None:
                key = (company, order.studio_id, order.currency_id, day, day, order.id)
            elif period[1] >= today:
                continue  # the period is still running
            else:
                key = (company, order.studio_id, order.currency_id, period[0], period[1], 0)
            groups.setdefault(key, self.sudo().browse())
            groups[key] |= order
        if not groups:
            return self.env["account.move"]
        product = self.env.ref("flex_gift_artisan.product_artisan_payout")
        vals_list = []
        for (company, studio, currency, start, end, _order_id), group in groups.items():
            vals_list.append(
                {
                    "move_type": "in_invoice",
                    "company_id": company.id,
                    "partner_id": studio.id,
                    "currency_id": currency.id,
                    "invoice_date": end,
                    "date": end,
                    "ref": self.env._(
                        "Artisan payout %(start)s - %(end)s",
                        start=fields.Date.to_string(start),
                        end=fields.Date.to_string(end),
                    ),
                    "flex_gift_payout_start": start,
                    "flex_gift_payout_end": end,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": self.env._(
                                    "Artisan payout: %(orders)s",
                                    orders=", ".join(group.mapped("name")),
                                ),
                                "quantity": 1,
                                "price_unit": sum(group.mapped("artisan_cost")),
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        moves = self.env["account.move"].sudo().with_context(skip_invoice_sync=False).create(vals_list)
        moves.action_post()
        for move, group in zip(moves, groups.values(), strict=True):
            group.write({"payout_line_id": move.invoice_line_ids[:1].id})
        return moves

    def _flex_gift_refund_payouts(self):
        """A credit note for each billed order cancelled after billing."""
        orders = self.sudo().filtered(lambda o: o.payout_line_id and not o.refund_line_id)
        if not orders:
            return self.env["account.move"]
        product = self.env.ref("flex_gift_artisan.product_artisan_payout")
        today = fields.Date.context_today(self)
        vals_list = [
            {
                "move_type": "in_refund",
                "company_id": order.company_id.id,
                "partner_id": order.studio_id.id,
                "currency_id": order.currency_id.id,
                "invoice_date": today,
                "ref": self.env._("Cancelled handmade order %(order)s", order=order.name),
                "reversed_entry_id": order.payout_move_id.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": self.env._("Artisan payout cancelled: %(order)s", order=order.name),
                            "quantity": 1,
                            "price_unit": order.artisan_cost,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
            for order in orders
        ]
        moves = self.env["account.move"].sudo().create(vals_list)
        moves.action_post()
        for move, order in zip(moves, orders, strict=True):
            order.refund_line_id = move.invoice_line_ids[:1]
        return moves

    @api.model
    def _cron_run_payouts(self):
        self._flex_gift_run_payouts()
