from collections import defaultdict

from odoo import api, fields, models

from .flex_gift_alliance_entry import SIGNS


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    flex_gift_referring_venue_id = fields.Many2one(
        "flex.gift.venue",
        string="Referring Venue",
        readonly=True,
        index="btree_not_null",
        help="Alliance stored value: the venue where the member first topped up, which brought them to the alliance.",
    )

    @api.model
    def _flex_gift_member_card(self, alliance, partner):
        """``partner``'s stored value card of ``alliance``, if any."""
        return self.search(
            [("program_id", "=", alliance.program_id.id), ("partner_id", "=", partner.id)], order="id", limit=1
        )

    @api.model
    def _flex_gift_member_cards(self, partner):
        """``partner``'s stored value cards of every alliance."""
        return self.search([("program_id.flex_gift_alliance_id", "!=", False), ("partner_id", "=", partner.id)])

    def _flex_gift_membership(self):
        """What the member sees of this card in the portal: balance, movements, top-ups and
        spending per venue, and the member discount saved."""
        self.ensure_one()
        alliance = self.program_id.flex_gift_alliance_id
        entries = (
            self.env["flex.gift.alliance.entry"].sudo().search([("card_id", "=", self.id)], order="date desc, id desc")
        )
        per_venue = defaultdict(lambda: {"topped_up": 0.0, "spent": 0.0})
        for entry in entries:
            key = "spent" if entry.kind in ("spend", "refund") else "topped_up"
            per_venue[entry.venue_id][key] += SIGNS[entry.kind] * entry.amount * (-1 if key == "spent" else 1)
        discounts = (
            self.env["sale.order.line"]
            .sudo()
            .search(
                [
                    ("flex_gift_member_discount", "=", True),
                    ("order_id.partner_id", "=", self.partner_id.id),
                    ("order_id.state", "=", "sale"),
                    ("product_id", "=", alliance.discount_product_id.id),
                ]
            )
        )
        return {
            "card": self,
            "alliance": alliance,
            "currency": alliance.currency_id,
            "balance": self.points,
            "entries": entries,
            "per_venue": sorted(per_venue.items(), key=lambda item: item[0].name),
            "saved": -sum(discounts.mapped("price_total")),
        }
