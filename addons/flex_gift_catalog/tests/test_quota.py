from odoo.tests import HttpCase, tagged

from .common import FlexGiftCatalogCommon, png_bytes


@tagged("post_install", "-at_install")
class TestQuota(HttpCase, FlexGiftCatalogCommon):
    """Previews and uploads of website visitors are bounded; their URLs cannot be guessed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.publish()
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("flex_gift_catalog.quota_visitor_mb", 1)
        params.set_param("flex_gift_catalog.quota_ip_mb", 100)
        params.set_param("flex_gift_catalog.quota_global_mb", 1000)
        params.set_param("flex_gift_catalog.quota_window_minutes", 60)

    def info(self, text, cookies=None):
        return self.make_jsonrpc_request(
            "/flex_gift/configuration_info",
            {
                "product_template_id": self.work.id,
                "ptav_ids": self.combination(1, 1).ids,
                "personalization": {str(self.engraving.id): text, str(self.ribbon.id): self.red.id},
            },
            cookies=cookies,
        )

    def made_by_visitors(self):
        return self.env["flex.gift.preview"].search([("visitor_ip", "!=", False)])

    def spend(self, megabytes):
        """What the visitors made so far weighs ``megabytes``."""
        self.made_by_visitors().file_size = megabytes * 1024 * 1024
        self.env.flush_all()

    def test_a_visitor_past_the_quota_gets_429_another_one_does_not(self):
        self.authenticate(None, None)
        first = self.info("A")
        self.assertTrue(first["preview_url"])
        blob = self.made_by_visitors()
        self.assertEqual(len(blob), 1)
        self.assertEqual(blob.visitor_ip, "127.0.0.1")
        self.assertGreater(blob.file_size, 0)
        self.assertEqual(self.info("A")["preview_url"], first["preview_url"], "the same preview, nothing new")
        self.spend(2)  # this visitor has written 2 MB of 1 allowed
        refused = self.info("B")
        self.assertEqual(refused["status"], 429)
        self.assertTrue(refused["quota_exceeded"])
        self.assertIn("try again", refused["error"])
        self.assertFalse(refused["preview_url"])
        self.assertEqual(len(self.made_by_visitors()), 1, "nothing stored past the quota")
        self.assertEqual(self.info("A")["preview_url"], first["preview_url"], "stored previews are still shown")
        self.authenticate(None, None)  # another visitor, same address
        self.assertTrue(self.info("B")["preview_url"])
        self.assertEqual(len(self.made_by_visitors()), 2)

    def test_the_address_and_global_budgets(self):
        self.authenticate(None, None)
        self.info("A")
        self.spend(2)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("flex_gift_catalog.quota_visitor_mb", 0)  # no limit per visitor
        params.set_param("flex_gift_catalog.quota_ip_mb", 1)
        self.env.flush_all()
        self.authenticate(None, None)
        self.assertEqual(self.info("B")["status"], 429, "a new session from the same address")
        params.set_param("flex_gift_catalog.quota_ip_mb", 0)
        params.set_param("flex_gift_catalog.quota_global_mb", 1)
        self.env.flush_all()
        self.assertEqual(self.info("B")["status"], 429, "all visitors together")
        params.set_param("flex_gift_catalog.quota_global_mb", 0)
        self.env.flush_all()
        self.assertTrue(self.info("B")["preview_url"])

    def test_the_quota_message_speaks_the_visitor_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("website.default_website").language_ids |= self.env.ref("base.lang_zh_CN")
        self.env.flush_all()
        self.authenticate(None, None, session_extra={"context": {"lang": "zh_CN"}})
        self.info("A", cookies={"frontend_lang": "zh_CN"})
        self.spend(2)
        refused = self.info("B", cookies={"frontend_lang": "zh_CN"})
        self.assertEqual(refused["status"], 429)
        self.assertIn("请等待 60 分钟", refused["error"])

    def test_employees_and_models_are_not_counted(self):
        blob = self.env["flex.gift.preview"]._store(png_bytes(20, 20), kind="upload")
        self.assertFalse(blob.visitor_ip)
        self.assertEqual(blob.file_size, len(png_bytes(20, 20)))

    def test_clean_up_age_is_a_setting_and_keeps_ordered_blobs(self):
        Preview = self.env["flex.gift.preview"]
        orphan = Preview._store(png_bytes(21, 21), kind="upload")
        ordered = Preview._store(png_bytes(22, 22), kind="upload")
        ordered.is_kept = True
        self.env["ir.config_parameter"].sudo().set_param("flex_gift_catalog.unused_days", 3)
        self.env.cr.execute(
            "UPDATE flex_gift_preview SET create_date = NOW() - INTERVAL '2 days' WHERE id IN %s",
            [tuple((orphan | ordered).ids)],
        )
        Preview.invalidate_model(["create_date"])
        Preview._gc_unused()
        self.assertTrue(orphan.exists(), "younger than the setting")
        self.env.cr.execute(
            "UPDATE flex_gift_preview SET create_date = NOW() - INTERVAL '4 days' WHERE id IN %s",
            [tuple((orphan | ordered).ids)],
        )
        Preview.invalidate_model(["create_date"])
        Preview._gc_unused()
        self.assertFalse(orphan.exists())
        self.assertTrue(ordered.exists())

    def test_preview_urls_cannot_be_guessed(self):
        self.authenticate(None, None)
        url = self.info("secret")["preview_url"]
        _prefix, digest, token = url.rsplit("/", 2)
        self.assertEqual(self.url_open(url).status_code, 200)
        self.assertEqual(self.url_open(f"/flex_gift/preview/{digest}").status_code, 404, "the digest alone")
        self.assertEqual(self.url_open(f"/flex_gift/preview/{digest}/{'0' * 64}").status_code, 404)
        other = self.env["flex.gift.preview"]._store(png_bytes(23, 23), kind="upload")
        self.assertEqual(self.url_open(f"/flex_gift/preview/{other.digest}/{token}").status_code, 404)
        self.assertEqual(self.url_open(other._url()).status_code, 200)

    def test_an_order_line_preview_stays_readable(self):
        order = self.env["sale.order"].create({"partner_id": self.env.ref("base.partner_admin").id})
        preview = self.env["flex.gift.preview"]._flex_gift_get_or_render(
            self.work, self.combination(0, 1), {str(self.engraving.id): "ordered"}
        )
        line = self.env["sale.order.line"].create(
            {"order_id": order.id, "product_id": self.work.product_variant_id.id, "flex_gift_preview_id": preview.id}
        )
        self.assertEqual(line.flex_gift_preview_url, preview._url())
        response = self.url_open(line.flex_gift_preview_url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"\x89PNG"))
