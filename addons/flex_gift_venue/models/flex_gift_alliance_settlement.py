import logging
from collections import defaultdict

from odoo import Command, api, models
from odoo.exceptions import UserError

from .flex_gift_alliance_entry import SIGNS

_logger = logging.getLogger(__name__)


class FlexGiftAlliance(models.Model):
    """The alliance's settlement: what each pair of venues owes the other, netted to one
    amount in both companies, and the invariants a scheduled self-check re-reads."""

    _inherit = "flex.gift.alliance"

    # ------------------------------------------------------------------
    # balances and settlement
    # ------------------------------------------------------------------

    def _flex_gift_pair_debts(self):
        """{(debtor venue, creditor venue): amount} of booked and unsettled debts between
        the alliance's venues, read from each debtor's journal items, and the same read from
        the creditors' items: (by debtors, by creditors)."""
        self.ensure_one()
        # its venues, and those that left with debts still open
        venues = (
            self.sudo().venue_ids
            | self.env["flex.gift.alliance.entry"].sudo().search([("alliance_id", "=", self.id)]).venue_id
        )
        by_partner = {venue.partner_id: venue for venue in venues}
        Line = self.env["account.move.line"].sudo()
        debts, claims = defaultdict(float), defaultdict(float)
        for venue in venues:
            for field, target in (("alliance_due_to_account_id", debts), ("alliance_due_from_account_id", claims)):
                if not venue[field]:
                    continue
                groups = Line._read_group(
                    [
                        ("company_id", "=", venue.company_id.id),
                        ("account_id", "=", venue[field].id),
                        ("parent_state", "=", "posted"),
                        ("reconciled", "=", False),
                    ],
                    ["partner_id"],
                    ["amount_residual:sum"],
                )
                for partner, residual in groups:
                    other = by_partner.get(partner)
                    if other and residual:
                        key = (venue, other) if target is debts else (other, venue)
                        target[key] += -residual if target is debts else residual
        return dict(debts), dict(claims)

    def action_settle(self):
        """Net each pair of venues' debts to one amount: a netting entry in each company
        clears their mutual debts, leaving the debtor's payable to (and the creditor's
        receivable from) the other venue for the difference, paid as any other."""
        self.check_access("write")  # the platform's
        moves = self.env["account.move"]
        for alliance in self.sudo():
            alliance._flex_gift_book_pending()
            debts, _claims = alliance._flex_gift_pair_debts()
            pairs = {tuple(sorted((a, b), key=lambda v: v.id)) for a, b in debts}
            for first, second in sorted(pairs, key=lambda p: (p[0].id, p[1].id)):
                moves |= alliance._flex_gift_net_pair(first, second)
        if not moves:
            raise UserError(self.env._("Nothing to settle: the alliance's venues owe one another nothing."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "name": self.env._("Alliance Netting"),
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
        }

    def _flex_gift_net_pair(self, first, second):
        Line = self.env["account.move.line"].sudo()
        label = self.env._("Netting %(first)s / %(second)s", first=first.name, second=second.name)
        moves = self.env["account.move"]
        for venue, other in ((first, second), (second, first)):
            open_items = Line.search(
                [
                    ("company_id", "=", venue.company_id.id),
                    ("account_id", "in", (venue.alliance_due_to_account_id | venue.alliance_due_from_account_id).ids),
                    ("partner_id", "=", other.partner_id.id),
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                ]
            )
            net = sum(open_items.mapped("amount_residual"))  # > 0: the other venue owes this one
            if not open_items:
                continue
            items = []
            for account, account_items in open_items.grouped("account_id").items():
                residual = sum(account_items.mapped("amount_residual"))
                if residual:
                    items.append(
                        Command.create(
                            {
                                "name": label,
                                "account_id": account.id,
                                "partner_id": other.partner_id.id,
                                "balance": -residual,
                            }
                        )
                    )
            partner = other.partner_id.with_company(venue.company_id)
            if not self.currency_id.is_zero(net):
                account = partner.property_account_receivable_id if net > 0 else partner.property_account_payable_id
                items.append(
                    Command.create(
                        {"name": label, "account_id": account.id, "partner_id": other.partner_id.id, "balance": net}
                    )
                )
            move = self._flex_gift_post_entry(venue, label, items)
            for account in open_items.account_id:
                (
                    open_items.filtered(lambda i, a=account: i.account_id == a)
                    | move.line_ids.filtered(lambda i, a=account: i.account_id == a)
                ).reconcile()
            moves |= move
        return moves

    # ------------------------------------------------------------------
    # the invariants, re-checked by a scheduled self-check
    # ------------------------------------------------------------------

    def _flex_gift_check_invariants(self):
        """[problem] of this alliance's books, empty when they hold: the members' balances
        = top-ups + bonuses - spending + refunds, and what each venue owes the others = what the
        others claim from it (booked movements)."""
        self.ensure_one()
        Entry = self.env["flex.gift.alliance.entry"].sudo()
        problems = []
        [[balances]] = (
            self.env["loyalty.card"].sudo()._read_group([("program_id", "=", self.program_id.id)], [], ["points:sum"])
        )
        movements = sum(
            amount * SIGNS[kind]
            for kind, amount in Entry._read_group([("alliance_id", "=", self.id)], ["kind"], ["amount:sum"])
        )
        if self.currency_id.compare_amounts(balances or 0.0, movements):
            problems.append(
                self.env._(
                    "%(alliance)s: the members' balances (%(balances).2f) differ from the recorded "
                    "movements (%(movements).2f).",
                    alliance=self.name,
                    balances=balances or 0.0,
                    movements=movements,
                )
            )
        debts, claims = self._flex_gift_pair_debts()
        for pair in set(debts) | set(claims):
            if self.currency_id.compare_amounts(debts.get(pair, 0.0), claims.get(pair, 0.0)):
                problems.append(
                    self.env._(
                        "%(alliance)s: %(debtor)s owes %(creditor)s %(debt).2f by its books, "
                        "%(creditor)s claims %(claim).2f.",
                        alliance=self.name,
                        debtor=pair[0].name,
                        creditor=pair[1].name,
                        debt=debts.get(pair, 0.0),
                        claim=claims.get(pair, 0.0),
                    )
                )
        return problems

    @api.model
    def _cron_flex_gift_self_check(self):
        """Log an error for every broken invariant of every alliance (after booking)."""
        for alliance in self.sudo().search([]):
            alliance._flex_gift_book_pending()
            for problem in alliance._flex_gift_check_invariants():
                _logger.error("Alliance self-check: %s", problem)
