import html
import json
import re

from odoo.exceptions import ConcurrencyError, ValidationError
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from .common import FlexGiftCatalogCommon


@tagged("post_install", "-at_install")
class TestConfigurator(HttpCase, FlexGiftCatalogCommon):
    """The product page of a library work: price, preview, first view, errors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # prices without taxes: the figures below are the matrix's and the options'
        cls.work.taxes_id = False
        cls.publish()

    def preview(self, combination, personalization=None):
        return self.env["flex.gift.preview"]._flex_gift_get_or_render(self.work, combination, personalization or {})

    def combination_info(self, combination, personalization=None):
        params = {
            "product_template_id": self.work.id,
            "product_id": self.work.product_variant_id.id,
            "combination": combination.ids,
            "add_qty": 1,
        }
        if personalization is not None:
            params["flex_gift_personalization"] = personalization
        return self.make_jsonrpc_request("/website_sale/get_combination_info", params)

    def test_every_attribute_value_changes_the_preview(self):
        base = self.preview(self.combination(0, 0))
        seen = {base.digest}
        for size_index in range(1, 5):
            seen.add(self.preview(self.combination(size_index, 0)).digest)
        for color_index in range(1, 5):
            seen.add(self.preview(self.combination(0, color_index)).digest)
        self.assertEqual(len(seen), 9, "each value of each attribute draws another preview")
        other = self.preview(self.combination(0, 1))
        self.assertNotEqual(other._get_bytes(), base._get_bytes())
        # the same combination given in another order is the same preview
        self.assertEqual(self.preview(self.ptav(1, 1) | self.ptav(0, 0)), other)

    def test_a_value_colour_tints_the_work(self):
        self.color.value_ids[0].html_color = "#1f5fbf"
        layers = self.env["flex.gift.preview"]._flex_gift_layers(self.work, self.combination(0, 0), {})
        self.assertEqual(layers[0], {"type": "tint", "color": "#1f5fbf"})
        legend = layers[-1]
        self.assertEqual(legend["type"], "legend")
        self.assertEqual([item[1] for item in legend["items"]], ["Test Size: A", "Test Color: V"])
        self.assertEqual(legend["items"][1][0], "#1f5fbf")

    def test_price_shown_includes_the_extras_of_the_chosen_options(self):
        combination = self.combination(3, 2)
        plain = self.combination_info(combination)
        red = self.combination_info(combination, {str(self.ribbon.id): str(self.red.id)})
        gold = self.combination_info(combination, {str(self.ribbon.id): str(self.gold.id)})
        self.assertEqual(plain["price"], 100 + 30 + 2)
        self.assertEqual(red["price"], 100 + 30 + 2)
        self.assertEqual(gold["price"], 100 + 30 + 2 + 12.5)
        nonsense = self.combination_info(combination, {str(self.ribbon.id): "1 OR 1=1", "999": "x"})
        self.assertEqual(nonsense["price"], 100 + 30 + 2, "what is not an offered option adds nothing")

    def test_cart_breakdown_adds_up_to_the_price_charged(self):
        discount = self.env["product.pricelist"].create(
            {
                "name": "Flex Gift 10%",
                "item_ids": [Command.create({"compute_price": "percentage", "percent_price": 10})],
            }
        )
        order = self.env["sale.order"].create(
            {"partner_id": self.portal_user.partner_id.id, "pricelist_id": discount.id}
        )
        order.with_context(skip_cart_verification=True)._cart_add(
            product_id=self.work.product_variant_id.id,
            quantity=2,
            no_variant_attribute_value_ids=self.combination(1, 1).ids,
            flex_gift_personalization={str(self.ribbon.id): self.gold.id},
        )
        line = order.order_line
        breakdown = line._flex_gift_price_breakdown()
        self.assertEqual([part["label"] for part in breakdown], ["Test Work", "Ribbon: Gold"])
        shown = line._get_cart_display_price() / 2
        self.assertAlmostEqual(shown, (100 + 10 + 1 + 12.5) * 0.9)
        self.assertAlmostEqual(sum(part["amount"] for part in breakdown), shown)
        self.assertAlmostEqual(breakdown[1]["amount"], 12.5 * 0.9)
        # no extra chosen: no breakdown
        line.flex_gift_personalization = {str(self.ribbon.id): self.red.id}
        self.assertEqual(line._flex_gift_price_breakdown(), [])

    def test_page_opens_with_its_lead_time_and_preview_drawn(self):
        """A first view needs no configuration request: the page carries it, and the key
        the page's script compares its state with."""
        response = self.url_open(f"/shop/{self.work.id}")
        self.assertEqual(response.status_code, 200)
        page = response.text
        info = self.work._flex_gift_page_info(self.work._get_first_possible_combination())
        self.assertTrue(info["preview_url"])
        self.assertIn(f'src="{info["preview_url"]}"', page)
        self.assertIn("Ships in 5 days", page)
        self.assertEqual(
            json.loads(info["key"]),
            [sorted(self.combination(0, 0).ids), [[str(self.ribbon.id), str(self.red.id)]]],
            "the first combination and the first option of the required ribbon, as the script writes it",
        )
        key = html.unescape(re.search(r'data-key="([^"]*)"', page).group(1))
        self.assertEqual(key, info["key"])
        self.assertFalse(re.search(r'o_flex_gift_error [^"]*"[^>]*>[^<]', page), "no warning before anyone typed")

    def test_errors_of_public_routes_carry_no_traceback(self):
        self.work.with_user(self.curator).action_library_withdraw()
        response = self.url_open(
            "/flex_gift/configuration_info",
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"product_template_id": self.work.id}}
            ),
            headers={"Content-Type": "application/json"},
        )
        error = response.json()["error"]
        self.assertEqual(error["code"], 404)
        self.assertFalse(error["data"]["debug"])
        self.assertNotIn("Traceback", response.text)

    def test_a_blob_stored_meanwhile_asks_for_a_retry(self):
        """Another transaction stored the same preview after this one started: the unique
        digest says so, and the request is retried (never an empty preview)."""
        stored = self.preview(self.combination(2, 2))
        with self.assertRaises(ConcurrencyError):
            self.env["flex.gift.preview"]._flex_gift_claim(stored.digest, "preview")
        self.assertEqual(self.preview(self.combination(2, 2)), stored)

    def test_text_that_cannot_fit_is_refused_with_its_limit(self):
        self.engraving.write({"max_length": 60, "max_lines": 1, "box_w": 0.3, "box_h": 0.06, "charset": "any"})
        self.assertEqual(self.engraving._clean_value("Hi Mom"), "Hi Mom")
        with self.assertRaisesRegex(ValidationError, "does not fit.*at most 60 characters on 1 line"):
            self.engraving._clean_value("W" * 60)
