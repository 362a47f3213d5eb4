import math

from odoo import Command, api, fields, models, tools
from odoo.exceptions import ValidationError

# (field of flex.gift.venue, name, code prefix, account type, reconcile): made in a venue's
# company when it joins an alliance
ALLIANCE_ACCOUNTS = [
    ("alliance_deposit_account_id", "Member Stored Value", "2197", "liability_current", False),
    ("alliance_clearing_account_id", "Member Wallet Payments", "1197", "asset_current", False),
    ("alliance_due_to_account_id", "Due to Alliance Venues", "2196", "liability_current", True),
    ("alliance_due_from_account_id", "Due from Alliance Venues", "1196", "asset_current", True),
    ("alliance_bonus_account_id", "Member Top-up Bonuses", "6197", "expense", False),
]


class FlexGiftAlliance(models.Model):
    """An alliance of venues sharing one stored value: Odoo eWallet cards of one
    company-less loyalty program, topped up at any of its venues and spent at every one
    of them. Only its venues' orders see the program (``sale.order._get_program_domain``);
    a venue joins or leaves by its ``alliance_id``."""

    _name = "flex.gift.alliance"
    _description = "Venue Alliance"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True)
    currency_id = fields.Many2one(
        "res.currency",
        string="Currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        help="The stored value's currency: the currency of every venue of the alliance.",
    )
    discount_percent = fields.Float(
        string="Member Discount (%)",
        default=10.0,
        tracking=True,
        help="Off the price of what a member buys at any venue of the alliance, paying with stored value.",
    )
    program_id = fields.Many2one(
        "loyalty.program", string="Stored Value Program", readonly=True, ondelete="restrict", copy=False
    )
    topup_product_id = fields.Many2one(
        "product.product",
        string="Top-up Product",
        readonly=True,
        ondelete="restrict",
        copy=False,
        help="Sold at the venues to top up a member's stored value: one unit of price 1.00 credits 1.00.",
    )
    discount_product_id = fields.Many2one(
        "product.product",
        string="Member Discount Product",
        readonly=True,
        ondelete="restrict",
        copy=False,
        help="The product of the member discount line of an order paid with stored value.",
    )
    max_topup = fields.Monetary(
        string="Largest Top-up",
        default=10000.0,
        help="The most a member tops up in one order.",
    )
    excluded_categ_ids = fields.Many2many(
        "product.category",
        string="No Member Discount On",
        help="Products of these categories (and their subcategories) get no member discount.",
    )
    preset_ids = fields.One2many(
        "flex.gift.alliance.preset",
        "alliance_id",
        string="Preset Top-ups",
        copy=True,
        help='Amounts offered on the venues\' "Become a member" page and at their counters; '
        "topping up exactly one of them adds its bonus.",
    )
    venue_ids = fields.One2many("flex.gift.venue", "alliance_id", string="Venues")
    venue_count = fields.Integer(compute="_compute_venue_count", string="Venue Count")

    _max_topup_positive = models.Constraint("CHECK (max_topup > 0)", "The largest top-up is a positive amount.")
    _discount_range = models.Constraint(
        "CHECK (discount_percent >= 0 AND discount_percent <= 100)", "A member discount lies between 0 and 100 %."
    )

    @api.depends("venue_ids")
    def _compute_venue_count(self):
        for alliance in self:
            alliance.venue_count = len(alliance.venue_ids)

    @api.model_create_multi
    def create(self, vals_list):
        alliances = super().create(vals_list)
        for alliance in alliances:
            alliance._flex_gift_create_program()
        self.env.registry.clear_cache()  # venue._flex_gift_alliance_program_ids
        return alliances

    def write(self, vals):
        if "currency_id" in vals and any(
            alliance.venue_ids and alliance.currency_id.id != vals["currency_id"] for alliance in self
        ):
            raise ValidationError(self.env._("An alliance with venues keeps its currency."))
        res = super().write(vals)
        if "name" in vals:
            for alliance in self:
                alliance.program_id.sudo().name = alliance._flex_gift_program_name()
        if "active" in vals:
            self.program_id.sudo().active = vals["active"]
            self.env.registry.clear_cache()
        return res

    @api.model
    @tools.ormcache()
    def _flex_gift_topup_templates(self):
        """Ids of every alliance's top-up product template: cached, since every shop page
        hides the others' (cleared when alliances are created, archived or deleted)."""
        alliances = self.sudo().with_context(active_test=False).search_fetch([], ["topup_product_id"])
        return tuple(alliances.topup_product_id.product_tmpl_id.ids)

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    def _flex_gift_program_name(self):
        return self.env._("%(alliance)s Stored Value", alliance=self.name)

    def _flex_gift_create_program(self):
        """The alliance's eWallet program, shared by every company, and its top-up product."""
        self.ensure_one()
        topup = (
            self.env["product.product"]
            .sudo()
            .create(
                {
                    "name": self.env._("%(alliance)s Top-up", alliance=self.name),
                    "type": "service",
                    "list_price": 1.0,
                    "company_id": False,
                    "sale_ok": True,
                    "purchase_ok": False,
                    "taxes_id": [Command.clear()],
                    "invoice_policy": "order",
                    "is_published": True,  # on the alliance's venues' shops only (website.sale_product_domain)
                }
            )
        )
        program = (
            self.env["loyalty.program"]
            .sudo()
            .create(
                {
                    "name": self._flex_gift_program_name(),
                    "program_type": "ewallet",
                    "company_id": False,
                    "currency_id": self.currency_id.id,
                    "website_id": False,
                    "trigger": "auto",
                    "applies_on": "future",
                    "portal_visible": True,
                    "portal_point_name": self.currency_id.symbol,
                    "flex_gift_alliance_id": self.id,
                    "rule_ids": [
                        Command.create(
                            {
                                "reward_point_amount": 1,
                                "reward_point_mode": "money",
                                "reward_point_split": False,
                                "product_ids": [Command.set(topup.ids)],
                            }
                        )
                    ],
                    "reward_ids": [
                        Command.create(
                            {
                                "reward_type": "discount",
                                "discount_mode": "per_point",
                                "discount": 1,
                                "discount_applicability": "order",
                                "required_points": 1,
                                "description": self.env._("Stored value"),
                            }
                        )
                    ],
                }
            )
        )
        discount = (
            self.env["product.product"]
            .sudo()
            .create(
                {
                    "name": self.env._("%(alliance)s Member Discount", alliance=self.name),
                    "type": "service",
                    "list_price": 0.0,
                    "company_id": False,
                    "sale_ok": False,
                    "purchase_ok": False,
                    "taxes_id": [Command.clear()],
                    "invoice_policy": "order",
                }
            )
        )
        self.write({"program_id": program.id, "topup_product_id": topup.id, "discount_product_id": discount.id})

    def _flex_gift_bonus(self, amount):
        """The bonus given for a top-up of ``amount``: that of the preset of exactly this
        amount, else none."""
        self.ensure_one()
        presets = self.preset_ids.filtered(lambda p: not self.currency_id.compare_amounts(p.amount, amount))
        return presets[:1].bonus

    def _flex_gift_check_topup_amount(self, amount):
        """Refuse a top-up that is not a positive amount of at most the largest top-up."""
        self.ensure_one()
        if (
            self.currency_id.compare_amounts(amount, 0.0) <= 0
            or self.currency_id.compare_amounts(amount, self.max_topup) > 0
        ):
            raise ValidationError(
                self.env._(
                    "A top-up is a positive amount of at most %(max)s.",
                    max=tools.format_amount(self.env, self.max_topup, self.currency_id),
                )
            )

    def _flex_gift_topup_amount(self, value):
        """The top-up amount a visitor typed or picked, checked: a whole, positive amount of
        at most the largest top-up (web carts take whole quantities of the 1.00 top-up)."""
        self.ensure_one()
        try:
            amount = float(value)
        except (TypeError, ValueError):
            amount = None
        if amount is None or not math.isfinite(amount) or amount != int(amount):
            raise ValidationError(self.env._("Please enter a whole amount, such as 100."))
        self._flex_gift_check_topup_amount(amount)
        return amount

    def _flex_gift_discounted(self, lines):
        """The lines among ``lines`` that get the member discount."""
        self.ensure_one()
        excluded = {str(categ.id) for categ in self.excluded_categ_ids}
        if not excluded:
            return lines
        return lines.filtered(lambda line: not excluded & set((line.product_id.categ_id.parent_path or "").split("/")))

    def _flex_gift_join(self, venue):
        """Set up ``venue`` (sudo) to sell top-ups and take stored value: top-ups are a
        liability of the venue (its members' stored value), stored value it takes is
        booked on a clearing account until the venue holding it pays it."""
        self.ensure_one()
        if venue.currency_id != self.currency_id:
            raise ValidationError(
                self.env._(
                    "%(venue)s sells in %(venue_currency)s: only venues in %(currency)s join %(alliance)s.",
                    venue=venue.name,
                    venue_currency=venue.currency_id.name,
                    currency=self.currency_id.name,
                    alliance=self.name,
                )
            )
        company = venue.company_id
        Create = self.env["flex.gift.venue.create"]
        values = {}
        for field, name, prefix, account_type, reconcile in ALLIANCE_ACCOUNTS:
            if not venue[field]:
                values[field] = Create._flex_gift_account(company, name, prefix, account_type, reconcile).id
        if not venue.alliance_journal_id:
            Journal = self.env["account.journal"].sudo().with_company(company)
            journal = Journal.search([*Journal._check_company_domain(company), ("code", "=", "ALLY")], limit=1)
            values["alliance_journal_id"] = (
                journal
                or Journal.create(
                    {"name": self.env._("Alliance"), "code": "ALLY", "type": "general", "company_id": company.id}
                )
            ).id
        if values:
            venue.write(values)
        self.topup_product_id.product_tmpl_id.with_company(
            company
        ).sudo().property_account_income_id = venue.alliance_deposit_account_id
        wallet_product = self.program_id.reward_ids.discount_line_product_id
        wallet_product.product_tmpl_id.with_company(
            company
        ).sudo().property_account_income_id = venue.alliance_clearing_account_id

    # ------------------------------------------------------------------
    # demo data (demo/flex_gift_alliance_demo.xml)
    # ------------------------------------------------------------------

    @api.model
    def _flex_gift_demo_stored_value(self, venue_xmlid, partner_xmlid, amount=0.0, product_xmlid=None, quantity=0.0):
        """Demo data: a confirmed and invoiced order at a venue, by a member: a top-up of
        ``amount`` or, with ``product_xmlid``, ``quantity`` units of it paid with stored value."""
        venue = self.env.ref(venue_xmlid).sudo()
        company = venue.company_id
        env = self.env(context=dict(self.env.context, allowed_company_ids=[company.id, venue.platform_company_id.id]))
        alliance = venue.alliance_id
        if product_xmlid:
            product = self.env.ref(product_xmlid)
            product = product.product_variant_id if product._name == "product.template" else product
        else:
            product, quantity = alliance.topup_product_id, amount
        partner = self.env.ref(partner_xmlid)
        order = (
            env["sale.order"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "pricelist_id": venue.pricelist_id.id,
                    "website_id": venue.website_id.id,
                    "order_line": [Command.create({"product_id": product.id, "product_uom_qty": quantity})],
                }
            )
        )
        if product_xmlid:
            card = (
                self.env["loyalty.card"]
                .sudo()
                .search([("partner_id", "=", partner.id), ("program_id", "=", alliance.program_id.id)])
            )
            order._update_programs_and_rewards()
            order._apply_program_reward(order._get_claimable_rewards()[card], card)
            order._update_programs_and_rewards()
        order.action_confirm()
        order._create_invoices().action_post()
        return order
