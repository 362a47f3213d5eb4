import base64

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.flex_gift_catalog.tests.common import FlexGiftShopTourCase, png_bytes
from odoo.addons.flex_gift_venue.tools import pricing

from .common import FlexGiftVenueCommon


class FlexGiftVenueShopCase(FlexGiftShopTourCase):
    """A venue whose website answers on the test server's address, selling the demo's
    15,625-combination tea set under its own name, description and image, paid online
    through its own copy of Odoo's demo payment provider."""

    assert_balanced = FlexGiftVenueCommon.assert_balanced
    book = classmethod(FlexGiftVenueCommon.book.__func__)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.env["ir.module.module"]._get("payment_demo").state != "installed":
            raise AssertionError("payment_demo must be installed: bin/flexgift test installs flex_gift_demo")
        cls.work = cls.env.ref("flex_gift_catalog.product_template_tea_set_demo")
        cls.venue = (
            cls.env["flex.gift.venue.create"]
            .create(
                {
                    "name": "Tour Harbour",
                    "commission_rate": 20.0,
                    "markup_percent": 30.0,
                    "rounding": "x90",
                    "handling_days": 1,
                    "domain": cls.base_url(),
                    "manager_name": "Tour Harbour Manager",
                    "manager_login": "tour_harbour_manager",
                }
            )
            ._flex_gift_create_venue()
        )
        cls.website = cls.venue.website_id
        cls.listing = cls.env["flex.gift.venue.listing"].create(
            {
                "venue_id": cls.venue.id,
                "product_tmpl_id": cls.work.id,
                "name": "Harbour Tea Set",
                "description": "<p>Gift-wrapped at the harbour.</p>",
                "image_1920": base64.b64encode(png_bytes(64, 64)),
            }
        )
        company = cls.venue.company_id
        # a customer who signed up on the venue's website: a portal user of the venue's company
        # (Odoo's website runs a user outside the website's company in the user's own company)
        buyer = new_test_user(
            cls.env,
            "venue_buyer",
            password="venue_buyer",
            groups="base.group_portal",
            name="Venue Buyer",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        cls.customer = buyer.partner_id
        cls.customer.write(
            {
                "email": "venue.buyer@example.com",
                "street": "215 Vine St",
                "city": "Scranton",
                "zip": "18503",
                "country_id": cls.env.ref("base.us").id,
                "state_id": cls.env.ref("base.state_us_39").id,
                "phone": "+1 555-555-5555",
            }
        )
        cls.enable_providers(company)

    @classmethod
    def enable_providers(cls, company):
        """A venue is paid through payment providers of its own company (Odoo copies each
        provider, disabled, into a new company): its demo provider (test) and wire transfer."""
        Provider = cls.env["payment.provider"]
        for xmlid, state in (
            ("payment.payment_provider_demo", "test"),
            ("payment.payment_provider_transfer", "enabled"),
        ):
            platform_provider = cls.env.ref(xmlid)
            provider = Provider.search(
                [
                    ("company_id", "=", company.id),
                    ("code", "=", platform_provider.code),
                    ("name", "=", platform_provider.name),
                ],
                limit=1,
            ) or platform_provider.copy({"company_id": company.id})
            provider.write({"state": state, "is_published": True})
            provider._transfer_ensure_pending_msg_is_set()


@tagged("post_install", "-at_install")
class TestVenueShopTour(FlexGiftVenueShopCase):
    def test_buy_an_imported_work_on_the_venue_website(self):
        """Chromium: a customer on the venue's website finds the imported work under the
        venue's name and image, configures it, pays online; the order is the venue's, at
        the venue's price, and the venue owes the platform the platform price."""
        self.start_tour("/shop", "flex_gift_venue_shop", login="venue_buyer")
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.customer.id), ("website_id", "=", self.website.id)], order="id desc", limit=1
        )
        self.assertEqual(order.company_id, self.venue.company_id, "the order belongs to the venue")
        self.assertEqual(order.state, "sale", "paid online: confirmed")
        self.assertEqual(order.transaction_ids.provider_id.code, "demo")
        self.assertEqual(order.transaction_ids.state, "done")
        line = order.order_line.filtered(lambda sol: sol.product_id.product_tmpl_id == self.work)
        self.assertEqual(len(line), 1)
        self.assertIn("XL 特大", line.product_no_variant_attribute_value_ids.mapped("name"))
        library_price = line._flex_gift_library_price()
        venue_price = pricing.venue_price(library_price, 30.0, 0.0, "x90")
        self.assertAlmostEqual(line.price_unit, venue_price, places=2)
        self.assertAlmostEqual(order.amount_untaxed, venue_price, places=2)
        self.assertAlmostEqual(order.amount_total, venue_price + order.amount_tax, places=2)
        platform_price = pricing.platform_price(library_price, 20.0)
        self.assertAlmostEqual(line.flex_gift_platform_price_unit, platform_price, places=2)
        self.assert_balanced(self.venue, platform_price)


