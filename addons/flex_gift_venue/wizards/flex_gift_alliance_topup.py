from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class FlexGiftAllianceTopup(models.TransientModel):
    """A top-up at the venue's counter: the member pays in cash or by card terminal; the
    top-up is sold, invoiced and paid in the venue's books like one bought on its website."""

    _name = "flex.gift.alliance.topup"
    _description = "Top Up at the Counter"

    venue_id = fields.Many2one(
        "flex.gift.venue",
        string="Venue",
        required=True,
        domain=[("alliance_id", "!=", False)],
        default=lambda self: self.env["flex.gift.venue"]._flex_gift_of_company(self.env.company),
    )
    alliance_id = fields.Many2one(related="venue_id.alliance_id")
    company_id = fields.Many2one(related="venue_id.company_id")
    currency_id = fields.Many2one(related="alliance_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Member", required=True)
    preset_id = fields.Many2one(
        "flex.gift.alliance.preset", string="Preset", domain="[('alliance_id', '=', alliance_id)]"
    )
    amount = fields.Monetary(required=True, compute="_compute_amount", store=True, readonly=False, precompute=True)
    bonus = fields.Monetary(compute="_compute_bonus", help="Added by the preset of exactly this amount.")
    journal_id = fields.Many2one(
        "account.journal",
        string="Paid by",
        required=True,
        domain="[('type', 'in', ('cash', 'bank')), ('company_id', '=', company_id)]",
        compute="_compute_journal_id",
        precompute=True,
        store=True,
        readonly=False,
    )

    @api.depends("preset_id")
    def _compute_amount(self):
        for wizard in self:
            if wizard.preset_id:
                wizard.amount = wizard.preset_id.amount

    @api.depends("amount", "alliance_id")
    def _compute_bonus(self):
        for wizard in self:
            wizard.bonus = wizard.alliance_id._flex_gift_bonus(wizard.amount) if wizard.alliance_id else 0.0

    @api.depends("company_id")
    def _compute_journal_id(self):
        for wizard in self:
            wizard.journal_id = self.env["account.journal"].search(
                [("type", "in", ("cash", "bank")), ("company_id", "=", wizard.company_id.id)],
                order="type desc, sequence, id",  # cash first
                limit=1,
            )

    def action_confirm(self):
        """Sell, invoice and record the payment of the top-up: all of it or, on any error,
        nothing (one transaction)."""
        self.ensure_one()
        venue, alliance = self.venue_id, self.venue_id.alliance_id.filtered("active")
        if not alliance:
            raise UserError(self.env._("%(venue)s is not in an alliance: it sells no top-ups.", venue=venue.name))
        alliance._flex_gift_check_topup_amount(self.amount)
        env = self.with_company(venue.company_id).env
        order = env["sale.order"].create(
            {
                "partner_id": self.partner_id.id,
                "company_id": venue.company_id.id,
                "pricelist_id": venue.pricelist_id.id,
                "order_line": [
                    Command.create({"product_id": alliance.topup_product_id.id, "product_uom_qty": self.amount})
                ],
            }
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"journal_id": self.journal_id.id}
        )._create_payments()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
        }
