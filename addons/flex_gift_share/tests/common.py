from datetime import timedelta

from odoo import fields

from odoo.addons.flex_gift_catalog.tests.common import FlexGiftCatalogCommon


class FlexGiftShareCommon(FlexGiftCatalogCommon):
    """A published 25-combination work, a buyer (portal) and gift orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.publish()
        cls.buyer = cls.portal_user
        cls.cn = cls.env.ref("base.cn")
        cls.buyer.partner_id.write(
            {
                "street": "1 Buyer Street",
                "city": "Hangzhou",
                "zip": "310000",
                "country_id": cls.cn.id,
                "email": "buyer@example.com",
            }
        )
        cls.website = cls.env["website"].get_current_website()
        cls.be = cls.env.ref("base.be")

    def make_gift_order(self, quantity=1, combination=None, allow_swap=False, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.partner_id.id,
                "pricelist_id": self.pricelist.id,
                "website_id": self.website.id,
            }
        )
        order.with_context(skip_cart_verification=True)._cart_add(
            product_id=self.work.product_variant_id.id,
            quantity=quantity,
            no_variant_attribute_value_ids=(combination or self.combination(2, 2)).ids,
            flex_gift_personalization={str(self.ribbon.id): self.red.id},
        )
        order._flex_gift_set_gift(True, "Auntie Li", "Happy birthday!", allow_swap)
        if confirm:
            order.action_confirm()
        return order

    def expire(self, links):
        """Let ``links`` run out and run the expiry job."""
        links.sudo().expiry_date = fields.Datetime.now() - timedelta(minutes=1)
        self.env["flex.gift.link"]._cron_expire()

    def recipient_values(self, **kwargs):
        values = {
            "name": "Recipient Wang",
            "phone": "+32 456 12 34 56",
            "street": "Rue Haute 12",
            "city": "Brussels",
            "zip": "1000",
            "country_id": self.be.id,
        }
        values.update(kwargs)
        return values

    def good_date(self, link, extra=2):
        earliest, _latest = link._flex_gift_delivery_bounds()
        return earliest + timedelta(days=extra)

    def today(self):
        return fields.Date.context_today(self.env.user)
