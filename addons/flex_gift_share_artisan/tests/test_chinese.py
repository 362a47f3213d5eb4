from odoo.tests import HttpCase, tagged

from .common import FlexGiftShareArtisanCommon


@tagged("post_install", "-at_install")
class TestJourneyReadsInChinese(FlexGiftShareArtisanCommon, HttpCase):
    """The handmade-gift journey's pages in Chinese: the product page, the claim page, the
    studio's handmade order and the buyer's order (zh_CN is installed by flex_gift_demo)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        chinese = cls.env["res.lang"]._lang_get("zh_CN")
        if not (chinese and chinese.active):
            raise AssertionError("zh_CN must be active: bin/flexgift test installs flex_gift_demo, which installs it")
        cls.website.language_ids |= chinese
        (cls.buyer | cls.studio_user).write({"lang": "zh_CN"})
        cls.buyer.password = "zh_buyer_pw"
        cls.studio_user.password = "zh_studio_pw"
        cls.work.website_published = True

    def page(self, path):
        response = self.url_open(f"/zh_CN{path}")
        self.assertEqual(response.status_code, 200, path)
        return response.text

    def test_the_journey_reads_in_chinese(self):
        order = self.make_gift_order(quantity=2)
        first, second = order.flex_gift_link_ids.sorted("id")
        handmade = self.claim(first)
        self.Handmade._cron_dispatch()

        product_page = self.page(f"/shop/{self.work.id}")
        self.assertIn("天内发货", product_page, "the lead time, in Chinese")

        claim_page = self.page(f"/gift/{second._flex_gift_token()}")
        self.assertIn("领取", claim_page)

        self.authenticate(self.studio_user.login, "zh_studio_pw")
        studio_page = self.page(f"/my/handmade/{handmade.id}")
        for words in ("收货地址", "期望送达日期", "接单"):
            self.assertIn(words, studio_page)
        self.assertNotIn("Deliver To", studio_page)

        self.authenticate(self.buyer.login, "zh_buyer_pw")
        order_page = self.page(order.get_portal_url())
        self.assertIn("位收礼人", order_page, "Gift to 2 recipients, in Chinese")
        self.assertNotIn("Gift to 2 recipients", order_page)
