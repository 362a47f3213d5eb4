from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_venue_isolation import FlexGiftVenueIsolationCommon


@tagged("post_install", "-at_install")
class TestVenueApi(HttpCase, FlexGiftVenueIsolationCommon):
    """Odoo 19's JSON-2 API (``/json/2/<model>/<method>``) with a venue manager's API key:
    the venue reads its orders, the handmade orders of its sales and its gift links, and
    pushes its own products (unpublished until the platform approves them); never another
    venue's or the platform's records."""

    def setUp(self):
        super().setUp()
        expires = fields.Datetime.now() + timedelta(days=30)
        Keys = self.env["res.users.apikeys"]
        self.key_a = Keys.with_user(self.manager_a)._generate("rpc", "venue A shop sync", expires)
        self.key_b = Keys.with_user(self.manager_b)._generate("rpc", "venue B shop sync", expires)

    def call(self, key, model, method, **params):
        response = self.url_open(
            f"/json/2/{model}/{method}",
            json=params,
            headers={"Authorization": f"bearer {key}", "X-Odoo-Database": self.env.cr.dbname},
        )
        return response.status_code, response.json()

    def test_orders_handmade_progress_and_gifts_of_its_own_sales_only(self):
        status, orders = self.call(self.key_a, "sale.order", "search_read", domain=[], fields=["name", "company_id"])
        self.assertEqual(status, 200)
        self.assertEqual({order["id"] for order in orders}, set(self.order_a.ids))
        handmade = self.env["flex.gift.handmade.order"].search([("sale_order_id", "=", self.order_a.id)])
        self.assertTrue(handmade)
        status, rows = self.call(
            self.key_a,
            "sale.order.line",
            "search_read",
            domain=[],
            fields=["order_id", "flex_gift_handmade_state", "flex_gift_handmade_date_due"],
        )
        self.assertEqual(status, 200)
        self.assertEqual({row["order_id"][0] for row in rows}, set(self.order_a.ids), "venue B's never shows")
        self.assertEqual({row["flex_gift_handmade_state"] for row in rows}, {handmade.state})
        # the handmade order itself is the platform's: what the studio is paid stays hidden
        status, hidden = self.call(self.key_a, "flex.gift.handmade.order", "search_read", domain=[], fields=["state"])
        self.assertEqual((status, hidden), (200, []))
        status, links = self.call(self.key_a, "flex.gift.link", "search_read", domain=[], fields=["state", "order_id"])
        self.assertEqual(status, 200)
        self.assertFalse({link["order_id"][0] for link in links} - set(self.order_a.ids))

    @mute_logger("odoo.http")
    def test_another_venues_records_are_refused(self):
        status, answer = self.call(self.key_a, "sale.order", "read", ids=self.order_b.ids, fields=["name"])
        self.assertEqual(status, 403, answer)
        status, _answer = self.call("not-a-key", "sale.order", "search_read", domain=[], fields=["name"])
        self.assertEqual(status, 401)

    @mute_logger("odoo.http")
    def test_pushing_its_own_listings(self):
        company = self.venue_a.company_id
        status, ids = self.call(
            self.key_a,
            "product.template",
            "create",
            vals_list=[{"name": "Synced Candle", "list_price": 12.0, "company_id": company.id}],
            context={"allowed_company_ids": company.ids},
        )
        self.assertEqual(status, 200, ids)
        candle = self.env["product.template"].browse(ids)
        self.assertEqual(
            (candle.company_id, candle.flex_gift_listing_state, candle.is_published), (company, "draft", False)
        )
        status, _answer = self.call(self.key_a, "product.template", "action_flex_gift_submit_listing", ids=ids)
        self.assertEqual(status, 200)
        self.assertEqual(candle.flex_gift_listing_state, "submitted")
        status, answer = self.call(
            self.key_b,
            "product.template",
            "write",
            ids=ids,
            vals={"name": "Taken Over"},
            context={"allowed_company_ids": self.venue_b.company_id.ids},
        )
        self.assertEqual(status, 403, answer)
        self.assertEqual(candle.name, "Synced Candle")
