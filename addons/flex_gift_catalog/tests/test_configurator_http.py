from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import FlexGiftCatalogCommon


@tagged("post_install", "-at_install")
class TestConfiguratorHttp(HttpCase, FlexGiftCatalogCommon):
    def info(self, work, ptav_ids, personalization=None):
        return self.make_jsonrpc_request(
            "/flex_gift/configuration_info",
            {
                "product_template_id": work.id,
                "ptav_ids": ptav_ids,
                "personalization": personalization or {},
            },
        )

    def test_public_configuration_info_of_a_published_work(self):
        self.publish()
        info = self.info(self.work, self.combination(3, 1).ids, {str(self.engraving.id): "Hi"})
        self.assertTrue(info["available"])
        self.assertEqual(info["lead_days"], 8)
        self.assertTrue(info["preview_url"].startswith("/flex_gift/preview/"))
        response = self.url_open(info["preview_url"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "image/png")
        self.assertTrue(response.content.startswith(b"\x89PNG"))
        bad = self.info(self.work, self.combination(3, 1).ids, {str(self.engraving.id): "x" * 50})
        self.assertIn("limited to 10 characters", bad["error"])
        unknown = self.info(self.work, self.ptav(0, 1).ids)
        self.assertFalse(unknown["available"])

    def test_unpublished_work_is_not_found(self):
        with self.assertRaisesRegex(JsonRpcException, "NotFound|404|not found"):
            self.info(self.work, self.combination(0, 0).ids)

    def test_preview_route_refuses_unknown_digests(self):
        self.assertEqual(self.url_open("/flex_gift/preview/" + "0" * 64).status_code, 404)
        self.assertEqual(self.url_open("/flex_gift/preview/not-a-digest").status_code, 404)
