"""Hostile input on the public routes of the gift and catalog: never a server error, never a
traceback, and what is stored is normalised (or refused, with nothing written).

Each request also fails the test when the server logs an error meanwhile: an input that made a
route crash (``Exception during request handling``) fails here even when Odoo answered it as a
JSON error."""

import json
import re
from unittest.mock import patch
from urllib.parse import quote

from odoo.exceptions import ConcurrencyError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import FlexGiftShareCommon

# what a hostile client types in a text field (also sent as an id, a date, a token)
HOSTILE_TEXT = [
    "",
    " ",
    "x" * 20000,
    "a\x00b",
    "\x00",
    "\x1b[2J\x1b[31mred",
    "\u202egnp.exe\u202c",
    "\u2066iso\u2069",
    "\r\n\t\x0b\x0c",
    "\x7f\x85\x9f",
    "²",
    "9" * 5000,
    "-1",
    "0",
    "2147483648",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
]
# what a hostile client sends in JSON besides text: wrong types, arrays instead of strings
HOSTILE_JSON = [*HOSTILE_TEXT, None, True, 0, -1, 2**63, 1.5, [], ["a", "b"], [1, 2], {}, {"a": "b"}, {"0": [1]}]
LEAKS = re.compile(r"Traceback|File \"|site-packages|/odoo/|psycopg2|\.py\b")


def raise_(error):
    raise error


CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@tagged("post_install", "-at_install")
class TestHostileInput(FlexGiftShareCommon, HttpCase):
    def request(self, url, **kwargs):
        """``url_open``, failing on any error the server logs meanwhile: a route that crashed
        fails here even when Odoo answered it as a JSON error."""
        with self.assertNoLogs("odoo.http", "ERROR"), self.assertNoLogs("odoo.sql_db", "ERROR"):
            return self.url_open(url, **kwargs)

    def assert_sound(self, response, what):
        self.assertLess(response.status_code, 500, what)
        self.assertNotRegex(response.text, LEAKS, what)

    def jsonrpc(self, url, params):
        """POST a JSON-RPC call; the decoded answer after checking it leaks nothing."""
        body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        response = self.request(url, data=json.dumps(body), headers={"Content-Type": "application/json"})
        self.assert_sound(response, f"{url} {params!r:.200}")
        answer = response.json()
        self.assertFalse(((answer.get("error") or {}).get("data") or {}).get("debug"), "no traceback")
        return answer

    def csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def claim_form(self, link, **overrides):
        values = self.recipient_values()
        values.update(delivery_date=str(self.good_date(link)), country_id=str(self.be.id))
        values.update(overrides)
        return values

    # ------------------------------------------------------------ claim page

    def test_claim_page_takes_any_value_of_any_field(self):
        fields_ = ["name", "phone", "street", "street2", "city", "zip", "country_id", "state_id"]
        fields_ += ["delivery_date", "combination_id"]
        links = self.make_gift_order(quantity=len(fields_)).flex_gift_link_ids
        csrf = self.csrf(self.url_open(f"/gift/{links[0]._flex_gift_token()}").text)
        for field, link in zip(fields_, links, strict=True):
            url = f"/gift/{link._flex_gift_token()}/claim"
            for value in [*HOSTILE_TEXT, ["a", "b"]]:
                form = self.claim_form(link, **{field: value}, csrf_token=csrf)
                self.assert_sound(self.request(url, data=form), f"{field}={value!r:.80}")
        # what was stored (a value cleaned into a valid one) holds no control character
        claimed = links.filtered(lambda link: link.state == "claimed")
        self.assertTrue(claimed, "a cleaned value makes a valid claim")
        for partner in claimed.recipient_partner_id:
            for name in ("name", "phone", "street", "street2", "city", "zip"):
                self.assertNotRegex(partner[name] or "", CONTROLS, name)

    def test_claim_check_takes_any_json(self):
        link = self.make_gift_order().flex_gift_link_ids
        url = f"/gift/{link._flex_gift_token()}/check"
        for value in HOSTILE_JSON:
            self.jsonrpc(url, {"form": value})
            for field in ("name", "phone", "zip", "country_id", "state_id", "delivery_date", "combination_id"):
                answer = self.jsonrpc(url, {"form": self.claim_form(link, **{field: value})})
                self.assertIn("result", answer)
        self.assertEqual(link.state, "pending", "a check writes nothing")

    def test_gift_page_takes_any_token(self):
        for value in HOSTILE_TEXT[1:]:
            response = self.request("/gift/" + quote(value[:3000], safe=""))
            self.assert_sound(response, repr(value[:40]))
            self.assertIn(response.status_code, (400, 404, 429))

    def test_a_conflict_odoo_gave_up_on_says_try_again(self):
        """A concurrency conflict still there after Odoo's retries: the visitor reads "try
        again" (409), no traceback, and the log has a warning, not an error."""
        link = self.make_gift_order().flex_gift_link_ids
        token = link._flex_gift_token()
        csrf = self.csrf(self.url_open(f"/gift/{token}").text)
        Link = self.env.registry["flex.gift.link"]
        with (
            patch("odoo.service.model.MAX_TRIES_ON_CONCURRENCY_FAILURE", 1),
            patch.object(
                Link, "_flex_gift_validate_claim", side_effect=lambda *a: raise_(ConcurrencyError("conflict"))
            ),
            self.assertLogs("odoo.http", "WARNING") as logs,
        ):
            body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"form": {}}}
            answer = self.url_open(
                f"/gift/{token}/check", data=json.dumps(body), headers={"Content-Type": "application/json"}
            ).json()
            response = self.url_open(f"/gift/{token}/claim", data=self.claim_form(link, csrf_token=csrf))
        self.assertIn("please try again", answer["error"]["data"]["message"])
        self.assertFalse(answer["error"]["data"]["debug"])
        self.assertEqual(response.status_code, 409)
        self.assertIn("please try again", response.text)
        self.assertNotRegex(response.text, LEAKS)
        self.assertEqual({record.levelname for record in logs.records}, {"WARNING"}, logs.output)

    # ---------------------------------------------------------- gift options

    def test_cart_gift_options_take_any_value(self):
        product = self.env["product.product"].create(
            {"name": "Plain Mug", "type": "consu", "list_price": 10.0, "sale_ok": True, "is_published": True}
        )
        self.authenticate("flex_portal", "flex_portal")
        self.make_jsonrpc_request(
            "/shop/cart/add",
            {"product_template_id": product.product_tmpl_id.id, "product_id": product.id, "quantity": 1},
        )
        csrf = self.csrf(self.url_open("/shop/cart").text)
        order = self.env["sale.order"].search([("partner_id", "=", self.buyer.partner_id.id)], order="id desc", limit=1)
        for value in HOSTILE_JSON:
            for field in ("is_gift", "sender_name", "message", "allow_swap"):
                params = dict({"is_gift": True, "sender_name": "Li", "message": "Hi"}, **{field: value})
                self.assertIn("result", self.jsonrpc("/shop/flex_gift/update", params))
        for value in [*HOSTILE_TEXT, ["a", "b"]]:
            for field in ("sender_name", "message"):
                data = dict(
                    {"is_gift": "1", "sender_name": "Li", "message": "Hi", "csrf_token": csrf}, **{field: value}
                )
                self.assert_sound(self.request("/shop/flex_gift/set", data=data), f"{field}={value!r:.80}")
        self.env.invalidate_all()
        self.assertNotRegex(order.flex_gift_sender_name or "", CONTROLS)
        self.assertNotRegex((order.flex_gift_message or "").replace("\n", ""), CONTROLS)

    # --------------------------------------------------------------- catalog

    def test_configuration_info_takes_any_value(self):
        ptav_ids = self.combination(0, 0).ids
        for value in HOSTILE_JSON:
            for params in (
                {"product_template_id": value, "ptav_ids": ptav_ids, "personalization": {}},
                {"product_template_id": self.work.id, "ptav_ids": value, "personalization": {}},
                {"product_template_id": self.work.id, "ptav_ids": ptav_ids, "personalization": value},
                {"product_template_id": self.work.id, "ptav_ids": [value], "personalization": {"1": value}},
            ):
                self.jsonrpc("/flex_gift/configuration_info", params)

    def test_catalog_routes_take_any_value(self):
        ptav_ids = self.combination(0, 0).ids
        for value in HOSTILE_JSON:
            self.jsonrpc(
                "/website_sale/get_combination_info",
                {
                    "product_template_id": self.work.id,
                    "product_id": self.work.product_variant_id.id,
                    "combination": ptav_ids,
                    "add_qty": 1,
                    "flex_gift_personalization": value,
                },
            )
        for value in HOSTILE_TEXT[1:]:
            segment = quote(value[:3000], safe="")
            for url in (f"/flex_gift/preview/{segment}", f"/flex_gift/preview/{'0' * 64}/{segment}"):
                response = self.request(url)
                self.assert_sound(response, repr(value[:40]))
                self.assertIn(response.status_code, (400, 404))

    # ---------------------------------------------------- the model's checks

    def test_claim_input_is_normalised_before_it_is_stored(self):
        link = self.make_gift_order().flex_gift_link_ids
        values, errors = link._flex_gift_validate_claim(
            self.claim_form(
                link,
                name=" \u202eWang\x00 \x1b[31mLi\u202c ",
                street="Rue\tHaute\r\n12\x07",
                city=["Brussels"],
                country_id="²",
            )
        )
        self.assertEqual(values["recipient_values"]["name"], "Wang Li")
        self.assertEqual(values["recipient_values"]["street"], "Rue Haute 12")
        self.assertEqual(errors["city"], "Please enter text.")
        self.assertIn("country_id", errors)
        link._flex_gift_claim(**link._flex_gift_validate_claim(self.claim_form(link, name="\u202eWang\x00Li"))[0])
        self.assertEqual(link.recipient_partner_id.name, "WangLi")

    def test_a_long_value_is_refused_with_its_limit_nothing_written(self):
        link = self.make_gift_order().flex_gift_link_ids
        partners = self.env["res.partner"].search_count([])
        _values, errors = link._flex_gift_validate_claim(self.claim_form(link, name="N" * 10000))
        self.assertIn("128", errors["name"])
        with self.assertRaises(ValidationError):
            link._flex_gift_claim(self.recipient_values(name="N" * 10000), self.good_date(link))
        self.assertEqual(link.state, "pending")
        self.assertFalse(link.recipient_partner_id)
        self.assertEqual(self.env["res.partner"].search_count([]), partners, "no contact created")

    def test_gift_options_are_normalised_or_refused(self):
        order = self.make_gift_order(confirm=False)
        order._flex_gift_set_gift(True, " \u202eLi\x00 ", "Happy\x1b[31m\r\nbirthday\x07!\n\n\n\nLove", True)
        self.assertRecordValues(
            order, [{"flex_gift_sender_name": "Li", "flex_gift_message": "Happy\nbirthday!\n\nLove"}]
        )
        for sender, message in ((["Li"], "Hi"), ("Li", {"a": 1}), ("\x00\u202e", "Hi"), ("Li", "M" * 501)):
            self.assertTrue(order._flex_gift_check_gift(True, sender, message))
            with self.assertRaises(UserError):
                order._flex_gift_set_gift(True, sender, message)
            self.assertRecordValues(order, [{"flex_gift_sender_name": "Li"}])
