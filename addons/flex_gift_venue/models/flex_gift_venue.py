from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError

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
    "venue_fee_account_id",
    "platform_fee_account_id",
    "alliance_id",
    "alliance_deposit_account_id",
    "alliance_clearing_account_id",
    "alliance_due_to_account_id",
    "alliance_due_from_account_id",
    "alliance_bonus_account_id",
    "alliance_journal_id",
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
    venue_fee_account_id = fields.Many2one(
        "account.account",
        string="Platform Service Fees Account",
        ondelete="restrict",
        help="The venue's expense: the platform's service fee on its own products' sales.",
    )
    platform_fee_account_id = fields.Many2one(
        "account.account",
        string="Service Fees from Venues Account",
        ondelete="restrict",
        help="The platform's income: its service fee on the venue's own products' sales.",
    )
    alliance_id = fields.Many2one(
        "flex.gift.alliance",
        string="Alliance",
        ondelete="restrict",
        index="btree_not_null",
        tracking=True,
        help="The alliance whose members' stored value the venue sells and takes. A venue that leaves no "
        "longer sells top-ups nor takes stored value; its members keep their balance, spent at the "
        "alliance's other venues.",
    )
    alliance_deposit_account_id = fields.Many2one(
        "account.account", string="Member Stored Value Account", ondelete="restrict", readonly=True
    )
    alliance_clearing_account_id = fields.Many2one(
        "account.account", string="Member Wallet Payments Account", ondelete="restrict", readonly=True
    )
    alliance_due_to_account_id = fields.Many2one(
        "account.account", string="Due to Alliance Venues Account", ondelete="restrict", readonly=True
    )
    alliance_due_from_account_id = fields.Many2one(
        "account.account", string="Due from Alliance Venues Account", ondelete="restrict", readonly=True
    )
    alliance_bonus_account_id = fields.Many2one(
        "account.account", string="Member Top-up Bonuses Account", ondelete="restrict", readonly=True
    )
    alliance_journal_id = fields.Many2one(
        "account.journal", string="Alliance Journal", ondelete="restrict", readonly=True
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
        for venue in venues.filtered("alliance_id"):
            venue.alliance_id._flex_gift_join(venue.sudo())
        venues.filtered("alliance_id")._flex_gift_sync_alliance_menu()
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
        if vals.get("alliance_id"):
            for venue in self:
                venue.alliance_id._flex_gift_join(venue.sudo())
        if "alliance_id" in vals or "website_id" in vals:
            self._flex_gift_sync_alliance_menu()
        if {"markup_percent", "markup_fixed", "rounding"} & set(vals):
            self.listing_ids.filtered("use_venue_rule")._flex_gift_sync_rule()
        if "commission_rate" in vals:  # a venue never sells under what it owes
            for listing in self.listing_ids:
                listing._check_flex_gift_margin(*listing._flex_gift_rule())
        return res

    def _flex_gift_sync_alliance_menu(self):
        """A "Become a member" entry in the venue website's menu while the venue is in an alliance."""
        Menu = self.env["website.menu"].sudo()
        for venue in self.sudo().filtered("website_id"):
            menus = Menu.search([("website_id", "=", venue.website_id.id), ("url", "=", "/alliance")])
            if venue.alliance_id and not menus:
                Menu.create(
                    {
                        "name": self.env._("Become a member"),
                        "url": "/alliance",
                        "parent_id": venue.website_id.menu_id.id,
                        "website_id": venue.website_id.id,
                        "sequence": 60,
                    }
                )
            elif not venue.alliance_id:
                menus.unlink()

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