@tagged("post_install", "-at_install")
class TestVenueShopListing(FlexGiftVenueShopCase):
    """The listing's overrides over HTTP, as an anonymous visitor."""

    def test_overrides_on_the_venue_shop_only(self):
        page = self.url_open(f"/shop/{self.work.id}").text
        self.assertIn("Harbour Tea Set", page)
        self.assertIn("Gift-wrapped at the harbour.", page)
        self.assertIn(f"/web/image/flex.gift.venue.listing/{self.listing.id}/", page)
        grid = self.url_open("/shop").text
        self.assertIn("Harbour Tea Set", grid)
        # the platform's own website shows the library's name and image
        self.website.domain = False
        self.env.flush_all()
        page = self.url_open(f"/shop/{self.work.id}").text
        self.assertNotIn("Harbour Tea Set", page)
        self.assertNotIn("flex.gift.venue.listing", page)

    def test_listing_image_public_while_on_sale_nothing_else(self):
        url = f"/web/image/flex.gift.venue.listing/{self.listing.id}/image_128"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "image/png")
        self.assertEqual(response.content, base64.b64decode(self.listing.image_128))
        # the listing's other fields stay private
        response = self.url_open(f"/web/content/flex.gift.venue.listing/{self.listing.id}/name")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"Harbour Tea Set", response.content)
        # once the library withdraws the work, its venue image is private too (Odoo's placeholder)
        self.work.action_library_withdraw()
        self.env.flush_all()
        self.assertNotEqual(self.url_open(url).content, base64.b64decode(self.listing.image_128))

    def test_withdrawn_work_cart_cannot_check_out(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.venue.company_id.id,
                "pricelist_id": self.venue.pricelist_id.id,
                "website_id": self.website.id,
            }
        )
        order.with_context(skip_cart_verification=True)._cart_add(
            product_id=self.work.product_variant_id.id,
            quantity=1,
            no_variant_attribute_value_ids=[values[0] for values in self.work._flex_gift_lines()],
            flex_gift_personalization={
                str(component.id): component.option_ids[:1].id
                for component in self.work.flex_gift_component_ids.filtered(
                    lambda c: c.required and c.component_type == "choice"
                )
            },
        )

        def refusal():
            try:
                order._check_cart_is_ready_to_be_paid()
            except ValidationError as error:
                return str(error)
            return ""

        self.assertNotIn(self.work.name, refusal(), "on sale: the work is not what stops the checkout")
        self.work.action_library_withdraw()
        message = refusal()
        self.assertIn("no longer sold here", message)
        self.assertIn(self.work.name, message)
        self.assertEqual(order.state, "draft", "the cart is kept, not confirmed")


@tagged("post_install", "-at_install")
class TestVenueShopOtherCompanyCustomer(FlexGiftVenueShopCase):
    def test_platform_customer_buys_at_the_venue(self):
        """A customer whose user belongs to the platform (a member of the platform's shop, or
        of another venue) buys on the venue's website: the cart is the venue's, with no
        fiscal position of another company, and checkout pages open."""
        user = new_test_user(self.env, "platform_buyer", password="platform_buyer", groups="base.group_portal")
        self.assertEqual(user.company_id, self.env.ref("base.main_company"))
        self.authenticate("platform_buyer", "platform_buyer")
        personalization = {
            str(component.id): component.option_ids[:1].id
            for component in self.work.flex_gift_component_ids.filtered(
                lambda c: c.required and c.component_type == "choice"
            )
        }
        response = self.make_jsonrpc_request(
            "/shop/cart/add",
            {
                "product_template_id": self.work.id,
                "product_id": self.work.product_variant_id.id,
                "quantity": 1,
                "no_variant_attribute_value_ids": [values[0] for values in self.work._flex_gift_lines()],
                "flex_gift_personalization": personalization,
            },
        )
        self.assertEqual(response["quantity"], 1)
        user.partner_id.write(
            {
                "street": "1 Main St",
                "city": "Scranton",
                "zip": "18503",
                "country_id": self.env.ref("base.us").id,
                "state_id": self.env.ref("base.state_us_39").id,
                "phone": "+1 555-555-0000",
                "email": "pb@example.com",
            }
        )
        for path in ("/shop/cart", "/shop/checkout", "/shop/payment"):
            page = self.url_open(path)
            self.assertEqual(page.status_code, 200, path)
            self.assertNotIn("company", page.url, path)
        order = self.env["sale.order"].search([("partner_id", "=", user.partner_id.id)])
        self.assertEqual(order.company_id, self.venue.company_id)
        self.assertEqual(order.website_id, self.website)
        self.assertFalse(order.fiscal_position_id.company_id - self.venue.company_id)
