import os
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.flex_gift_share.models.flex_gift_link import FlexGiftUnavailableError
from odoo.addons.flex_gift_share.tools import token as token_tools

from .common import FlexGiftShareCommon


@tagged("post_install", "-at_install")
class TestGiftLink(FlexGiftShareCommon):
    def test_quantity_n_gives_n_links_and_no_delivery_before_claim(self):
        order = self.make_gift_order(quantity=3)
        links = order.flex_gift_link_ids
        self.assertEqual(len(links), 3)
        self.assertEqual(set(links.mapped("state")), {"pending"})
        self.assertEqual(len(set(links.mapped("token_hash"))), 3)
        self.assertFalse(order.picking_ids, "an unclaimed gift has no delivery: it is held")
        self.assertEqual(order.flex_gift_link_count, 3)
        self.assertEqual(links[0].name, f"{order.name}/{links[0].id}")
        expected = fields.Datetime.now() + timedelta(days=self.website.flex_gift_expiry_days)
        self.assertAlmostEqual(links[0].expiry_date, expected, delta=timedelta(minutes=5))

    def test_only_the_hash_is_stored(self):
        link = self.make_gift_order().flex_gift_link_ids
        token = link._flex_gift_token()
        self.assertGreaterEqual(len(link.token_seed) * 4, 128, "at least 128 random bits")
        self.assertEqual(link.token_hash, token_tools.hash_token(token))
        self.env.flush_all()
        self.env.cr.execute("SELECT * FROM flex_gift_link WHERE id = %s", [link.id])
        row = self.env.cr.fetchone()
        self.assertNotIn(token, [str(value) for value in row], "the token itself is in no column")
        self.assertEqual(self.env["flex.gift.link"]._flex_gift_find(token), link)
        self.assertFalse(self.env["flex.gift.link"]._flex_gift_find(token[:-2] + "AA"))
        self.assertFalse(self.env["flex.gift.link"]._flex_gift_find("x' OR 1=1 --"))
        self.assertIn("/gift/" + token, link._flex_gift_url())

    def test_claims_waiting_for_release_each_ship_their_own_unit(self):
        order = self.make_gift_order(quantity=2)
        first, second = order.flex_gift_link_ids.sorted("id")
        first._flex_gift_claim(self.recipient_values(name="First"), self.good_date(first), defer_release=True)
        second._flex_gift_claim(
            self.recipient_values(name="Second", street="Other 3"), self.good_date(second, 5), defer_release=True
        )
        self.assertFalse(order.picking_ids)
        self.env["flex.gift.link"]._cron_release_claimed()
        for link, name in ((first, "First"), (second, "Second")):
            self.assertEqual(len(link.picking_ids), 1)
            self.assertEqual(link.picking_ids.partner_id.name, name)
            self.assertEqual(sum(link.picking_ids.move_ids.mapped("product_uom_qty")), 1)
        self.assertEqual(sum(order.picking_ids.move_ids.mapped("product_uom_qty")), 2)

    def test_the_token_key_is_not_in_the_database(self):
        key = self.env["flex.gift.link"]._flex_gift_key()
        self.assertEqual(len(key), 64)
        self.assertTrue(
            os.path.isfile(os.path.join(config["data_dir"], "flex_gift_share", f"{self.env.cr.dbname}.key"))
        )
        self.env.cr.execute("SELECT count(*) FROM ir_config_parameter WHERE value = %s", [key])
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        self.assertNotEqual(key, secret, "a copy of the database cannot rebuild a token")

    def test_each_unit_claimed_on_its_own_makes_its_own_delivery(self):
        order = self.make_gift_order(quantity=2)
        first, second = order.flex_gift_link_ids.sorted("id")
        first._flex_gift_claim(self.recipient_values(), self.good_date(first))
        self.assertEqual(first.state, "claimed")
        self.assertEqual(second.state, "pending")
        self.assertEqual(len(order.picking_ids), 1)
        picking = first.picking_ids
        self.assertEqual(picking, order.picking_ids)
        self.assertEqual(picking.partner_id, first.recipient_partner_id)
        self.assertEqual(picking.partner_id.street, "Rue Haute 12")
        self.assertEqual(picking.partner_id.phone, "+32456123456", "stored in E.164")
        self.assertEqual(sum(picking.move_ids.mapped("product_uom_qty")), 1)
        self.assertEqual(order.commitment_date.date(), first.delivery_date)
        second._flex_gift_claim(
            self.recipient_values(name="Second", street="Other 3", phone="0470 11 22 33"), self.good_date(second, 5)
        )
        self.assertEqual(len(order.picking_ids), 2, "one delivery per claimed unit")
        self.assertEqual(second.picking_ids.partner_id.name, "Second")
        self.assertEqual(sum(order.picking_ids.move_ids.mapped("product_uom_qty")), 2)
        self.assertEqual(second.picking_ids.scheduled_date.date(), second.delivery_date)

    def test_single_use(self):
        link = self.make_gift_order().flex_gift_link_ids
        link._flex_gift_claim(self.recipient_values(), self.good_date(link))
        with self.assertRaises(FlexGiftUnavailableError):
            link._flex_gift_claim(self.recipient_values(name="Thief"), self.good_date(link))
        self.assertEqual(len(link.order_id.picking_ids), 1, "never two deliveries")
        self.assertFalse(link._flex_gift_is_claimable())

    def test_expired_link_cannot_be_claimed(self):
        link = self.make_gift_order().flex_gift_link_ids
        link.sudo().expiry_date = fields.Datetime.now() - timedelta(minutes=1)
        self.assertFalse(link._flex_gift_is_claimable())
        with self.assertRaises(FlexGiftUnavailableError):
            link._flex_gift_claim(self.recipient_values(), self.good_date(link))
        self.assertFalse(link.order_id.picking_ids)

    def test_revoke_and_reissue(self):
        link = self.make_gift_order().flex_gift_link_ids
        old_token = link._flex_gift_token()
        link.action_revoke()
        self.assertEqual(link.state, "revoked")
        self.assertFalse(link._flex_gift_is_claimable())
        link.action_reissue()
        new_token = link._flex_gift_token()
        self.assertNotEqual(old_token, new_token)
        Link = self.env["flex.gift.link"]
        self.assertFalse(Link._flex_gift_find(old_token), "the old token stops working")
        self.assertEqual(Link._flex_gift_find(new_token), link)
        self.assertEqual(link.state, "pending")
        link._flex_gift_claim(self.recipient_values(), self.good_date(link))
        with self.assertRaisesRegex(UserError, "Only pending"):
            link.action_revoke()

    def test_bad_input_writes_nothing(self):
        link = self.make_gift_order().flex_gift_link_ids
        partners = self.env["res.partner"].search_count([])
        cases = [
            (self.recipient_values(phone="12"), self.good_date(link), "valid mobile number"),
            (self.recipient_values(), self.today(), "earliest possible delivery date"),
            (self.recipient_values(), self.today() + timedelta(days=2000), "latest possible delivery date"),
            (self.recipient_values(), False, "choose a delivery date"),
        ]
        for values, date, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(ValidationError, message):
                link._flex_gift_claim(values, date)
        self.assertEqual(link.state, "pending")
        self.assertFalse(link.sudo().recipient_partner_id)
        self.assertFalse(link.order_id.picking_ids)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_delivery_date_follows_lead_time(self):
        link = self.make_gift_order(combination=self.combination(4, 0)).flex_gift_link_ids
        earliest, latest = link._flex_gift_delivery_bounds()
        self.assertEqual(earliest, self.today() + timedelta(days=9), "base 5 + size index 4")
        self.assertEqual(latest, self.today() + timedelta(days=self.website.flex_gift_max_delivery_days))
        with self.assertRaises(ValidationError):
            link._flex_gift_claim(self.recipient_values(), earliest - timedelta(days=1))
        link._flex_gift_claim(self.recipient_values(), earliest)

    def test_swap_same_or_lower_price_only(self):
        ordered = self.combination(2, 2)
        link = self.make_gift_order(combination=ordered, allow_swap=True).flex_gift_link_ids
        row = link.order_line_id.flex_gift_combination_id
        options = link._flex_gift_swap_options()
        self.assertIn(row, options)
        self.assertTrue(all(option.price <= row.price for option in options))
        Combination = self.env["flex.gift.combination"]
        dearer = Combination.search([("product_tmpl_id", "=", self.work.id), ("price", ">", row.price)], limit=1)
        cheaper = Combination.search([("product_tmpl_id", "=", self.work.id), ("price", "<", row.price)], limit=1)
        self.assertNotIn(dearer, options)
        with self.assertRaisesRegex(ValidationError, "costs more"):
            link._flex_gift_claim(self.recipient_values(), self.good_date(link), dearer)
        self.assertEqual(link.state, "pending")
        link._flex_gift_claim(self.recipient_values(), self.good_date(link, 10), cheaper)
        self.assertEqual(link.combination_id, cheaper)
        self.assertIn(cheaper.name, link.picking_ids.move_ids.description_picking or cheaper.name)

    def test_swap_refused_when_not_allowed(self):
        link = self.make_gift_order(allow_swap=False).flex_gift_link_ids
        cheaper = self.env["flex.gift.combination"].search(
            [("product_tmpl_id", "=", self.work.id), ("price", "<", link.order_line_id.flex_gift_combination_id.price)],
            limit=1,
        )
        with self.assertRaisesRegex(ValidationError, "did not allow"):
            link._flex_gift_claim(self.recipient_values(), self.good_date(link), cheaper)

    def test_concurrent_transition_only_one_wins(self):
        """The conditional UPDATE returns the row only to the first transition."""
        link = self.make_gift_order().flex_gift_link_ids
        self.assertEqual(link._flex_gift_transition("claimed"), link)
        self.assertFalse(link._flex_gift_transition("claimed"))
        self.assertFalse(link._flex_gift_transition("expired"), "the cron cannot expire a claimed gift")

    def test_set_gift_requires_sender(self):
        order = self.make_gift_order(confirm=False)
        with self.assertRaisesRegex(UserError, "sender name"):
            order._flex_gift_set_gift(True, "  ", "hi")
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "Only a cart"):
            order._flex_gift_set_gift(False)

    def test_buyer_notice_has_no_address_or_phone(self):
        link = self.make_gift_order().flex_gift_link_ids
        with patch.object(type(link), "_message_sms") as sms:
            link._flex_gift_claim(self.recipient_values(), self.good_date(link))
        self.assertEqual(sms.call_count, 1)
        order = link.order_id
        mails = self.env["mail.mail"].search([("model", "=", "sale.order"), ("res_id", "=", order.id)])
        told = mails.filtered(lambda m: "was claimed" in m.body_html)
        self.assertEqual(len(told), 1)
        self.assertIn("buyer@example.com", told.email_to)
        public = order.message_ids.filtered(lambda m: not m.subtype_id.internal)
        for body in told.mapped("body_html") + public.mapped("body"):
            self.assertNotIn("Rue Haute", body)
            self.assertNotIn("456", body)
            self.assertNotIn("Brussels", body)
