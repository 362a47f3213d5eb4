from odoo import api, fields, models
from odoo.tools import SQL, drop_view_if_exists


class FlexGiftAllianceReport(models.Model):
    """The alliance report: one row per venue of an alliance (and per venue that left it
    with movements), read from the stored value movements and the venue's journal items.

    A member's referring venue is the venue of their first top-up: the report shows how
    many members each venue brought and what they spent across the alliance, in total, never
    item by item."""

    _name = "flex.gift.alliance.report"
    _description = "Alliance Report"
    _auto = False
    _order = "alliance_id, venue_id"
    _rec_name = "venue_id"
    _depends = {
        "flex.gift.alliance.entry": ["alliance_id", "card_id", "kind", "venue_id", "holder_venue_id", "amount"],
        "flex.gift.venue": ["alliance_id", "company_id", "alliance_due_to_account_id", "alliance_due_from_account_id"],
        "loyalty.card": ["flex_gift_referring_venue_id"],
        "account.move.line": ["company_id", "account_id", "amount_residual", "parent_state", "reconciled"],
    }

    alliance_id = fields.Many2one("flex.gift.alliance", string="Alliance", readonly=True)
    venue_id = fields.Many2one("flex.gift.venue", string="Venue", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    held = fields.Monetary(
        string="Stored Value Held", readonly=True, help="Members' stored value the venue holds now (its liability)."
    )
    topped_up = fields.Monetary(string="Top-ups Sold", readonly=True)
    bonus = fields.Monetary(string="Bonuses Given", readonly=True)
    spent_here = fields.Monetary(string="Spent Here with Own Value", readonly=True)
    spent_elsewhere = fields.Monetary(
        string="Spent Elsewhere", readonly=True, help="Stored value the venue holds, spent at other venues."
    )
    spent_by_others = fields.Monetary(
        string="Spent Here with Others' Value", readonly=True, help="Stored value held by other venues, spent here."
    )
    net_position = fields.Monetary(
        string="Net Position",
        readonly=True,
        help="Spent here with others' value less spent elsewhere, since the start: positive, the others owe the "
        "venue; negative, it owes them.",
    )
    open_claims = fields.Monetary(
        string="Open Claims", readonly=True, help="Booked and not yet netted: what other venues owe it."
    )
    open_debts = fields.Monetary(
        string="Open Debts", readonly=True, help="Booked and not yet netted: what it owes other venues."
    )
    referred_count = fields.Integer(
        string="Members Referred", readonly=True, help="Members whose first top-up was at this venue."
    )
    referred_spent = fields.Monetary(
        string="Spending of Referred Members", readonly=True, help="What they spent across the alliance."
    )

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._flex_gift_query())
        )

    @api.model
    def _flex_gift_query(self):
        spent = "CASE e.kind WHEN 'spend' THEN e.amount WHEN 'refund' THEN -e.amount ELSE 0 END"
        signed = "CASE WHEN e.kind IN ('topup', 'bonus', 'refund') THEN e.amount ELSE -e.amount END"
        return SQL(
            f"""
            WITH pairs AS (
                SELECT alliance_id, venue_id FROM flex_gift_alliance_entry
                 UNION SELECT alliance_id, holder_venue_id FROM flex_gift_alliance_entry
                 UNION SELECT alliance_id, id FROM flex_gift_venue WHERE alliance_id IS NOT NULL
            ),
            held AS (
                SELECT e.alliance_id, e.holder_venue_id AS venue_id,
                       sum({signed}) AS held,
                       sum(CASE WHEN e.venue_id = e.holder_venue_id THEN {spent} ELSE 0 END) AS spent_here,
                       sum(CASE WHEN e.venue_id != e.holder_venue_id THEN {spent} ELSE 0 END) AS spent_elsewhere,
                       sum(CASE e.kind WHEN 'topup' THEN e.amount WHEN 'topup_cancel' THEN -e.amount ELSE 0 END)
                           AS topped_up,
                       sum(CASE e.kind WHEN 'bonus' THEN e.amount WHEN 'bonus_cancel' THEN -e.amount ELSE 0 END)
                           AS bonus
                  FROM flex_gift_alliance_entry e
                 GROUP BY e.alliance_id, e.holder_venue_id
            ),
            taken AS (
                SELECT e.alliance_id, e.venue_id, sum({spent}) AS spent_by_others
                  FROM flex_gift_alliance_entry e
                 WHERE e.venue_id != e.holder_venue_id
                 GROUP BY e.alliance_id, e.venue_id
            ),
            referred AS (
                SELECT e.alliance_id, c.flex_gift_referring_venue_id AS venue_id,
                       count(DISTINCT c.id) AS referred_count, sum({spent}) AS referred_spent
                  FROM flex_gift_alliance_entry e
                  JOIN loyalty_card c ON c.id = e.card_id
                 WHERE c.flex_gift_referring_venue_id IS NOT NULL
                 GROUP BY e.alliance_id, c.flex_gift_referring_venue_id
            ),
            open_items AS (
                SELECT v.id AS venue_id,
                       sum(CASE WHEN l.account_id = v.alliance_due_from_account_id THEN l.amount_residual ELSE 0 END)
                           AS open_claims,
                       -sum(CASE WHEN l.account_id = v.alliance_due_to_account_id THEN l.amount_residual ELSE 0 END)
                           AS open_debts
                  FROM flex_gift_venue v
                  JOIN account_move_line l
                    ON l.company_id = v.company_id
                   AND l.account_id IN (v.alliance_due_from_account_id, v.alliance_due_to_account_id)
                   AND l.parent_state = 'posted'
                   AND NOT l.reconciled
                 GROUP BY v.id
            )
            SELECT row_number() OVER (ORDER BY p.alliance_id, p.venue_id) AS id,
                   p.alliance_id, p.venue_id, v.company_id, a.currency_id,
                   coalesce(h.held, 0) AS held,
                   coalesce(h.topped_up, 0) AS topped_up,
                   coalesce(h.bonus, 0) AS bonus,
                   coalesce(h.spent_here, 0) AS spent_here,
                   coalesce(h.spent_elsewhere, 0) AS spent_elsewhere,
                   coalesce(t.spent_by_others, 0) AS spent_by_others,
                   coalesce(t.spent_by_others, 0) - coalesce(h.spent_elsewhere, 0) AS net_position,
                   coalesce(o.open_claims, 0) AS open_claims,
                   coalesce(o.open_debts, 0) AS open_debts,
                   coalesce(r.referred_count, 0) AS referred_count,
                   coalesce(r.referred_spent, 0) AS referred_spent
              FROM pairs p
              JOIN flex_gift_venue v ON v.id = p.venue_id
              JOIN flex_gift_alliance a ON a.id = p.alliance_id
              LEFT JOIN held h ON h.alliance_id = p.alliance_id AND h.venue_id = p.venue_id
              LEFT JOIN taken t ON t.alliance_id = p.alliance_id AND t.venue_id = p.venue_id
              LEFT JOIN referred r ON r.alliance_id = p.alliance_id AND r.venue_id = p.venue_id
              LEFT JOIN open_items o ON o.venue_id = p.venue_id AND v.alliance_id = p.alliance_id
            """
        )
