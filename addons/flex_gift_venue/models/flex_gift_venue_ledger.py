from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

# what the running account needs of a line awaiting booking
PENDING_FIELDS = [
    "company_id",
    "flex_gift_platform_price_unit",
    "flex_gift_venue_due_qty",
    "flex_gift_venue_booked_qty",
    "flex_gift_venue_book_date",
]


class FlexGiftVenue(models.Model):
    """The running account of a venue with the platform.

    Confirming, cancelling or refunding a venue's library sale only records, on its sale
    line, how many units the venue owes the platform for (``flex_gift_venue_due_qty``)
    and wakes the booking job; the job books every line whose due and booked units
    differ, one journal entry per venue, company and date for all of them, as Odoo's
    point of sale books a session. Until it has run (seconds later, or before any
    settlement) the balances count the lines awaiting booking, so the running account
    is right at every moment and a confirmation costs no journal entry of its own."""

    _inherit = "flex.gift.venue"

    def _flex_gift_balance_domains(self):
        """Journal items of the running account, (venue side, platform side)."""
        self.ensure_one()
        platform_partner = self.platform_company_id.partner_id
        venue_accounts = (
            self.venue_due_account_id | platform_partner.with_company(self.company_id).property_account_payable_id
        )
        platform_accounts = (
            self.platform_due_account_id
            | self.partner_id.with_company(self.platform_company_id).property_account_receivable_id
        )
        return (
            [
                ("company_id", "=", self.company_id.id),
                ("parent_state", "=", "posted"),
                ("partner_id", "=", platform_partner.id),
                ("account_id", "in", venue_accounts.ids),
            ],
            [
                ("company_id", "=", self.platform_company_id.id),
                ("parent_state", "=", "posted"),
                ("partner_id", "=", self.partner_id.id),
                ("account_id", "in", platform_accounts.ids),
            ],
        )

    def _flex_gift_balances(self):
        """(what the venue owes the platform by its own books, what the platform is owed by
        its own books), both in the platform's currency, lines awaiting booking included:
        the venue's items carry the platform's currency as their foreign currency. They
        are equal when nothing is half-booked."""
        self.ensure_one()
        Line = self.env["account.move.line"].sudo()
        venue_domain, platform_domain = self._flex_gift_balance_domains()
        if self.currency_id == self.platform_currency_id:
            [[venue]] = Line._read_group(venue_domain, [], ["balance:sum"])
        else:
            [[venue]] = Line._read_group(
                venue_domain + [("currency_id", "=", self.platform_currency_id.id)], [], ["amount_currency:sum"]
            )
        [[platform]] = Line._read_group(platform_domain, [], ["balance:sum"])
        pending = sum(amount for _line, _quantity, amount, _date in self._flex_gift_pending())
        return -(venue or 0.0) + pending, (platform or 0.0) + pending

    def _flex_gift_pending_lines(self):
        """These venues' sale lines whose due units are not all booked yet (sudo)."""
        return (
            self.env["sale.order.line"]
            .sudo()
            .search_fetch(
                [("flex_gift_venue_to_book", "=", True), ("company_id", "in", self.company_id.ids)],
                PENDING_FIELDS,
                order="id",
            )
        )

    def _flex_gift_pending(self, lines=None):
        """[(sale line, units, amount, date)] of what awaits booking: the line's due units
        not yet booked (negative when cancelled or refunded after booking), their amount
        at the line's platform price in the platform's currency, and the date of the last
        change."""
        self.ensure_one()
        lines = self._flex_gift_pending_lines() if lines is None else lines
        today = fields.Date.context_today(self)
        currency = self.platform_currency_id
        result = []
        for line in lines:
            quantity = line.flex_gift_venue_due_qty - line.flex_gift_venue_booked_qty
            amount = currency.round(line.flex_gift_platform_price_unit * quantity)
            result.append((line, quantity, amount, line.flex_gift_venue_book_date or today))
        return result

    @api.model
    def _cron_flex_gift_book(self):
        """The booking job: book what every venue's lines await, a venue at a time."""
        companies = (
            self.env["sale.order.line"].sudo()._read_group([("flex_gift_venue_to_book", "=", True)], ["company_id"])
        )
        venues = self.sudo().browse(
            {self._flex_gift_company_venues().get(company.id) for [company] in companies} - {None}
        )
        for index, venue in enumerate(venues, 1):
            venue._flex_gift_book_pending()
            if self.env.context.get("ir_cron_progress_id"):  # else (settlement, tests) the caller commits
                self.env["ir.cron"]._commit_progress(1, remaining=len(venues) - index)

    def _flex_gift_book_pending(self):
        """Book what this venue's lines await: for each date, one entry in the venue's
        company and one in the platform's for all of them. Lines another transaction is
        changing are left to the next run. Returns the posted moves."""
        self.ensure_one()
        lines = self._flex_gift_pending_lines().try_lock_for_update()
        moves = self.env["account.move"]
        if not lines:
            return moves
        by_date = defaultdict(list)
        for line, quantity, amount, date in self._flex_gift_pending(lines):
            by_date[date].append((line, quantity, amount))
        for date, items in sorted(by_date.items()):
            moves |= self._flex_gift_book(items, date)
        for due, booked in lines.grouped("flex_gift_venue_due_qty").items():  # one UPDATE per quantity
            booked.write({"flex_gift_venue_booked_qty": due, "flex_gift_venue_to_book": False})
        return moves

    def _flex_gift_book(self, items, date):
        """Book ``items``, [(library sale line of this venue, units, their amount in the
        platform's currency)], in both companies on ``date``: the venue's charge and debt, the
        platform's claim and revenue, an item of each per line (a negative amount books
        back). Returns the two posted moves."""
        self.ensure_one()
        items = [item for item in items if item[2]]
        if not items:
            return self.env["account.move"]
        platform_currency = self.platform_currency_id
        foreign = {} if self.currency_id == platform_currency else {"currency_id": platform_currency.id}
        venue_partner, platform_partner = self.partner_id.id, self.platform_company_id.partner_id.id
        if not self.venue_fee_account_id and any(not item[0].product_id.is_library_work for item in items):
            self._flex_gift_ensure_fee_accounts()  # a venue created before service fees existed
        venue_items, platform_items = [], []
        for line, quantity, amount in items:
            library = line.product_id.is_library_work
            common = {
                "name": f"{line.order_id.name} - {line.product_id.display_name} x {quantity:g}"
                if library
                else self.env._(
                    "Service fee: %(order)s - %(product)s",
                    order=line.order_id.name,
                    product=line.product_id.display_name,
                ),
                "flex_gift_venue_sale_line_id": line.id,
            }
            cost = self.venue_cost_account_id if library else self.venue_fee_account_id
            revenue = self.platform_revenue_account_id if library else self.platform_fee_account_id
            local = platform_currency._convert(amount, self.currency_id, self.company_id, date)
            for account, sign in ((cost, 1), (self.venue_due_account_id, -1)):
                venue_items.append(
                    Command.create(
                        dict(
                            common,
                            account_id=account.id,
                            balance=sign * local,
                            amount_currency=sign * (amount if foreign else local),
                            partner_id=platform_partner,
                            **foreign,
                        )
                    )
                )
            for account, sign in ((self.platform_due_account_id, 1), (revenue, -1)):
                platform_items.append(
                    Command.create(dict(common, account_id=account.id, balance=sign * amount, partner_id=venue_partner))
                )
        orders = {item[0].order_id for item in items}
        common = {
            "move_type": "entry",
            "date": date,
            "ref": self.env._("Library works sold by %(venue)s", venue=self.name),
            "flex_gift_venue_id": self.id,
            "flex_gift_venue_order_id": orders.pop().id if len(orders) == 1 else False,
        }
        # both companies' entries in one create and one post (each is checked in its own company)
        moves = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(
                [
                    dict(
                        common, company_id=self.company_id.id, journal_id=self.venue_journal_id.id, line_ids=venue_items
                    ),
                    dict(
                        common,
                        company_id=self.platform_company_id.id,
                        journal_id=self.platform_journal_id.id,
                        partner_id=venue_partner,
                        line_ids=platform_items,
                    ),
                ]
            )
        )
        moves.action_post()
        return moves

    def _flex_gift_ensure_fee_accounts(self):
        from ..wizards.flex_gift_venue_create import ACCOUNTS  # noqa: PLC0415

        Create = self.env["flex.gift.venue.create"]
        for venue in self.sudo():
            values = {}
            for field, name, prefix, account_type, reconcile, side in ACCOUNTS:
                if field in ("venue_fee_account_id", "platform_fee_account_id") and not venue[field]:
                    owner = venue.company_id if side == "venue" else venue.platform_company_id
                    values[field] = Create._flex_gift_account(owner, name, prefix, account_type, reconcile).id
            venue.write(values)

    def action_settle(self):
        """Settle the running account up to today: the platform invoices the venue for
        every booked and not yet invoiced library sale, the same amount is booked as a
        vendor bill in the venue, and the booked items are reconciled with both. What
        is left to settle is then a plain receivable and payable, paid as any other."""
        self.env["flex.gift.venue"].check_access("write")
        if not self._flex_gift_is_platform():
            raise AccessError(self.env._("Only the platform settles with its venues."))
        invoices = self.env["account.move"]
        for venue in self.sudo():
            invoices |= venue._flex_gift_settle()
        if not invoices:
            raise UserError(self.env._("Nothing to settle: every library sale of these venues is already invoiced."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "name": self.env._("Settlement Invoices"),
            "view_mode": "list,form",
            "domain": [("id", "in", invoices.ids)],
        }

    def _flex_gift_settle(self):
        self.ensure_one()
        self._flex_gift_book_pending()
        venue_domain, platform_domain = self._flex_gift_balance_domains()
        Line = self.env["account.move.line"]
        open_platform = Line.search(
            [*platform_domain[:3], ("account_id", "=", self.platform_due_account_id.id), ("reconciled", "=", False)]
        )
        total = sum(open_platform.mapped("balance"))
        if self.platform_currency_id.is_zero(total):
            return self.env["account.move"]
        platform = self.platform_company_id
        label = self.env._("Library works sold by %(venue)s", venue=self.name)
        invoice = self._flex_gift_settlement_move(
            platform,
            "out_invoice" if total > 0 else "out_refund",
            self.partner_id,
            self.platform_due_account_id,
            abs(total),
            label,
        )
        bill = self._flex_gift_settlement_move(
            self.company_id,
            "in_invoice" if total > 0 else "in_refund",
            platform.partner_id,
            self.venue_due_account_id,
            abs(total),
            label,
            ref=invoice.name,
            settlement=invoice,
        )
        (invoice | bill).action_post()
        (
            open_platform | invoice.line_ids.filtered(lambda item: item.account_id == self.platform_due_account_id)
        ).reconcile()
        open_venue = Line.search(
            [*venue_domain[:3], ("account_id", "=", self.venue_due_account_id.id), ("reconciled", "=", False)]
        )
        if open_venue:
            open_venue.reconcile()
        return invoice

    def _flex_gift_settlement_move(
        self, company, move_type, partner, account, amount, label, ref=None, settlement=None
    ):
        """A settlement invoice (platform) or bill (venue) of ``amount`` in the platform's
        currency, on the account the running account is booked on."""
        product = self.env.ref("flex_gift_venue.product_product_venue_settlement")
        return (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "currency_id": self.platform_currency_id.id,
                    "invoice_date": fields.Date.context_today(self),
                    "invoice_origin": self.name,
                    "ref": ref,
                    "flex_gift_venue_id": self.id,
                    "flex_gift_venue_settlement_id": settlement.id if settlement else False,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": label,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                                "account_id": account.id,
                            }
                        )
                    ],
                }
            )
        )
