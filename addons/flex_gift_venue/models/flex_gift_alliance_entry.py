from odoo import api, fields, models

KINDS = [
    ("topup", "Top-up"),
    ("topup_cancel", "Top-up Cancelled"),
    ("bonus", "Top-up Bonus"),
    ("bonus_cancel", "Top-up Bonus Cancelled"),
    ("spend", "Spent"),
    ("refund", "Refunded"),
]
SIGNS = {"topup": 1, "topup_cancel": -1, "bonus": 1, "bonus_cancel": -1, "spend": -1, "refund": 1}


class FlexGiftAllianceEntry(models.Model):
    """One movement of a member's stored value, attributed to the venue holding it.

    A top-up is held by the venue that sold it (a liability of that venue); spending takes
    from the oldest holdings first, so that a member who topped up at venue A and spends
    at venue B makes A owe B what the stored value paid. The booking job books these
    entries as journal entries, one per venue pair, company and date; the journal items
    are the ledger, these entries say which holder pays which venue."""

    _name = "flex.gift.alliance.entry"
    _description = "Stored Value Movement"
    _order = "date desc, id desc"

    alliance_id = fields.Many2one("flex.gift.alliance", required=True, readonly=True, index=True, ondelete="restrict")
    card_id = fields.Many2one("loyalty.card", string="Member Card", required=True, readonly=True, index=True)
    partner_id = fields.Many2one(related="card_id.partner_id", string="Member", store=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    venue_id = fields.Many2one(
        "flex.gift.venue", string="Venue", required=True, readonly=True, index=True, help="Where it happened."
    )
    holder_venue_id = fields.Many2one(
        "flex.gift.venue",
        string="Held by",
        required=True,
        readonly=True,
        index=True,
        help="The venue whose members' stored value it is: the venue the member topped up at.",
    )
    company_id = fields.Many2one(related="venue_id.company_id", string="Company", store=True, index=True)
    holder_company_id = fields.Many2one(
        related="holder_venue_id.company_id", string="Holder Company", store=True, index=True
    )
    currency_id = fields.Many2one(related="alliance_id.currency_id")
    amount = fields.Monetary(
        required=True, readonly=True, help="Stored value added to (top-up, refund) or taken from (spent) the holder."
    )
    order_id = fields.Many2one("sale.order", string="Order", readonly=True, index="btree_not_null")
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    to_book = fields.Boolean(string="Awaiting Booking", readonly=True, default=False)
    move_ids = fields.Many2many(
        "account.move",
        "flex_gift_alliance_entry_move_rel",
        "entry_id",
        "move_id",
        string="Journal Entries",
        readonly=True,
        copy=False,
    )

    _amount_positive = models.Constraint("CHECK (amount > 0)", "A stored value movement has a positive amount.")
    _to_book_index = models.Index("(alliance_id) WHERE to_book")

    @api.model
    def _flex_gift_holdings(self, card):
        """{holder venue: stored value of ``card`` it holds}, oldest first."""
        holdings = {}
        for entry in self.search([("card_id", "=", card.id)], order="date, id"):
            holdings.setdefault(entry.holder_venue_id, 0.0)
            holdings[entry.holder_venue_id] += SIGNS[entry.kind] * entry.amount
        return holdings
