from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.flex_gift_venue import ROUNDING_SELECTION

# (field of flex.gift.venue, name, code prefix, account type, reconcile, company side)
ACCOUNTS = [
    ("venue_due_account_id", "Due to Platform", "2198", "liability_current", True, "venue"),
    ("venue_cost_account_id", "Library Works from the Platform", "5198", "expense_direct_cost", False, "venue"),
    ("platform_due_account_id", "Due from Venues", "1198", "asset_current", True, "platform"),
    ("platform_revenue_account_id", "Library Sales via Venues", "4198", "income", False, "platform"),
    ("venue_fee_account_id", "Platform Service Fees", "6198", "expense", False, "venue"),
    ("platform_fee_account_id", "Service Fees from Venues", "4197", "income", False, "platform"),
]


class FlexGiftVenueCreate(models.TransientModel):
    """Create a venue: its company, chart of accounts, website, pricelist, settlement
    journals and accounts, and its manager, in one step."""

    _name = "flex.gift.venue.create"
    _description = "Create a Venue"

    name = fields.Char(string="Venue Name", required=True)
    currency_id = fields.Many2one(
        "res.currency", string="Currency", required=True, default=lambda s: s.env.company.currency_id
    )
    country_id = fields.Many2one("res.country", string="Country", default=lambda s: s.env.company.country_id)
    commission_rate = fields.Float(string="Commission Rate (%)", default=20.0)
    markup_percent = fields.Float(string="Default Markup (%)", default=30.0)
    markup_fixed = fields.Float(string="Default Fixed Amount")
    rounding = fields.Selection(ROUNDING_SELECTION, string="Default Rounding", default="x90", required=True)
    handling_days = fields.Integer(string="Handling Days", default=1)
    domain = fields.Char(string="Website Domain", help="e.g. https://shop.example.com; can be set later.")
    manager_name = fields.Char(string="Manager Name", required=True)
    manager_login = fields.Char(string="Manager Login", required=True)

    def action_create(self):
        self.ensure_one()
        venue = self._flex_gift_create_venue()
        return {
            "type": "ir.actions.act_window",
            "res_model": "flex.gift.venue",
            "res_id": venue.id,
            "view_mode": "form",
        }

    def _flex_gift_create_venue(self, install_demo=False):
        self.ensure_one()
        if not self.env.user.has_group("flex_gift_venue.group_venue_platform"):
            raise UserError(self.env._("Only the platform's venue administrators can create venues."))
        if (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("login", "=", self.manager_login)])
        ):
            raise UserError(self.env._("The login “%s” is already taken.", self.manager_login))
        platform = self.env.company
        env = self.sudo().env
        # the chart is loaded below: no country's chart queued for the commit as well (outside
        # tests Odoo would install the country's localization and load its chart over ours)
        company = (
            env["res.company"]
            .with_context(chart_template_load=True)
            .create({"name": self.name, "currency_id": self.currency_id.id, "country_id": self.country_id.id})
        )
        env.user.company_ids = [Command.link(company.id)]
        chart = platform.chart_template or "generic_coa"
        if install_demo:
            # demo data, while modules are installed: the chart alone, as try_loading does once the
            # registry is loaded, without the accounting demo entries, which would fix the currency
            env["account.chart.template"]._load(chart, company, install_demo=False)
        else:
            env["account.chart.template"].try_loading(chart, company)
        if company.currency_id != self.currency_id:  # a chart template sets its own currency
            company.currency_id = self.currency_id
        Warehouse = env["stock.warehouse"].with_company(company)
        if not Warehouse.search_count([("company_id", "=", company.id)], limit=1):
            # Odoo gives a new company a warehouse only under tests: a venue ships what it sells
            Warehouse.create(
                {"name": company.name, "code": "WH", "company_id": company.id, "partner_id": company.partner_id.id}
            )
        website = env["website"].create({"name": self.name, "company_id": company.id, "domain": self.domain or False})
        pricelist = env["product.pricelist"].create(
            {
                "name": self.name,
                "currency_id": self.currency_id.id,
                "company_id": company.id,
                "website_id": website.id,
                "selectable": False,
            }
        )
        manager = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": self.manager_name,
                    "login": self.manager_login,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "group_ids": [Command.set(env.ref("flex_gift_venue.group_venue_manager").ids)],
                }
            )
        )
        venue = env["flex.gift.venue"].create(
            {
                "company_id": company.id,
                "platform_company_id": platform.id,
                "website_id": website.id,
                "pricelist_id": pricelist.id,
                "manager_ids": [Command.set(manager.ids)],
                "commission_rate": self.commission_rate,
                "markup_percent": self.markup_percent,
                "markup_fixed": self.markup_fixed,
                "rounding": self.rounding,
                "handling_days": self.handling_days,
                **self._flex_gift_settlement_setup(company, platform),
            }
        )
        return venue.with_env(self.env)

    @api.model
    def _flex_gift_settlement_setup(self, company, platform):
        """The journals and accounts of the running account in both companies (the
        platform's are shared by all its venues), and the settlement product's accounts."""
        env = self.sudo().env
        values = {}
        for field, name, prefix, account_type, reconcile, side in ACCOUNTS:
            owner = company if side == "venue" else platform
            values[field] = self._flex_gift_account(owner, name, prefix, account_type, reconcile).id
        for field, owner, code in (("venue_journal_id", company, "PLTF"), ("platform_journal_id", platform, "VENU")):
            Journal = env["account.journal"].with_company(owner)
            journal = Journal.search([*Journal._check_company_domain(owner), ("code", "=", code)], limit=1)
            if not journal:
                journal = Journal.create(
                    {"name": env._("Venue Settlement"), "code": code, "type": "general", "company_id": owner.id}
                )
            values[field] = journal.id
        product = env.ref("flex_gift_venue.product_product_venue_settlement")
        product.with_company(company).property_account_expense_id = values["venue_due_account_id"]
        product.with_company(platform).property_account_income_id = values["platform_due_account_id"]
        return values

    @api.model
    def _flex_gift_account(self, company, name, prefix, account_type, reconcile):
        Account = self.env["account.account"].sudo().with_company(company)
        account = Account.search([*Account._check_company_domain(company), ("name", "=", name)], limit=1)
        if account:
            return account
        code = prefix
        while Account.search_count([*Account._check_company_domain(company), ("code", "=", code)], limit=1):
            code = str(int(code) + 1)
        return Account.create(
            {
                "name": name,
                "code": code,
                "account_type": account_type,
                "reconcile": reconcile,
                "company_ids": company.ids,
            }
        )

    # ------------------------------------------------------------------
    # demo data (demo/flex_gift_venue_demo.xml)
    # ------------------------------------------------------------------

    @api.model
    def _flex_gift_demo_venue(self, xmlid, values, works):
        """Demo data: create a venue from ``values`` (this wizard's fields) as Odoo's demo
        companies load their chart (``install_demo``), name it ``flex_gift_venue.<xmlid>``
        (its company, website, pricelist and manager ``<xmlid>_company`` ...), give the
        manager the password of its login, and import ``works`` (xml ids of published
        library works, or (xml id, the venue's name for it))."""
        venue = self.env.ref(f"flex_gift_venue.{xmlid}", raise_if_not_found=False)
        if venue:
            return venue
        # works published by the library's demo are shared with every company (as at publication)
        self.env["product.template"]._flex_gift_venue_post_init()
        wizard = self.create(values)
        venue = wizard._flex_gift_create_venue(install_demo=True).sudo()
        venue.manager_ids.password = wizard.manager_login
        records = {
            xmlid: venue,
            f"{xmlid}_company": venue.company_id,
            f"{xmlid}_website": venue.website_id,
            f"{xmlid}_pricelist": venue.pricelist_id,
            f"{xmlid}_manager": venue.manager_ids[:1],
        }
        self.env["ir.model.data"]._update_xmlids(
            [
                {"xml_id": f"flex_gift_venue.{name}", "record": record, "noupdate": True}
                for name, record in records.items()
            ]
        )
        venue.listing_ids = [
            Command.create({"product_tmpl_id": self.env.ref(work).id, "name": name or False})
            for work, name in (item if isinstance(item, list | tuple) else (item, None) for item in works)
        ]
        # the demo shop can be paid as the platform's is: its company's copy of each provider the
        # platform uses (Odoo copies them, disabled, into a new company) is enabled the same way
        Provider = self.env["payment.provider"].sudo()
        for provider in Provider.search(
            [("company_id", "=", venue.platform_company_id.id), ("state", "!=", "disabled")]
        ):
            copy = Provider.search(
                [("company_id", "=", venue.company_id.id), ("code", "=", provider.code), ("name", "=", provider.name)],
                limit=1,
            ) or provider.copy({"company_id": venue.company_id.id})
            copy.write({"state": provider.state, "is_published": provider.is_published})
        return venue

    @api.model
    def _flex_gift_demo_order(self, venue_xmlid, partner_xmlid, lines, gift=None):
        """Demo data: a confirmed order of a venue's shop. ``lines``: [(product xml id, qty)];
        a library work is ordered in its first combination with its required
        personalization filled in; ``gift``: (sender, message) makes it a gift order."""
        venue = self.env.ref(venue_xmlid).sudo()
        company = venue.company_id
        env = self.env(context=dict(self.env.context, allowed_company_ids=[company.id, venue.platform_company_id.id]))
        order = (
            env["sale.order"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "partner_id": self.env.ref(partner_xmlid).id,
                    "company_id": company.id,
                    "pricelist_id": venue.pricelist_id.id,
                    "website_id": venue.website_id.id,
                }
            )
        )
        for product_xmlid, quantity in lines:
            template = self.env.ref(product_xmlid)
            if template._name == "product.product":
                template = template.product_tmpl_id
            if not template.is_library_work:
                order.order_line = [
                    Command.create({"product_id": template.product_variant_id.id, "product_uom_qty": quantity})
                ]
                continue
            personalization = {}
            for component in template.flex_gift_component_ids.filtered("required"):
                if component.component_type == "choice":
                    personalization[str(component.id)] = component.option_ids[:1].id
                elif component.component_type == "text":
                    personalization[str(component.id)] = "福"
            order.with_context(skip_cart_verification=True)._cart_add(
                product_id=template.product_variant_id.id,
                quantity=quantity,
                no_variant_attribute_value_ids=[values[0] for values in template._flex_gift_lines()],
                flex_gift_personalization=personalization,
            )
        if gift:
            order._flex_gift_set_gift(True, gift[0], gift[1], False)
        order.action_confirm()
        return order
