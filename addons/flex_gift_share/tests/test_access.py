from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import FlexGiftShareCommon


@tagged("post_install", "-at_install")
class TestGiftAccess(FlexGiftShareCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(cls.env, "flex_share_sales", groups="sales_team.group_sale_salesman_all_leads")
        cls.public_user = cls.env.ref("base.public_user")

    def claimed_link(self):
        link = self.make_gift_order().flex_gift_link_ids
        link._flex_gift_claim(self.recipient_values(), self.good_date(link))
        self.env.invalidate_all()
        return link

    def test_buyer_cannot_read_the_recipient(self):
        link = self.claimed_link()
        recipient = link.recipient_partner_id
        order = link.order_id
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            recipient.with_user(self.buyer).read(["street", "phone"])
        with self.assertRaises(AccessError):
            self.env["flex.gift.link"].with_user(self.buyer).browse(link.id).read(["state"])
        self.assertFalse(
            self.env["res.partner"].with_user(self.buyer).search([("id", "=", recipient.id)]),
            "not even findable",
        )
        # the buyer reads their own order, not the recipient behind it
        self.assertEqual(order.with_user(self.buyer).read(["name"])[0]["name"], order.name)
        self.assertNotEqual(order.partner_shipping_id, recipient, "the order's address stays the buyer's")
        picking = link.picking_ids
        self.assertTrue(picking)
        with self.assertRaises(AccessError):
            picking.with_user(self.buyer).read(["partner_id"])
        self.assertFalse(self.env["stock.picking"].with_user(self.buyer).search([("id", "=", picking.id)]))

    def test_public_cannot_read_gifts(self):
        link = self.claimed_link()
        with self.assertRaises(AccessError):
            self.env["flex.gift.link"].with_user(self.public_user).browse(link.id).read(["state"])
        with self.assertRaises(AccessError):
            self.env["flex.gift.link"].with_user(self.public_user).search([])
        with self.assertRaises(AccessError):
            link.recipient_partner_id.with_user(self.public_user).read(["street"])

    def test_salesman_reads_links_but_not_the_token(self):
        link = self.claimed_link()
        as_sales = link.with_user(self.salesman)
        self.assertEqual(as_sales.state, "claimed")
        self.assertEqual(as_sales.recipient_partner_id.street, "Rue Haute 12")
        self.assertIn("Rue Haute 12", as_sales.recipient_address)
        self.assertIn("Brussels", as_sales.recipient_address)
        with self.assertRaises(AccessError):
            as_sales.read(["token_hash"])
        with self.assertRaises(AccessError):
            as_sales.read(["token_seed"])
        with self.assertRaises(AccessError):
            self.env["flex.gift.link"].with_user(self.salesman).create(
                {"order_id": link.order_id.id, "order_line_id": link.order_line_id.id, "expiry_date": link.expiry_date}
            )
