from odoo.tests import HttpCase, tagged

from .common import FlexGiftShareArtisanCommon


@tagged("post_install", "-at_install")
class TestGiftHandmadePortalPrivacy(FlexGiftShareArtisanCommon, HttpCase):
    """Over HTTP: each handmade-order page shows the studio one recipient's delivery
    details, the buyer none, and nobody the studio's internal e-mail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer.password = "gift_buyer_pw"
        cls.studio_user.password = "gift_studio_pw"

    def test_pages_show_each_party_only_what_is_theirs(self):
        order = self.make_gift_order(quantity=2)
        first, second = order.flex_gift_link_ids.sorted("id")
        mine = self.claim(first, street="Rue Haute 12", phone="+32 456 12 34 56")
        other = self.claim(second, street="Kerkstraat 5", phone="+32 470 11 22 33")
        self.Handmade._cron_dispatch()
        subject = mine.message_ids.filtered(lambda m: m.subject and mine.name in m.subject).subject
        self.assertTrue(subject)

        self.authenticate(self.studio_user.login, "gift_studio_pw")
        page = self.url_open(f"/my/handmade/{mine.id}").text
        self.assertIn("Rue Haute 12", page)
        self.assertIn("+32456123456", page)
        self.assertIn("o_flex_gift_requested", page)
        self.assertNotIn("1 Buyer Street", page, "never the buyer's address")
        self.assertNotIn("138", page.split("o_flex_gift_deliver_to", 1)[1][:600], "never the buyer's phone")
        self.assertNotIn("Kerkstraat 5", page, "never another recipient's")
        self.assertIn("Kerkstraat 5", self.url_open(f"/my/handmade/{other.id}").text)

        self.authenticate(self.buyer.login, "gift_buyer_pw")
        for handmade in mine | other:
            response = self.url_open(f"/my/handmade/{handmade.id}")
            self.assertEqual(response.status_code, 200, "the buyer follows their gifts")
            self.assertNotIn("Rue Haute 12", response.text)
            self.assertNotIn("Kerkstraat 5", response.text)
            self.assertNotIn("+32", response.text)
            self.assertNotIn(subject, response.text, "the studio's internal e-mail is not the member's")
            self.assertNotIn("studio@example.com", response.text)
