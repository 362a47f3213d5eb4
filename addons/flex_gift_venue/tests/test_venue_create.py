from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import FlexGiftVenueCommon


@tagged("post_install", "-at_install")
class TestVenueCreate(FlexGiftVenueCommon):
    def test_venue_is_a_company_with_its_own_shop(self):
        venue = self.venue_b
        company = venue.company_id
        self.assertNotEqual(company, self.platform)
        self.assertEqual(company.currency_id, self.cny)
        self.assertTrue(company.chart_template, "the venue has a chart of accounts")
        self.assertEqual(venue.website_id.company_id, company)
        self.assertEqual(venue.pricelist_id.currency_id, self.cny)
        self.assertEqual(venue.pricelist_id.company_id, company)
        self.assertEqual(venue.venue_journal_id.company_id, company)
        self.assertEqual(venue.platform_journal_id.company_id, self.platform)
        self.assertEqual(venue.venue_due_account_id.company_ids, company)
        self.assertTrue(venue.venue_due_account_id.reconcile)
        manager = venue.manager_ids
        self.assertEqual(manager.company_ids, company)
        self.assertTrue(manager.has_group("flex_gift_venue.group_venue_manager"))
        self.assertEqual(venue.website_id.flex_gift_venue_id, venue)

    def test_platform_accounts_are_shared_by_its_venues(self):
        self.assertEqual(self.venue_a.platform_due_account_id, self.venue_b.platform_due_account_id)
        self.assertEqual(self.venue_a.platform_journal_id, self.venue_b.platform_journal_id)

    def test_only_the_platform_creates_venues(self):
        clerk = new_test_user(self.env, "plain_clerk", groups="base.group_user,base.group_partner_manager")
        wizard = self.env["flex.gift.venue.create"].create(
            {"name": "Sneaky", "manager_name": "X", "manager_login": "sneaky_manager"}
        )
        with self.assertRaises(UserError):
            wizard.with_user(clerk)._flex_gift_create_venue()

    def test_login_taken_creates_nothing(self):
        companies = self.env["res.company"].search_count([])
        wizard = self.env["flex.gift.venue.create"].create(
            {"name": "Twice", "manager_name": "X", "manager_login": "venue_a_manager"}
        )
        with self.assertRaises(UserError):
            wizard._flex_gift_create_venue()
        self.assertEqual(self.env["res.company"].search_count([]), companies)
