from odoo.tests import new_test_user

from odoo.addons.flex_gift_share.tests.common import FlexGiftShareCommon


class FlexGiftShareArtisanCommon(FlexGiftShareCommon):
    """The share fixtures (a published 5 x 5 work, a buyer) plus the work's studio user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.studio.email = "studio@example.com"
        cls.studio_user = new_test_user(cls.env, "gift_studio_user", groups="base.group_portal", name="Studio Worker")
        cls.studio_user.partner_id.parent_id = cls.studio
        cls.buyer.partner_id.phone = "+86 138 0013 8000"
        cls.Handmade = cls.env["flex.gift.handmade.order"]
        cls.env.company.flex_gift_payout_period = "per_order"
        cls.payout_product = cls.env.ref("flex_gift_artisan.product_artisan_payout")

    def claim(self, link, combination=None, **values):
        """Claim ``link`` as the public page does, then run the release job."""
        link._flex_gift_claim(
            self.recipient_values(**values), self.good_date(link, extra=10), combination, defer_release=True
        )
        self.env["flex.gift.link"]._cron_release_claimed()
        return link.handmade_order_ids

    def ship(self, handmade, ref="SF1"):
        handmade = handmade.with_user(self.studio_user)
        handmade.action_accept()
        handmade.action_start()
        handmade.action_ready()
        handmade.action_ship(carrier="SF Express", tracking_ref=ref)
        return handmade

    def billed(self, studio=None):
        """What the studio was billed for payouts: bills minus credit notes (posted)."""
        lines = self.env["account.move.line"].search(
            [
                ("product_id", "=", self.payout_product.id),
                ("move_id.state", "=", "posted"),
                ("move_id.partner_id", "=", (studio or self.studio).id),
            ]
        )
        return sum(line.price_subtotal * (-1 if line.move_id.move_type == "in_refund" else 1) for line in lines)

    def assertPayoutInvariant(self, studio=None):
        """Billed = the artisan cost of the studio's shipped units - what was credited back;
        no bill line for a unit that did not ship."""
        studio = studio or self.studio
        self.Handmade._flex_gift_run_payouts()
        handmade = self.Handmade.search([("studio_id", "=", studio.id)])
        shipped = handmade.filtered(lambda h: h.state in ("shipped", "delivered") or h.refund_line_id)
        credited = handmade.filtered("refund_line_id")
        expected = sum(shipped.mapped("artisan_cost")) - sum(credited.mapped("artisan_cost"))
        self.assertAlmostEqual(self.billed(studio), expected)
        self.assertFalse(
            handmade.filtered(lambda h: h.payout_line_id and h.state not in ("shipped", "delivered", "cancelled")),
            "no bill line for a unit that did not ship",
        )
