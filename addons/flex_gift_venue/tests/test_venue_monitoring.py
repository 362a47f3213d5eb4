from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

TOKEN = "a-long-enough-monitoring-token-42"


@tagged("post_install", "-at_install")
class TestVenueMonitoring(HttpCase):
    """The platform's monitoring page (platform only) and its JSON endpoint (bearer token)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            "mon_platform",
            password="mon_platform",
            groups="base.group_user,flex_gift_venue.group_venue_platform",
        )
        new_test_user(cls.env, "mon_clerk", password="mon_clerk", groups="base.group_user")

    def test_figures(self):
        figures = self.env["flex.gift.monitoring"]._flex_gift_figures()
        self.assertEqual(
            set(figures),
            {
                "gift_claims_pending",
                "handmade_orders_late",
                "venues_owing_platform",
                "alliance_debts_open",
                "commissions_to_bill",
                "applications_to_review",
                "listings_to_approve",
                "sms_queued",
                "sms_failed",
                "mails_queued",
                "mails_failed",
                "cron_jobs_late",
            },
        )
        before = figures["sms_failed"]
        self.env["sms.sms"].create({"number": "+1 555 0100", "body": "x", "state": "error"})
        self.assertEqual(self.env["flex.gift.monitoring"]._flex_gift_figures()["sms_failed"], before + 1)

    def test_json_endpoint_needs_the_token(self):
        url = "/flex_gift/monitoring.json"
        self.assertEqual(self.url_open(url).status_code, 401, "no token set: nobody")
        self.env["ir.config_parameter"].sudo().set_param("flex_gift_venue.monitoring_token", TOKEN)
        for header in ("", "Bearer wrong", f"Bearer {TOKEN[:-1]}"):
            with self.subTest(header=header):
                self.assertEqual(self.url_open(url, headers={"Authorization": header}).status_code, 401)
        response = self.url_open(url, headers={"Authorization": f"Bearer {TOKEN}"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("handmade_orders_late", response.json())

    @mute_logger("odoo.http")
    def test_the_page_is_the_platforms(self):
        self.authenticate("mon_clerk", "mon_clerk")
        self.assertEqual(self.url_open("/flex_gift/monitoring").status_code, 403)
        self.authenticate("mon_platform", "mon_platform")
        response = self.url_open("/flex_gift/monitoring")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Handmade orders late", response.text)
