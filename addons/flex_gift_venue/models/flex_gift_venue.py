from odoo import Command, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.flex_gift_venue.tools import pricing

# what only the platform sets: a manager pointing its venue at another company's records would reach into them
PLATFORM_FIELDS = {
    "company_id",
    "platform_company_id",
    "website_id",
    "pricelist_id",
    "manager_ids",
    "venue_journal_id",
    "venue_due_account_id",
    "venue_cost_account_id",
}

ROUNDING_SELECTION = [
    ("none", "No rounding"),
    ("integer", "Whole amount (57.00)"),
    ("x90", "Ends in .90 (56.90)"),
    ("x99", "Ends in .99 (56.99)"),
]


class FlexGiftVenue(models.Model):
    """A venue: an Odoo company of its own, with its own website, pricelist, journals and
    manager, that sells the platform's library works beside its own products and owes
    the platform for each library work it sells."""

    _name = "flex.gift.venue"
    _description = "Venue"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(related="company_id.name", store=True, readonly=False)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Venue Company", required=True, ondelete="restrict", index=True)
    partner_id = fields.Many2one(related="company_id.partner_id", string="Venue Partner")
    currency_id = fields.Many2one(related="company_id.currency_id")
    platform_company_id = fields.Many2one(
        "res.company",
        string="Platform",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.company,
        groups="flex_gift_venue.group_venue_platform",
    )
    platform_currency_id = fields.Many2one(related="platform_company_id.currency_id", string="Platform Currency")
    website_id = fields.Many2one("website", string="Website", ondelete="restrict")
    pricelist_id = fields.Many2one("product.pricelist", string="Pricelist", ondelete="restrict")
    manager_ids = fields.Many2many("res.users", string="Venue Managers")
    commission_rate = fields.Float(
        string="Commission Rate (%)",
        default=20.0,
        tracking=True,
        groups="flex_gift_venue.group_venue_platform",
        help="The venue keeps this share of the library's price of every library work it sells; "
        "it owes the platform the rest (the platform price).",
    )
    markup_percent = fields.Float(
        string="Default Markup (%)", default=0.0, help="Added to the library's price of every imported work."
    )
    markup_fixed = fields.Float(string="Default Fixed Amount", default=0.0, help="Added after the markup and rounding.")
    rounding = fields.Selection(ROUNDING_SELECTION, string="Default Rounding", default="none", required=True)
    handling_days = fields.Integer(
        string="Handling Days", default=0, help="Days the venue adds to the library's lead time."
    )
    listing_ids = fields.One2many("flex.gift.venue.listing", "venue_id", string="Imported Works")
    listing_count = fields.Integer(compute="_compute_listing_count", string="Imported Work Count")
    # the accounts the running account with the platform is booked on (see sale_order.py)
    venue_journal_id = fields.Many2one("account.journal", string="Venue Settlement Journal", ondelete="restrict")
    venue_due_account_id = fields.Many2one("account.account", string="Due to Platform", ondelete="restrict")
    venue_cost_account_id = fields.Many2one("account.account", string="Platform Charges", ondelete="restrict")
    platform_journal_id = fields.Many2one(
        "account.journal",
        string="Platform Settlement Journal",
        ondelete="restrict",
        groups="flex_gift_venue.group_venue_platform",
    )
    platform_due_account_id = fields.Many2one(
        "account.account", string="Due from Venues", ondelete="restrict", groups="flex_gift_venue.group_venue_platform"
    )
    platform_revenue_account_id = fields.Many2one(
        "account.account",
        string="Library Sales via Venues",
        ondelete="restrict",
        groups="flex_gift_venue.group_venue_platform",
    )
    balance = fields.Monetary(
        compute="_compute_balance",
        string="Owed to the Platform",
        currency_field="platform_currency_id",
        help="What the venue owes the platform now, in the platform's currency: library works sold "
        "and not yet paid for.",
    )

    _company_unique = models.Constraint("UNIQUE (company_id)", "A company is one venue at most.")
    _commission_range = models.Constraint(
        "CHECK (commission_rate >= 0 AND commission_rate <= 100)", "A commission rate lies between 0 and 100 %."
    )
    _handling_positive = models.Constraint("CHECK (handling_days >= 0)", "Handling days cannot be negative.")

    @api.constrains("company_id", "platform_company_id")
    def _check_platform_company(self):
        for venue in self:
            if venue.company_id == venue.platform_company_id:
                raise ValidationError(self.env._("A venue is a company of its own, not the platform."))

    @api.model
    @tools.ormcache()
    def _flex_gift_company_venues(self):
        """{venue company id: venue id} of active venues: cached, since every order
        confirmation, handmade order and credit note asks whether its company is a venue
        (the cache is cleared when venues are created, changed or deleted)."""
        rows = self.sudo().search_fetch([], ["company_id"])
        return {venue.company_id.id: venue.id for venue in rows}

    @api.model
    def _flex_gift_of_company(self, company):
        """The venue whose company is ``company`` (sudo), or an empty recordset."""
        return self.sudo().browse(self._flex_gift_company_venues().get(company.id, []))

    @api.model_create_multi
    def create(self, vals_list):
        venues = super().create(vals_list)
        self.env.registry.clear_cache()  # website._flex_gift_venue_key
        return venues

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    def write(self, vals):
        if PLATFORM_FIELDS & set(vals) and not self._flex_gift_is_platform():
            raise AccessError(
                self.env._("Only the platform changes a venue's company, website, pricelist, managers and accounts.")
            )
        res = super().write(vals)
        if {"website_id", "active", "company_id"} & set(vals):
            self.env.registry.clear_cache()
        if {"markup_percent", "markup_fixed", "rounding"} & set(vals):
            self.listing_ids.filtered("use_venue_rule")._flex_gift_sync_rule()
        if "commission_rate" in vals:  # a venue never sells under what it owes
            for listing in self.listing_ids:
                listing._check_flex_gift_margin(*listing._flex_gift_rule())
        return res

    def _flex_gift_is_platform(self):
        return self.env.su or self.env.user.has_group("flex_gift_venue.group_venue_platform")

    def _compute_listing_count(self):
        counts = dict(
            self.env["flex.gift.venue.listing"]._read_group([("venue_id", "in", self.ids)], ["venue_id"], ["__count"])
        )
        for venue in self:
            venue.listing_count = counts.get(venue, 0)

    def _compute_balance(self):
        for venue in self:
            venue.balance = venue.sudo()._flex_gift_balances()[0]

    # ------------------------------------------------------------------
    # pricing
    # ------------------------------------------------------------------

    def _flex_gift_platform_price(self, library_price):
        """What the venue owes the platform for one unit the library prices at ``library_price``."""
        self.ensure_one()
        return self.platform_currency_id.round(pricing.platform_price(library_price, self.commission_rate))

    # ------------------------------------------------------------------
    # the running account with the platform
    # ------------------------------------------------------------------

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
        its own books), both in the platform's currency: the venue's items carry the
        platform's currency as their foreign currency. They are equal when nothing is
        half-booked."""
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
        return -(venue or 0.0), platform or 0.0

    def _flex_gift_book(self, items, date=None, ref=None, refund=None):
        """Book what the venue owes for ``items``, [(library sale line of its orders,
        quantity)], in both companies at the lines' platform price; a negative quantity
        books it back (refunds). Returns the two posted moves."""
        self.ensure_one()
        items = [(line, quantity) for line, quantity in items if line.flex_gift_platform_price_unit and quantity]
        if not items:
            return self.env["account.move"]
        date = date or fields.Date.context_today(self)
        order = items[0][0].order_id
        ref = ref or order.name
        Move = self.env["account.move"].sudo()
        platform_currency = self.platform_currency_id
        venue_items, platform_items = [], []
        for line, quantity in items:
            amount = platform_currency.round(line.flex_gift_platform_price_unit * quantity)
            if not amount:
                continue
            label = f"{line.order_id.name} - {line.product_id.display_name} x {quantity:g}"
            local = platform_currency._convert(amount, self.currency_id, self.company_id, date)
            common = {"name": label, "flex_gift_venue_sale_line_id": line.id}
            foreign = {} if self.currency_id == platform_currency else {"currency_id": platform_currency.id}
            venue_items += [
                Command.create(
                    dict(
                        common,
                        account_id=self.venue_cost_account_id.id,
                        balance=local,
                        amount_currency=amount if foreign else local,
                        partner_id=self.platform_company_id.partner_id.id,
                        **foreign,
                    )
                ),
                Command.create(
                    dict(
                        common,
                        account_id=self.venue_due_account_id.id,
                        balance=-local,
                        amount_currency=-amount if foreign else -local,
                        partner_id=self.platform_company_id.partner_id.id,
                        **foreign,
                    )
                ),
            ]
            platform_items += [
                Command.create(
                    dict(
                        common,
                        account_id=self.platform_due_account_id.id,
                        balance=amount,
                        partner_id=self.partner_id.id,
                    )
                ),
                Command.create(
                    dict(
                        common,
                        account_id=self.platform_revenue_account_id.id,
                        balance=-amount,
                        partner_id=self.partner_id.id,
                    )
                ),
            ]
        if not venue_items:
            return self.env["account.move"]
        common = {
            "move_type": "entry",
            "date": date,
            "ref": ref,
            "flex_gift_venue_id": self.id,
            "flex_gift_venue_order_id": order.id,
            "flex_gift_venue_refund_id": refund.id if refund else False,
        }
        # both companies' entries in one create and one post (each is checked in its own company)
        moves = Move.with_company(self.company_id).create(
            [
                dict(
                    common,
                    company_id=self.company_id.id,
                    journal_id=self.venue_journal_id.id,
                    line_ids=venue_items,
                ),
                dict(
                    common,
                    company_id=self.platform_company_id.id,
                    journal_id=self.platform_journal_id.id,
                    partner_id=self.partner_id.id,
                    line_ids=platform_items,
                ),
            ]
        )
        moves.action_post()
        return moves

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
