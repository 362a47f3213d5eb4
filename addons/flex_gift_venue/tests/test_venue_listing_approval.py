from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import FlexGiftVenueCommon


@tagged("post_install", "-at_install")
class TestVenueListingApproval(FlexGiftVenueCommon):
    """A venue's own products reach its website once the platform approves them; products
    with a zero price, no image or no description are flagged; nobody else's products
    change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        companies = cls.platform | cls.venue_a.company_id | cls.venue_b.company_id
        cls.reviewer = new_test_user(
            cls.env,
            "listing_reviewer",
            groups="base.group_user,flex_gift_venue.group_venue_platform,product.group_product_manager,"
            "website.group_website_restricted_editor",
            company_ids=[Command.set(companies.ids)],
        )
        # a manager who may publish on its website (Odoo's restricted editor): the approval still holds
        cls.manager_a.group_ids = [Command.link(cls.env.ref("website.group_website_restricted_editor").id)]
        cls.Product = cls.env["product.template"].with_user(cls.manager_a).with_company(cls.venue_a.company_id)

    def as_reviewer(self, records):
        return records.with_user(self.reviewer).with_context(allowed_company_ids=self.reviewer.company_ids.ids)

    def product(self, **values):
        return self.Product.create(
            {
                "name": "Hand-thrown Bowl",
                "list_price": 18.0,
                "description_sale": "Stoneware, 12 cm.",
                "company_id": self.venue_a.company_id.id,
                **values,
            }
        )

    def test_submit_approve_publish(self):
        bowl = self.product()
        self.assertTrue(bowl.flex_gift_is_venue_product)
        self.assertEqual(bowl.flex_gift_listing_state, "draft")
        with self.assertRaisesRegex(UserError, "needs the platform's approval"):
            bowl.is_published = True
        bowl.action_flex_gift_submit_listing()
        self.assertEqual(bowl.flex_gift_listing_state, "submitted")
        with self.assertRaises(AccessError):
            bowl.action_flex_gift_approve_listing()  # not the venue's to approve
        bowl.with_user(self.reviewer).with_context(
            allowed_company_ids=self.reviewer.company_ids.ids
        ).action_flex_gift_approve_listing()
        self.assertEqual(bowl.flex_gift_listing_state, "approved")
        self.assertTrue(bowl.is_published)
        bowl.is_published = False  # the venue may take it off its shop,
        bowl.is_published = True  # and put it back once approved

    def test_rejection_with_a_reason_unpublishes(self):
        bowl = self.product()
        bowl.action_flex_gift_submit_listing()
        with self.assertRaisesRegex(UserError, "reason"):
            bowl.with_user(self.reviewer).with_context(
                allowed_company_ids=self.reviewer.company_ids.ids
            ).action_flex_gift_reject_listing(" ")
        self.env["flex.gift.reject"].with_user(self.reviewer).with_context(
            allowed_company_ids=self.reviewer.company_ids.ids
        ).with_context(active_model="product.template", active_ids=bowl.ids).create(
            {"reason": "The photo shows another product."}
        ).action_reject()
        self.assertEqual(bowl.flex_gift_listing_state, "rejected")
        self.assertEqual(bowl.flex_gift_listing_reason, "The photo shows another product.")
        self.assertFalse(bowl.is_published)
        bowl.action_flex_gift_submit_listing()  # fixed and sent again
        self.assertEqual(bowl.flex_gift_listing_state, "submitted")

    def test_abnormal_products_are_flagged(self):
        bare = self.product(list_price=0.0, description_sale=False)
        self.assertEqual(bare.flex_gift_abnormal, "zero price, no image, no description")
        bare.write({"list_price": 5.0, "description_ecommerce": "<p>Glazed by hand.</p>"})
        self.assertEqual(bare.flex_gift_abnormal, "no image")
        search = self.env["product.template"].search([("flex_gift_abnormal", "!=", False), ("id", "=", bare.id)])
        self.assertEqual(search, bare)

    def test_other_products_are_untouched(self):
        platform_product = self.env["product.template"].create({"name": "Platform Mug", "list_price": 0.0})
        self.assertFalse(platform_product.flex_gift_is_venue_product)
        self.assertFalse(platform_product.flex_gift_abnormal)
        platform_product.is_published = True
        self.assertTrue(platform_product.is_published)
        self.assertEqual(platform_product.flex_gift_listing_state, "draft", "no approval for the platform's own")
        salesman = new_test_user(
            self.env,
            "plain_salesman",
            groups="base.group_user,product.group_product_manager,website.group_website_restricted_editor",
        )
        other = self.env["product.template"].with_user(salesman).create({"name": "Plain Product"})
        other.is_published = True  # stock Odoo behaviour: no approval anywhere
        with self.assertRaisesRegex(UserError, "Only a venue's own products"):
            other.action_flex_gift_submit_listing()

    def test_the_platform_publishing_approves(self):
        bowl = self.product()
        self.as_reviewer(bowl).write({"is_published": True})
        self.assertEqual(bowl.flex_gift_listing_state, "approved")

    def test_a_venue_cannot_review_another_venues_listing(self):
        bowl = self.product()
        bowl.action_flex_gift_submit_listing()
        with self.assertRaises(AccessError):
            bowl.with_user(self.manager_b).with_company(self.venue_b.company_id).action_flex_gift_approve_listing()
        self.assertEqual(bowl.flex_gift_listing_state, "submitted")
        self.assertEqual(len(bowl.message_ids.filtered(lambda m: "Submitted" in (m.body or ""))), 1)
