from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

KINDS = [("earned", "Earned"), ("reversed", "Reversed")]


class FlexGiftCommission(models.Model):
    """A referral commission: the referrer of a customer earns its rate (agent or individual
    bonus, the one in force on the order's date) on the untaxed amount of the customer's
    confirmed orders; a cancellation or a credit note reverses its share. The platform
    pays what is earned by vendor bill, one per referrer and run."""

    _name = "flex.gift.commission"
    _description = "Referral Commission"
    _order = "date desc, id desc"

    referrer_id = fields.Many2one("res.partner", string="Referrer", required=True, readonly=True, index=True)
    customer_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True)
    order_id = fields.Many2one("sale.order", string="Order", required=True, readonly=True, index=True)
    refund_id = fields.Many2one("account.move", string="Credit Note", readonly=True)
    kind = fields.Selection(KINDS, required=True, readonly=True, default="earned")
    date = fields.Date(required=True, readonly=True)
    company_id = fields.Many2one("res.company", string="Paid by", required=True, readonly=True, index=True)
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    base = fields.Monetary(readonly=True, help="The order's (or credit note's) untaxed amount.")
    rate = fields.Float(string="Rate (%)", readonly=True, digits=(5, 2))
    amount = fields.Monetary(readonly=True, help="Earned (positive) or reversed (negative).")
    bill_id = fields.Many2one("account.move", string="Vendor Bill", readonly=True, index="btree_not_null", copy=False)

    _to_bill_index = models.Index("(company_id, referrer_id) WHERE bill_id IS NULL")

    # ------------------------------------------------------------------
    # earning and reversing
    # ------------------------------------------------------------------

    @api.model
    def _flex_gift_referral_rate(self, referrer, date, company):
        kind = "agent_bonus" if referrer.sudo().flex_gift_is_agent else "individual_bonus"
        return self.env["flex.gift.rate"]._flex_gift_rate(kind, date, company)

    @api.model
    def _flex_gift_earn(self, orders):
        """Commissions of ``orders`` just confirmed whose customer was referred (one read of
        the customers' referrers, nothing more for the others)."""
        values = []
        for order in orders.sudo():
            customer = order.partner_id.commercial_partner_id
            referrer = customer.flex_gift_referrer_id or order.partner_id.flex_gift_referrer_id
            if not referrer:
                continue
            platform = order._flex_gift_commission_company()
            date = order.date_order.date()
            rate = self._flex_gift_referral_rate(referrer, date, platform)
            if not rate:
                continue
            base = order.currency_id._convert(order.amount_untaxed, platform.currency_id, platform, date)
            values.append(
                {
                    "referrer_id": referrer.id,
                    "customer_id": customer.id,
                    "order_id": order.id,
                    "date": date,
                    "company_id": platform.id,
                    "currency_id": platform.currency_id.id,
                    "base": base,
                    "rate": rate,
                    "amount": platform.currency_id.round(base * rate / 100.0),
                }
            )
        return self.sudo().create(values)

    @api.model
    def _flex_gift_reverse(self, orders, refund=None):
        """Reverse the commissions of ``orders``: all that is left of them (cancellation) or,
        for a credit note, its share of each order's untaxed amount."""
        Commission = self.sudo()
        reversals = []
        for order in orders.sudo():
            lines = Commission.search([("order_id", "=", order.id)])
            earned = lines.filtered(lambda c: c.kind == "earned")[:1]
            if not earned:
                continue
            left = sum(lines.mapped("amount"))
            currency = earned.currency_id
            if refund:
                items = refund.invoice_line_ids.filtered(lambda item, o=order: o in item.sale_line_ids.order_id)
                share = sum(items.mapped("price_subtotal")) / order.amount_untaxed if order.amount_untaxed else 0.0
                amount = min(currency.round(earned.amount * share), left)
            else:
                amount = left
            if currency.compare_amounts(amount, 0.0) <= 0:
                continue
            reversals.append(
                {
                    "referrer_id": earned.referrer_id.id,
                    "customer_id": earned.customer_id.id,
                    "order_id": order.id,
                    "refund_id": refund.id if refund else False,
                    "kind": "reversed",
                    "date": fields.Date.context_today(self),
                    "company_id": earned.company_id.id,
                    "currency_id": currency.id,
                    "base": -currency.round(earned.base * amount / earned.amount) if earned.amount else 0.0,
                    "rate": earned.rate,
                    "amount": -amount,
                }
            )
        return Commission.create(reversals)

    @api.model
    def _flex_gift_portal_values(self, partner):
        """What a referrer sees of its referrals: the customers it referred (name and date
        only), its commission ledger, and its income (the platform's bills to pay it)."""
        referrer = partner.commercial_partner_id
        customers = self.env["res.partner"].search(
            [("flex_gift_referrer_id", "=", referrer.id)], order="create_date desc"
        )
        commissions = self.search([("referrer_id", "=", referrer.id)])
        bills = self.env["account.move"].search(
            [
                ("partner_id", "=", referrer.id),
                ("move_type", "=", "in_invoice"),
                ("state", "=", "posted"),
                ("id", "in", commissions.bill_id.ids),
            ]
        )
        return {
            "referrer": referrer,
            "referral_url": referrer.flex_gift_referral_code
            and f"{referrer.get_base_url()}/referral/{referrer.flex_gift_referral_code}",
            "customers": customers,
            "commissions": commissions,
            "earned": sum(commissions.mapped("amount")),
            "unbilled": sum(commissions.filtered(lambda c: not c.bill_id).mapped("amount")),
            "bills": bills,
        }

    # ------------------------------------------------------------------
    # billing: one vendor bill per referrer
    # ------------------------------------------------------------------

    @api.model
    def action_flex_gift_bill(self):
        """Bill every referrer owed commissions not yet billed (the platform's)."""
        if not self.env.user.has_group("flex_gift_venue.group_venue_platform"):
            raise AccessError(self.env._("Only the platform bills referral commissions."))
        bills = self._flex_gift_bill_pending()
        if not bills:
            raise UserError(self.env._("No referral commission to bill."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "name": self.env._("Commission Bills"),
            "view_mode": "list,form",
            "domain": [("id", "in", bills.ids)],
        }

    @api.model
    def _flex_gift_bill_pending(self):
        """As many queries for 10,000 commissions as for 10, per referrer: summed in the
        database, marked billed with one statement per referrer. A referrer whose reversals
        outweigh what it earned waits for the next run."""
        self.env["flex.gift.commission"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT company_id, referrer_id, currency_id, array_agg(id), sum(amount), min(date), max(date)
                     FROM flex_gift_commission
                    WHERE bill_id IS NULL
                    GROUP BY company_id, referrer_id, currency_id
                    ORDER BY company_id, referrer_id"""
            )
        )
        rows = self.env.cr.fetchall()
        product = self.env.ref("flex_gift_venue.product_product_referral_commission")
        Company = self.env["res.company"].sudo()
        bills = self.env["account.move"]
        pending = defaultdict(list)
        for company_id, referrer_id, currency_id, ids, amount, first, last in rows:
            if self.env["res.currency"].browse(currency_id).compare_amounts(amount, 0.0) <= 0:
                continue
            company = Company.browse(company_id)
            bill = (
                self.env["account.move"]
                .sudo()
                .with_company(company)
                .create(
                    {
                        "move_type": "in_invoice",
                        "company_id": company.id,
                        "partner_id": referrer_id,
                        "currency_id": currency_id,
                        "invoice_date": fields.Date.context_today(self),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "name": self.env._(
                                        "Referral commissions %(first)s to %(last)s", first=first, last=last
                                    ),
                                    "quantity": 1.0,
                                    "price_unit": amount,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
            )
            bill.action_post()
            pending[bill.id] = ids
            bills |= bill
        for bill_id, ids in pending.items():
            self.env.cr.execute(SQL("UPDATE flex_gift_commission SET bill_id = %s WHERE id = ANY(%s)", bill_id, ids))
        self.invalidate_model(["bill_id"])
        return bills

    @api.model
    def _flex_gift_demo_order(self, partner_id, template_id, quantity):
        """Demo data: a confirmed platform order of a referred customer (its commission)."""
        product = self.env["product.template"].browse(template_id).product_variant_id
        order = self.env["sale.order"].create(
            {
                "partner_id": partner_id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": quantity})],
            }
        )
        order.action_confirm()
        return order
