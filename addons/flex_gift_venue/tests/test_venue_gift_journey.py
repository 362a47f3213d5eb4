from urllib.parse import urlsplit

from odoo.tests import HttpCase, tagged

from odoo.addons.flex_gift_share.tests.common import FlexGiftShareCommon

from .common import FlexGiftVenueCommon


@tagged("post_install", "-at_install")
class TestVenueGiftJourney(FlexGiftVenueCommon, HttpCase):
    """A handmade work bought at a venue as a gift: claimed on the venue's site, made by
    the studio for each recipient, paid to the studio by the platform and owed by the
    venue to the platform, followed through the three ledgers."""

    recipient_values = FlexGiftShareCommon.recipient_values
    good_date = FlexGiftShareCommon.good_date

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.be = cls.env.ref("base.be")
        # the venue's website answers on its own host name (the platform's is 127.0.0.1)
        port = urlsplit(cls.base_url()).port
        cls.venue_domain = f"http://localhost:{port}"
        cls.venue_a.website_id.domain = cls.venue_domain
        cls.venue_a.company_id.email = "shop@venue-a.example.com"

    def claim(self, link, **values):
        """Claim ``link`` as the public page does, then run the release job."""
        link._flex_gift_claim(self.recipient_values(**values), self.good_date(link, extra=10), defer_release=True)
        self.env["flex.gift.link"]._cron_release_claimed()
        return link.handmade_order_ids

    def payable(self, company, partner):
        """What ``company`` owes ``partner`` on its books (posted payables)."""
        [[balance]] = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("partner_id", "=", partner.id),
                    ("parent_state", "=", "posted"),
                    ("account_id.account_type", "=", "liability_payable"),
                ],
                [],
                ["balance:sum"],
            )
        )
        return -(balance or 0.0)

    def test_handmade_gift_at_a_venue_through_three_ledgers(self):
        venue, platform = self.venue_a, self.platform
        order = self.venue_order(venue, [(self.work_a, (1, 2), None, 2)], confirm=False)
        order._flex_gift_set_gift(True, "Auntie Li", "Happy birthday!", False)
        order.action_confirm()
        self.assertEqual(order.company_id, venue.company_id)
        line = order.order_line.filtered("flex_gift_platform_price_unit")
        unit = line.flex_gift_platform_price_unit
        self.assertAlmostEqual(unit, platform.currency_id.round(line._flex_gift_library_price() * 0.8))
        self.assertFalse(self.handmade_of(order), "nothing reaches the studio before a claim")
        # the venue owes the platform both units from the confirmation, in both ledgers
        self.assert_balanced(venue, 2 * unit)

        # one link per unit, on the venue's website; the claim page carries the venue's brand
        first, second = order.flex_gift_link_ids.sorted("id")
        for link in first | second:
            self.assertTrue(link._flex_gift_url().startswith(f"{self.venue_domain}/gift/"), link._flex_gift_url())
        self.assertNotIn(self.venue_domain, self.env["ir.config_parameter"].sudo().get_param("web.base.url"))
        page = self.url_open(first._flex_gift_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_flex_gift_venue_brand", page.text)
        self.assertIn(f"company_logo?company={venue.company_id.id}", page.text)
        self.assertIn("Venue A", page.text)

        # each recipient claims; the studio makes one handmade order per claimed unit, for the platform
        made_first = self.claim(first)
        self.assertEqual(len(made_first), 1)
        self.assertEqual(made_first.company_id, platform, "the platform has the work made")
        self.assertEqual(made_first.studio_id, self.studio_a)
        self.assertEqual(made_first.shipping_partner_id.street, "Rue Haute 12")
        made_second = self.claim(second, name="Recipient Two", street="Kerkstraat 5")
        self.assertEqual(len(made_second), 1)
        self.assertEqual(self.handmade_of(order), made_first | made_second)
        self.assertEqual(made_second.shipping_partner_id.street, "Kerkstraat 5")
        self.ship(made_first, ref="SF-V1")
        self.ship(made_second, ref="SF-V2")

        # studio ledger: the platform pays the studio the artisan cost of both shipped units
        bills = self.Handmade._flex_gift_run_payouts()
        artisan_cost = sum((made_first | made_second).mapped("artisan_cost"))
        self.assertTrue(artisan_cost)
        self.assertEqual(bills.company_id, platform, "the platform pays the studio, not the venue")
        self.assertEqual(bills.partner_id, self.studio_a)
        self.assertEqual(set(bills.mapped("state")), {"posted"})
        self.assertAlmostEqual(sum(bills.mapped("amount_total")), artisan_cost)
        self.assertAlmostEqual(self.payable(platform, self.studio_a), artisan_cost)
        self.assertFalse(self.payable(venue.company_id, self.studio_a), "the venue owes the studio nothing")

        # venue ledger: it invoices its customer at its own price and owes the platform the platform price
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.company_id, venue.company_id)
        self.assertAlmostEqual(invoice.amount_untaxed, order.amount_untaxed)
        venue_side, platform_side = venue.sudo()._flex_gift_balances()
        self.assertAlmostEqual(venue_side, 2 * unit)
        # platform ledger: owed by the venue what it sold, owing the studio what it made
        self.assertAlmostEqual(platform_side, 2 * unit)
        self.assertGreater(2 * unit, artisan_cost, "the platform keeps a margin")
        self.assert_balanced(venue, 2 * unit)

        # settlement: the platform invoices the venue, the venue pays, the account is clear
        action = venue.action_settle()
        settlement = self.env["account.move"].browse(action["domain"][0][2])
        self.assertAlmostEqual(settlement.amount_total, 2 * unit)
        bill = self.env["account.move"].sudo().search([("flex_gift_venue_settlement_id", "=", settlement.id)])
        for move in bill | settlement:
            self.env["account.payment.register"].with_company(move.company_id).with_context(
                active_model="account.move", active_ids=move.ids
            ).create({})._create_payments()
        self.assert_balanced(venue, 0.0)
        self.assertAlmostEqual(self.payable(platform, self.studio_a), artisan_cost, msg="the studio is paid apart")
