from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from .common import FlexGiftShareCommon


@tagged("post_install", "-at_install")
class TestRateLimit(FlexGiftShareCommon, HttpCase):
    """Wrong gift tokens are limited per address; a valid link never is."""

    def setUp(self):
        super().setUp()
        # attempts made on this database outside the test (rolled back with it)
        self.env["flex.gift.claim.attempt"].sudo().search([]).unlink()
        self.env.flush_all()

    def attempts(self, ip):
        return self.env["flex.gift.claim.attempt"].sudo().search_count([("ip", "=", ip)])

    def test_the_limit_counts_wrong_tokens_only_and_stops_at_it(self):
        Attempt = self.env["flex.gift.claim.attempt"]
        self.assertEqual([Attempt._flex_gift_try("198.51.100.1", limit=3) for _i in range(5)], [True] * 3 + [False] * 2)
        self.assertEqual(self.attempts("198.51.100.1"), 3, "a refused attempt is not recorded")
        self.assertTrue(Attempt._flex_gift_try("198.51.100.2", limit=3), "another address is not affected")

    def test_a_blocked_address_still_opens_a_valid_link(self):
        link = self.make_gift_order().flex_gift_link_ids
        for _i in range(10):
            self.assertEqual(self.url_open("/gift/" + "B" * 43).status_code, 404)
        self.assertEqual(self.url_open("/gift/" + "C" * 43).status_code, 429)
        self.assertEqual(self.url_open(f"/gift/{link._flex_gift_token()}").status_code, 200)
        self.assertEqual(self.attempts("127.0.0.1"), 10)

    def test_behind_a_proxy_the_forwarded_address_is_counted(self):
        headers = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Host": "shop.example.com"}
        self.assertEqual(self.url_open("/gift/" + "D" * 43, headers=headers).status_code, 404)
        self.assertEqual(self.attempts("203.0.113.9"), 0, "without proxy_mode the header is not trusted")
        self.assertEqual(self.attempts("127.0.0.1"), 1)
        with patch.dict(config.options, {"proxy_mode": True}):
            self.assertEqual(self.url_open("/gift/" + "D" * 43, headers=headers).status_code, 404)
        self.assertEqual(self.attempts("203.0.113.9"), 1)
        self.assertEqual(self.attempts("127.0.0.1"), 1)
