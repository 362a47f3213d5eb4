from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestMall(HttpCase):
    """The platform's mall as the demo configures it with Odoo's own modules: categories and
    ribbons, a home page carousel of ad slots and a "Recommended" section, a promotion and a
    discount code, reviews, the wishlist, announcements."""

    def test_home_page_carousel_and_recommended_section(self):
        page = self.url_open("/").text
        self.assertIn("o_flex_gift_mall_carousel", page)
        self.assertEqual(page.count("o_flex_gift_ad_slot"), 3)
        snippet_filter = self.env.ref("flex_gift_catalog.dynamic_filter_recommended_products")
        self.assertIn(f'data-filter-id="{snippet_filter.id}"', page)
        recommended = self.env["product.product"].search(snippet_filter.filter_id._get_eval_domain())
        self.assertEqual(
            recommended.product_tmpl_id,
            self.env.ref("flex_gift_catalog.product_template_tea_cup_demo")
            | self.env.ref("flex_gift_catalog.product_template_name_seal_demo"),
        )

    def test_categories_ribbons_reviews(self):
        tea_set = self.env.ref("flex_gift_catalog.product_template_tea_set_demo")
        self.assertEqual(tea_set.website_ribbon_id, self.env.ref("flex_gift_catalog.product_ribbon_hot"))
        category = self.env.ref("flex_gift_catalog.product_public_category_tea_demo")
        self.assertIn(tea_set, category.product_tmpl_ids)
        self.assertEqual(self.url_open(f"/shop/category/{category.id}").status_code, 200)
        cup = self.env.ref("flex_gift_catalog.product_template_tea_cup_demo")
        self.assertEqual((cup.rating_count, cup.rating_avg), (1, 5.0))
        self.assertTrue(self.env.ref("website_sale.product_comment").active, "reviews shown on product pages")

    def test_promotion_and_discount_code(self):
        season = self.env.ref("flex_gift_catalog.loyalty_program_gift_season_demo")
        welcome = self.env.ref("flex_gift_catalog.loyalty_program_welcome_code_demo")
        others = self.env["loyalty.program"].search(
            [("program_type", "in", ("promotion", "promo_code", "coupons")), ("id", "not in", (season | welcome).ids)]
        )
        others.active = False  # Odoo's own demo promotions, which would not combine with ours
        Product = self.env["product.product"]
        shopper = self.env["res.partner"].create({"name": "Mall Shopper"})

        def order_of(price):
            product = Product.create({"name": "Mall Gift", "list_price": price, "taxes_id": [Command.clear()]})
            order = self.env["sale.order"].create(
                {
                    "partner_id": shopper.id,
                    "website_id": self.env.ref("website.default_website").id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
            order._update_programs_and_rewards()
            order._auto_apply_rewards()
            return order

        big = order_of(150.0)
        season_line = big.order_line.filtered(lambda line: line.reward_id.program_id == season)
        goods = big.order_line.filtered(lambda line: not line.reward_id).price_total  # at the website's pricelist
        self.assertAlmostEqual(season_line.price_total, -0.1 * goods, msg="Gift Season: 10 % off from 100")
        # the code, on an order under the promotion's threshold (Odoo combines no two order discounts)
        small = order_of(40.0)
        self.assertFalse(small.order_line.filtered("reward_id"))
        claimable = small._try_apply_code("WELCOME5")
        self.assertNotIn("error", claimable)
        [(coupon, reward)] = claimable.items()
        small._apply_program_reward(reward, coupon)
        welcome_line = small.order_line.filtered(lambda line: line.reward_id.program_id == welcome)
        self.assertAlmostEqual(welcome_line.price_total, -5.0, msg="WELCOME5: 5.00 off")
        self.assertIn("error", order_of(20.0)._try_apply_code("WELCOME5"), "under 30.00: refused, said why")

    def test_wishlist_and_announcements(self):
        self.authenticate("admin", "admin")
        self.assertEqual(self.url_open("/shop/wishlist").status_code, 200)
        blog = self.env.ref("flex_gift_catalog.blog_announcements_demo")
        self.assertIn("Gift season opens", self.url_open(f"/blog/{blog.id}").text)
