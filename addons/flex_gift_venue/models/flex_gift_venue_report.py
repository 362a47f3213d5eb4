from odoo import api, fields, models
from odoo.tools import SQL, drop_view_if_exists

CATEGORIES = [
    ("own_sales", "Own Product Sales"),
    ("library_sales", "Library Work Sales"),
    ("platform_charges", "Platform Charges"),
    ("gift_refunds", "Gift Refunds"),
    ("platform_balance", "Balance with the Platform"),
]


class FlexGiftVenueReport(models.Model):
    """The venue's financial report: one row per posted journal item of a venue company
    that counts in it, read straight from the ledger (no parallel ledger).

    ``amount`` is in the venue company's currency, signed so that sales are positive,
    platform charges and gift refunds are positive as costs, and the balance with the
    platform is positive when the venue owes."""

    _name = "flex.gift.venue.report"
    _description = "Venue Financial Report"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "move_line_id"
    _depends = {
        "account.move": ["move_type", "state", "flex_gift_venue_order_id"],
        "account.move.line": [
            "move_id",
            "date",
            "company_id",
            "company_currency_id",
            "account_id",
            "partner_id",
            "product_id",
            "balance",
            "display_type",
            "parent_state",
            "flex_gift_venue_sale_line_id",
            "sale_line_ids",
        ],
        "account.account": ["account_type"],
        "flex.gift.link": ["refund_move_id"],
        "flex.gift.venue": [
            "company_id",
            "platform_company_id",
            "venue_cost_account_id",
            "venue_fee_account_id",
            "venue_due_account_id",
        ],
        "product.product": ["product_tmpl_id"],
        "product.template": ["is_library_work"],
        "res.company": ["partner_id"],
        "sale.order.line": ["order_id"],
    }

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    venue_id = fields.Many2one("flex.gift.venue", string="Venue", readonly=True)
    category = fields.Selection(CATEGORIES, readonly=True)
    amount = fields.Monetary(readonly=True, currency_field="currency_id")
    margin = fields.Monetary(
        readonly=True,
        currency_field="currency_id",
        help="What the item adds to the margin: sales less gift refunds and platform charges.",
    )
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    move_line_id = fields.Many2one("account.move.line", string="Journal Item", readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    account_id = fields.Many2one("account.account", string="Account", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Partner", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    sale_order_id = fields.Many2one("sale.order", string="Order", readonly=True)

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._flex_gift_query())
        )

    @api.model
    def _flex_gift_query(self):
        """The journal items of venue companies that count, categorized: the income items
        of customer invoices and credit notes (library works or own products; the credit
        notes of expired gift links apart), the platform charges booked at confirmation,
        and the running account with the platform (the settlement account and what is
        payable to the platform's partner)."""
        return SQL(
            """
            SELECT aml.id AS id,
                   aml.id AS move_line_id,
                   aml.move_id AS move_id,
                   aml.date AS date,
                   aml.company_id AS company_id,
                   aml.company_currency_id AS currency_id,
                   aml.account_id AS account_id,
                   aml.partner_id AS partner_id,
                   aml.product_id AS product_id,
                   v.id AS venue_id,
                   cat.category AS category,
                   CASE WHEN cat.category IN ('platform_charges', 'gift_refunds') THEN aml.balance
                        ELSE -aml.balance END AS amount,
                   CASE WHEN cat.category IN ('platform_charges', 'gift_refunds') THEN -aml.balance
                        WHEN cat.category = 'platform_balance' THEN 0.0
                        ELSE -aml.balance END AS margin,
                   COALESCE(
                       (SELECT sol.order_id
                          FROM sale_order_line_invoice_rel rel
                          JOIN sale_order_line sol ON sol.id = rel.order_line_id
                         WHERE rel.invoice_line_id = aml.id
                         ORDER BY sol.order_id LIMIT 1),
                       vsl.order_id,
                       m.flex_gift_venue_order_id
                   ) AS sale_order_id
              FROM account_move_line aml
              JOIN account_move m ON m.id = aml.move_id
              JOIN flex_gift_venue v ON v.company_id = aml.company_id
              JOIN res_company pc ON pc.id = v.platform_company_id
              JOIN account_account acc ON acc.id = aml.account_id
              LEFT JOIN product_product pp ON pp.id = aml.product_id
              LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
              LEFT JOIN sale_order_line vsl ON vsl.id = aml.flex_gift_venue_sale_line_id
              LEFT JOIN (SELECT DISTINCT refund_move_id FROM flex_gift_link WHERE refund_move_id IS NOT NULL) gr
                     ON gr.refund_move_id = m.id
             CROSS JOIN LATERAL (
                SELECT CASE
                    WHEN m.move_type IN ('out_invoice', 'out_refund') AND aml.display_type = 'product'
                         AND acc.account_type IN ('income', 'income_other') THEN
                        CASE WHEN gr.refund_move_id IS NOT NULL THEN 'gift_refunds'
                             WHEN pt.is_library_work THEN 'library_sales'
                             ELSE 'own_sales' END
                    WHEN aml.account_id IN (v.venue_cost_account_id, v.venue_fee_account_id) THEN 'platform_charges'
                    WHEN aml.partner_id = pc.partner_id
                         AND (aml.account_id = v.venue_due_account_id OR acc.account_type = 'liability_payable')
                        THEN 'platform_balance'
                END AS category
             ) cat
             WHERE aml.parent_state = 'posted' AND cat.category IS NOT NULL
            """
        )

    def action_open_journal_items(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Journal Items"),
            "res_model": "account.move.line",
            "view_mode": "list,form",
            "domain": [("id", "in", self.move_line_id.ids)],
            "context": {"create": False},
        }

    def action_open_orders(self):
        orders = self.sale_order_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Orders"),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("id", "in", orders.ids)],
            "context": {"create": False},
        }
