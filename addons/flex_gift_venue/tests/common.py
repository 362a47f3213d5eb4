from odoo import fields

from odoo.addons.flex_gift_artisan.tests.common import FlexGiftArtisanCommon


class FlexGiftVenueCommon(FlexGiftArtisanCommon):
    """The platform (the test company) with two venues: "Venue A" in the platform's
    currency and "Venue B" in CNY, each with a manager; Work A published and imported
    by Venue A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.platform = cls.env.company
        # no service fee unless a test sets one (the demo's rate would otherwise apply)
        cls.fee_rate = cls.env["flex.gift.rate"].create(
            {"kind": "merchant_fee", "rate": 0.0, "date_from": fields.Date.today(), "company_id": cls.platform.id}
        )
        cls.cny = cls.env.ref("base.CNY")
        cls.cny.active = True
        cls.env["res.currency.rate"].create(
            {"name": "2020-01-01", "currency_id": cls.cny.id, "rate": 7.0, "company_id": False}
        )
        cls.publish(cls.work_a)
        cls.publish(cls.work_b)
        cls.venue_a = cls.create_venue("Venue A", "venue_a_manager")
        cls.venue_b = cls.create_venue("Venue B", "venue_b_manager", currency=cls.cny)
        cls.manager_a = cls.venue_a.manager_ids
        cls.manager_b = cls.venue_b.manager_ids
        cls.listing_a = cls.env["flex.gift.venue.listing"].create(
            {"venue_id": cls.venue_a.id, "product_tmpl_id": cls.work_a.id}
        )
        cls.venue_customer = cls.env["res.partner"].create(
            {
                "name": "Venue Customer",
                "email": "customer@example.com",
                "street": "2 Shop Street",
                "city": "Hangzhou",
                "country_id": cls.env.ref("base.cn").id,
            }
        )

    @classmethod
    def create_venue(cls, name, login, currency=None, commission=20.0, markup=30.0, rounding="x90"):
        wizard = cls.env["flex.gift.venue.create"].create(
            {
                "name": name,
                "currency_id": (currency or cls.env.company.currency_id).id,
                "commission_rate": commission,
                "markup_percent": markup,
                "rounding": rounding,
                "handling_days": 2,
                "manager_name": f"{name} Manager",
                "manager_login": login,
            }
        )
        return wizard._flex_gift_create_venue()

    @classmethod
    def venue_order(cls, venue, lines, confirm=True, partner=None):
        """An order of `venue` (its company and pricelist): lines as FlexGiftArtisanCommon.make_order."""
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=[venue.company_id.id, cls.platform.id]))
        order = (
            env["sale.order"]
            .with_company(venue.company_id)
            .create(
                {
                    "partner_id": (partner or cls.venue_customer).id,
                    "company_id": venue.company_id.id,
                    "pricelist_id": venue.pricelist_id.id,
                    "website_id": venue.website_id.id,
                }
            )
        )
        for spec in lines:
            cls.add_work_line(order, *spec)
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def book(cls):
        """Run the booking job (in the test's transaction): returns the moves it posted."""
        before = cls.env["account.move"].sudo().search([("flex_gift_venue_id", "!=", False)])
        cls.env["flex.gift.venue"]._cron_flex_gift_book()
        return cls.env["account.move"].sudo().search([("flex_gift_venue_id", "!=", False)]) - before

    def assert_balanced(self, venue, expected):
        """The running account invariant, before the booking job has run and after:
        venue's books = platform's books = `expected` (platform currency), and nothing
        awaits booking after it."""
        currency = venue.sudo().platform_currency_id
        for step in ("awaiting booking", "booked"):
            if step == "booked":
                self.book()
                self.assertFalse(venue.sudo()._flex_gift_pending_lines(), "lines left awaiting booking")
            venue_side, platform_side = venue.sudo()._flex_gift_balances()
            self.assertAlmostEqual(venue_side, platform_side, places=2, msg=f"the two ledgers disagree ({step})")
            self.assertAlmostEqual(platform_side, currency.round(expected), places=2, msg=step)
