import re

from odoo.tests import HttpCase, new_test_user, tagged

from .common import FlexGiftArtisanCommon


@tagged("post_install", "-at_install")
class TestStudioTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work = cls.env.ref("flex_gift_catalog.product_template_tea_cup_demo")
        cls.studio = cls.work.flex_gift_artisan_id
        cls.studio_user = new_test_user(cls.env, "tour_studio", password="tour_studio", groups="base.group_portal")
        cls.studio_user.partner_id.parent_id = cls.studio
        cls.other_studio_user = new_test_user(
            cls.env, "tour_other_studio", password="tour_other_studio", groups="base.group_portal"
        )
        cls.other_studio_user.partner_id.parent_id = cls.env.ref("flex_gift_catalog.res_partner_studio_anji_demo")
        customer = cls.env["res.partner"].create({"name": "Tour Customer", "street": "9 Tea Lane", "city": "Fuzhou"})
        cls.order = cls.env["sale.order"].create({"partner_id": customer.id})
        combination = cls.env["product.template.attribute.value"].browse(
            [values[0] for values in cls.work._flex_gift_lines()]
        )
        required = {
            str(c.id): c.option_ids[0].id
            for c in cls.work.flex_gift_component_ids
            if c.required and c.component_type == "choice"
        }
        cls.order.with_context(skip_cart_verification=True)._cart_add(
            product_id=cls.work.product_variant_id.id,
            quantity=1,
            no_variant_attribute_value_ids=combination.ids,
            flex_gift_personalization=required,
        )
        cls.order.action_confirm()
        cls.handmade = cls.env["flex.gift.handmade.order"].search([("sale_order_id", "=", cls.order.id)])

    def test_studio_accepts_starts_and_ships_in_the_portal(self):
        self.assertEqual(self.handmade.state, "new")
        self.start_tour("/my/handmade", "flex_gift_artisan_studio", login="tour_studio")
        self.assertEqual(self.handmade.state, "shipped")
        self.assertEqual(self.handmade.tracking_ref, "SF0042")
        self.assertEqual(self.handmade.carrier, "SF Express")
        done = self.order.picking_ids.filtered(lambda p: p.state == "done")
        self.assertEqual(done.carrier_tracking_ref, "SF0042")

    def test_portal_pages_are_isolated(self):
        self.authenticate("tour_other_studio", "tour_other_studio")
        response = self.url_open(f"/my/handmade/{self.handmade.id}")
        self.assertEqual(response.status_code, 404)
        token = re.search(r'csrf_token: "(\w+)"', self.url_open("/my").text).group(1)
        response = self.url_open(
            f"/my/handmade/{self.handmade.id}/accept", data={"csrf_token": token, "expected_state": "new"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.handmade.name, self.url_open("/my/handmade").text)
        self.assertEqual(self.handmade.state, "new")
        self.authenticate("tour_studio", "tour_studio")
        page = self.url_open(f"/my/handmade/{self.handmade.id}").text
        self.assertIn(self.handmade.preview_url, page, "the full-size preview")
        self.assertIn(self.handmade.combination_words, page)


@tagged("post_install", "-at_install")
class TestMemberPortalIsolation(FlexGiftArtisanCommon, HttpCase):
    """Members over HTTP: each sees and acts on their own handmade orders only."""

    def test_a_member_sees_only_their_own_handmade_orders(self):
        handmade = self.handmade_of(self.make_order(self.member_1.partner_id))
        self.assertTrue(handmade)
        self.authenticate("member_two", "member_two")
        self.assertEqual(self.url_open(f"/my/handmade/{handmade.id}").status_code, 404)
        self.assertNotIn(handmade.name, self.url_open("/my/handmade").text)
        token = re.search(r'csrf_token: "(\w+)"', self.url_open("/my").text).group(1)
        response = self.url_open(
            f"/my/handmade/{handmade.id}/accept", data={"csrf_token": token, "expected_state": "new"}
        )
        self.assertEqual(response.status_code, 404)
        self.authenticate("member_one", "member_one")
        page = self.url_open(f"/my/handmade/{handmade.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(handmade.name, page.text)
        self.assertIn(handmade.name, self.url_open("/my/handmade").text)
        # a member follows their order; the studio's steps are not theirs to take
        token = re.search(r'csrf_token: "(\w+)"', self.url_open("/my").text).group(1)
        self.url_open(f"/my/handmade/{handmade.id}/accept", data={"csrf_token": token, "expected_state": "new"})
        handmade.invalidate_recordset()
        self.assertEqual(handmade.state, "new")
