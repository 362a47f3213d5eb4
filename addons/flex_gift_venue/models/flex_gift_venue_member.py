from odoo import api, fields, models
from odoo.tools import SQL, drop_view_if_exists


class FlexGiftVenueMember(models.Model):
    """A venue's members: the customers of its confirmed orders, one row per venue and
    customer (a customer of two venues is a member of each, with each venue's figures)."""

    _name = "flex.gift.venue.member"
    _description = "Venue Member"
    _auto = False
    _order = "last_purchase desc, id desc"
    _rec_name = "partner_id"
    _depends = {
        "sale.order": ["company_id", "partner_id", "state", "amount_total", "currency_rate", "date_order"],
        "flex.gift.link": ["order_id"],
        "flex.gift.handmade.order": ["sale_order_id"],
        "flex.gift.venue": ["company_id"],
        "res.company": ["currency_id"],
    }

    venue_id = fields.Many2one("flex.gift.venue", string="Venue", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Member", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    purchase_count = fields.Integer(string="Purchases", readonly=True)
    amount_total = fields.Monetary(string="Amount", readonly=True, currency_field="currency_id")
    last_purchase = fields.Datetime(string="Last Purchase", readonly=True)
    gift_count = fields.Integer(string="Gifts Sent", readonly=True)
    handmade_count = fields.Integer(string="Handmade Orders", readonly=True)

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._flex_gift_query())
        )

    @api.model
    def _flex_gift_query(self):
        """Confirmed orders of venue companies by (company, customer): amounts in the
        company's currency, gift links sent and handmade orders made for those orders
        (handmade orders belong to the platform, they are found through their order)."""
        return SQL(
            """
            SELECT MIN(so.id) AS id,
                   v.id AS venue_id,
                   so.company_id AS company_id,
                   so.partner_id AS partner_id,
                   c.currency_id AS currency_id,
                   COUNT(so.id)::int AS purchase_count,
                   SUM(so.amount_total / CASE COALESCE(so.currency_rate, 0) WHEN 0 THEN 1.0
                                              ELSE so.currency_rate END) AS amount_total,
                   MAX(so.date_order) AS last_purchase,
                   SUM(links.n)::int AS gift_count,
                   SUM(handmade.n)::int AS handmade_count
              FROM sale_order so
              JOIN flex_gift_venue v ON v.company_id = so.company_id
              JOIN res_company c ON c.id = so.company_id
              CROSS JOIN LATERAL (SELECT COUNT(*) AS n FROM flex_gift_link l WHERE l.order_id = so.id) links
              CROSS JOIN LATERAL (
                SELECT COUNT(*) AS n FROM flex_gift_handmade_order h WHERE h.sale_order_id = so.id
              ) handmade
             WHERE so.state = 'sale'
             GROUP BY v.id, so.company_id, so.partner_id, c.currency_id
            """
        )

    def action_open_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Orders of %s", self.partner_id.display_name),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [
                ("partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("state", "=", "sale"),
            ],
            "context": {"create": False},
        }
