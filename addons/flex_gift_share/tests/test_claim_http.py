import re

from odoo.tests import HttpCase, tagged

from .common import FlexGiftShareCommon


@tagged("post_install", "-at_install")
class TestClaimPage(FlexGiftShareCommon, HttpCase):
    def csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def claim_form(self, link, **overrides):
        values = self.recipient_values()
        values.update(delivery_date=str(self.good_date(link)), country_id=str(self.be.id))
        values.update(overrides)
        return values

    def test_page_shows_the_gift_never_the_price(self):
        order = self.make_gift_order()
        link = order.flex_gift_link_ids
        response = self.url_open(f"/gift/{link._flex_gift_token()}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn("Test Work", html)
        self.assertIn("Auntie Li", html)
        self.assertIn("Happy birthday!", html)
        self.assertIn('property="og:image"', html)
        self.assertIn('property="og:title" content="Auntie Li: Happy birthday!"', html)
        self.assertIn("/flex_gift/preview/", html)
        for amount in {order.amount_total, order.order_line.price_unit}:
            self.assertNotIn(f"{amount:.2f}", html, "never the price")
        self.assertNotIn(order.name, html, "nothing about the order")
        self.assertNotIn("is-invalid", html, "a first view marks no field")
        self.assertNotIn("o_flex_gift_claim_errors", html)

    def test_unknown_expired_revoked_used_look_the_same(self):
        order = self.make_gift_order(quantity=2)
        revoked, used = order.flex_gift_link_ids
        token_revoked = revoked._flex_gift_token()
        revoked.action_revoke()
        used._flex_gift_claim(self.recipient_values(), self.good_date(used))
        tokens = ("A" * 43, "nonsense", token_revoked, used._flex_gift_token())
        pages = {token: self.url_open(f"/gift/{token}") for token in tokens}
        self.assertEqual({page.status_code for page in pages.values()}, {404})
        # the website's language switcher links to the page's own URL: the token aside
        bodies = {
            re.sub(r"\s+", " ", page.text.split('id="wrap"')[1].replace(token, "<token>"))
            for token, page in pages.items()
        }
        self.assertEqual(len(bodies), 1, "one generic page whatever the reason")
        self.assertIn("cannot be used", bodies.pop())

    def test_wrong_tokens_are_rate_limited_per_ip(self):
        link = self.make_gift_order().flex_gift_link_ids
        for _i in range(10):
            self.assertEqual(self.url_open("/gift/" + "B" * 43).status_code, 404)
        self.assertEqual(self.url_open("/gift/" + "C" * 43).status_code, 429)
        self.assertEqual(self.url_open(f"/gift/{link._flex_gift_token()}").status_code, 200, "a valid link is served")

    def test_claim_errors_write_nothing_then_success(self):
        link = self.make_gift_order().flex_gift_link_ids
        url = f"/gift/{link._flex_gift_token()}"
        csrf = self.csrf(self.url_open(url).text)
        partners = self.env["res.partner"].search_count([])
        bad = [
            {"phone": "123"},
            {"street": ""},
            {"delivery_date": str(self.today())},
            {"delivery_date": "not a date"},
            {"state_id": str(self.env.ref("base.state_us_5").id)},
        ]
        for override in bad:
            with self.subTest(override=override):
                response = self.url_open(url + "/claim", data=dict(self.claim_form(link, **override), csrf_token=csrf))
                self.assertEqual(response.status_code, 400)
                self.assertIn("o_flex_gift_claim_errors", response.text)
        self.env.invalidate_all()
        self.assertEqual(link.state, "pending")
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        response = self.url_open(url + "/claim", data=dict(self.claim_form(link), csrf_token=csrf))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_flex_gift_claimed", response.text)
        self.env.invalidate_all()
        self.assertEqual(link.state, "claimed")
        self.assertEqual(link.recipient_partner_id.phone, "+32456123456")
        again = self.url_open(url + "/claim", data=dict(self.claim_form(link), csrf_token=csrf))
        self.assertIn("o_flex_gift_unavailable", again.text)
        # the public claim answers first; the release job makes the delivery and the notices
        self.assertTrue(link.release_pending)
        self.assertFalse(link.picking_ids)
        others = self.env["flex.gift.link"].search([("release_pending", "=", True), ("id", "!=", link.id)])
        others.release_pending = False  # left by a benchmark in a reused database
        self.assertEqual(self.env["flex.gift.link"]._cron_release_claimed(), 1)
        self.env.invalidate_all()
        self.assertFalse(link.release_pending)
        self.assertEqual(len(link.picking_ids), 1)
        self.assertEqual(self.env["flex.gift.link"]._cron_release_claimed(), 0, "released once")
        self.assertEqual(len(link.picking_ids), 1)

    def test_buyer_cannot_download_the_gift_delivery_slip(self):
        link = self.make_gift_order().flex_gift_link_ids
        link._flex_gift_claim(self.recipient_values(), self.good_date(link))
        order = link.order_id
        picking = link.picking_ids
        self.authenticate(self.buyer.login, self.buyer.login)
        response = self.url_open(f"/my/picking/pdf/{picking.id}?access_token={order._portal_ensure_token()}")
        self.assertEqual(response.status_code, 404)
        portal_page = self.url_open(order.get_portal_url()).text
        self.assertNotIn("Rue Haute", portal_page)
        self.assertNotIn("456 12", portal_page)

    def cart_with_a_mug(self):
        """The buyer's cart (a plain product), as the shop makes it: the cart page's HTML."""
        product = self.env["product.product"].create(
            {"name": "Plain Mug", "type": "consu", "list_price": 10.0, "sale_ok": True, "is_published": True}
        )
        self.authenticate("flex_portal", "flex_portal")
        self.make_jsonrpc_request(
            "/shop/cart/add",
            {"product_template_id": product.product_tmpl_id.id, "product_id": product.id, "quantity": 1},
        )
        return self.url_open("/shop/cart").text

    def buyer_cart(self):
        return self.env["sale.order"].search([("partner_id", "=", self.buyer.partner_id.id)], order="id desc", limit=1)

    def test_gift_form_post_keeps_what_was_typed(self):
        """Without scripts the gift form is posted: a refusal shows the cart again as typed, the
        error beside its field, nothing written; a crafted URL puts no words on the page."""
        page = self.cart_with_a_mug()
        self.assertIn("o_flex_gift_form", page)
        crafted = self.url_open("/shop/cart?flex_gift_error=Call+555+now+for+your+refund")
        self.assertNotIn("Call 555", crafted.text)
        self.assertNotIn("is-invalid", crafted.text.split("o_flex_gift_form")[1].split("</form>")[0])
        typed = {"is_gift": "1", "sender_name": "  ", "message": "Typed with care", "allow_swap": "1"}
        response = self.url_open("/shop/flex_gift/set", data=dict(typed, csrf_token=self.csrf(page)))
        self.assertEqual(response.status_code, 400)
        form = response.text.split("o_flex_gift_form")[1].split("</form>")[0]
        self.assertIn("Typed with care</textarea>", form, "the message as typed")
        self.assertRegex(form, r'id="flex_gift_is_gift"[^>]*checked')
        self.assertRegex(form, r'id="flex_gift_allow_swap"[^>]*checked')
        self.assertRegex(form, r'id="flex_gift_sender_name"[^>]*is-invalid')
        self.assertRegex(form, r'data-field="sender_name">Please enter the sender name shown to the recipient.<')
        self.assertFalse(self.buyer_cart().flex_gift_is_gift, "nothing written")
        typed["sender_name"] = "Auntie Li"
        response = self.url_open("/shop/flex_gift/set", data=dict(typed, csrf_token=self.csrf(page)))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/shop/cart"))
        self.assertRecordValues(
            self.buyer_cart(),
            [
                {
                    "flex_gift_is_gift": True,
                    "flex_gift_sender_name": "Auntie Li",
                    "flex_gift_message": "Typed with care",
                    "flex_gift_allow_swap": True,
                }
            ],
        )

    def test_gift_options_are_saved_as_typed(self):
        """The cart page's script saves the options through a JSON route with the same checks:
        each error by field, nothing written on a refusal."""
        self.cart_with_a_mug()
        refused = self.make_jsonrpc_request(
            "/shop/flex_gift/update", {"is_gift": True, "sender_name": "", "message": "x" * 501, "allow_swap": True}
        )
        self.assertEqual(set(refused["errors"]), {"sender_name", "message"})
        self.assertIn("500", refused["errors"]["message"])
        self.assertFalse(refused["is_gift"])
        order = self.buyer_cart()
        self.assertFalse(order.flex_gift_is_gift or order.flex_gift_message, "nothing written")
        saved = self.make_jsonrpc_request(
            "/shop/flex_gift/update", {"is_gift": True, "sender_name": " Li ", "message": "Hi", "allow_swap": False}
        )
        self.assertEqual(saved, {"errors": {}, "is_gift": True})
        self.env.invalidate_all()
        self.assertRecordValues(order, [{"flex_gift_is_gift": True, "flex_gift_sender_name": "Li"}])
        self.make_jsonrpc_request("/shop/flex_gift/update", {"is_gift": False})
        self.env.invalidate_all()
        self.assertRecordValues(order, [{"flex_gift_is_gift": False, "flex_gift_sender_name": False}])

    def test_dates_read_in_the_visitors_language(self):
        """The claim page, its errors and the claimed page write dates in the visitor's
        language format; the form takes them back in that format."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.website.language_ids |= self.env.ref("base.lang_zh_CN")
        link = self.make_gift_order().flex_gift_link_ids
        earliest, latest = link._flex_gift_delivery_bounds()
        url = f"/gift/{link._flex_gift_token()}"
        english = self.url_open(url).text
        self.assertIn(f'value="{earliest:%m/%d/%Y}"', english)
        self.assertIn(f"{latest:%m/%d/%Y}", english)
        chinese = self.url_open("/zh_CN" + url).text
        self.assertIn(f'value="{earliest:%Y/%m/%d}"', chinese)
        self.assertIn(f"{latest:%Y/%m/%d}", chinese)
        form_tag = re.search(r"<form[^>]*o_flex_gift_claim_form[^>]*>", chinese).group(0)
        action = re.search(r'action="([^"]+)"', form_tag).group(1)
        self.assertTrue(action.startswith("/zh_CN/"), action)
        form = dict(self.claim_form(link), csrf_token=self.csrf(chinese))
        refused = self.url_open(action, data=dict(form, delivery_date=f"{self.today():%Y/%m/%d}"))
        self.assertEqual(refused.status_code, 400)
        self.assertIn(f"{earliest:%Y/%m/%d}", refused.text.split('data-field="delivery_date"')[1].split("</div>")[0])
        chosen = self.good_date(link)
        claimed = self.url_open(action, data=dict(form, delivery_date=f"{chosen:%Y/%m/%d}"))
        self.assertEqual(claimed.status_code, 200)
        self.assertRegex(claimed.text, rf'o_flex_gift_claimed_text">[^<]*{chosen:%Y/%m/%d}')
        self.env.invalidate_all()
        self.assertEqual(link.delivery_date, chosen)
        self.assertEqual(link.sudo().recipient_partner_id.lang, "zh_CN", "the SMS will be in Chinese")

    def test_live_check_reports_what_the_claim_would_refuse(self):
        link = self.make_gift_order().flex_gift_link_ids
        check = f"/gift/{link._flex_gift_token()}/check"
        result = self.make_jsonrpc_request(check, {"form": self.claim_form(link, zip="ABCDE", name="N" * 200)})
        self.assertEqual(result["available"], True)
        self.assertEqual(set(result["errors"]), {"zip", "name"})
        good = self.make_jsonrpc_request(check, {"form": self.claim_form(link)})
        self.assertEqual(good, {"available": True, "errors": {}})
        self.assertEqual(
            self.make_jsonrpc_request("/gift/" + "D" * 43 + "/check", {"form": {}}), {"available": False, "errors": {}}
        )
        self.env.invalidate_all()
        self.assertEqual(link.state, "pending", "a check claims nothing")
