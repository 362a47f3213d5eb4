from odoo.tests import tagged

from .common import FlexGiftShareCommon


@tagged("post_install", "-at_install")
class TestGiftLinkMails(FlexGiftShareCommon):
    """The buyer's e-mails carry the real links; nothing stored in the database does."""

    def _outgoing_bodies(self, mail):
        """What ``mail`` would put on the wire, per recipient partner (Odoo's own preparation)."""
        return {values["partner_id"]: values["body"] for values in mail._prepare_outgoing_list()}

    def _stored_text(self, order):
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT coalesce(string_agg(m.body, ' '), '') || coalesce(string_agg(mm.body_html, ' '), '')
                 FROM mail_message m LEFT JOIN mail_mail mm ON mm.mail_message_id = m.id
                WHERE m.model = 'sale.order' AND m.res_id = %s""",
            [order.id],
        )
        return self.env.cr.fetchone()[0]

    def test_confirmation_mail_carries_the_links_and_stores_no_token(self):
        order = self.make_gift_order(quantity=2, confirm=False)
        order.with_context(send_email=True).action_confirm()
        links = order.flex_gift_link_ids
        self.assertEqual(len(links), 2)
        tokens = [link._flex_gift_token() for link in links]
        confirmation = order.message_ids.filtered(lambda m: "o_flex_gift_links" in (m.body or ""))
        self.assertEqual(len(confirmation), 1, "the links ride in Odoo's confirmation e-mail, not a second one")
        self.assertIn(order.name, confirmation.subject or confirmation.record_name)
        stored = self._stored_text(order)
        for token in tokens:
            self.assertNotIn(token, stored, "no token in any stored message or queued mail")
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", confirmation.id)])
        self.assertTrue(mail, "the confirmation e-mail is queued for the buyer")
        bodies = self._outgoing_bodies(mail)
        buyer_body = bodies[self.buyer.partner_id]
        for link, token in zip(links, tokens, strict=True):
            self.assertIn(f"/gift/{token}", buyer_body)
            self.assertIn("/report/barcode?barcode_type=QR", buyer_body)
            self.assertNotIn(f"flex_gift_link={link.id}", buyer_body)

    def test_only_the_buyer_gets_the_real_links(self):
        order = self.make_gift_order(confirm=False)
        order.message_subscribe(partner_ids=self.curator.partner_id.ids)
        order.with_context(send_email=True).action_confirm()
        token = order.flex_gift_link_ids._flex_gift_token()
        confirmation = order.message_ids.filtered(lambda m: "o_flex_gift_links" in (m.body or ""))
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "=", confirmation.id)])
        bodies = {}
        for mail in mails:
            bodies.update(self._outgoing_bodies(mail))
        self.assertIn(f"/gift/{token}", bodies[self.buyer.partner_id])
        for partner, body in bodies.items():
            if partner != self.buyer.partner_id:
                self.assertNotIn(token, body or "")

    def test_resend_and_reissue_mail_new_links(self):
        order = self.make_gift_order()
        link = order.flex_gift_link_ids
        old_token = link._flex_gift_token()
        link.action_reissue()
        new_token = link._flex_gift_token()
        self.assertNotEqual(old_token, new_token)
        link.action_resend()
        message = order.message_ids.filtered(lambda m: "o_flex_gift_links" in (m.body or ""))[:1]
        self.assertNotIn(new_token, self._stored_text(order))
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        body = self._outgoing_bodies(mail)[self.buyer.partner_id]
        self.assertIn(f"/gift/{new_token}", body)
        self.assertNotIn(old_token, body)
        self.assertFalse(self.env["flex.gift.link"]._flex_gift_find(old_token), "the old link is dead")

    def test_a_claimed_link_is_not_put_in_a_later_mail(self):
        order = self.make_gift_order(quantity=2)
        first, second = order.flex_gift_link_ids.sorted("id")
        block = order._flex_gift_links_block(first | second)
        first._flex_gift_claim(self.recipient_values(), self.good_date(first))
        order.message_post(body=block, partner_ids=self.buyer.partner_id.ids)
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", order.message_ids[:1].id)])
        body = self._outgoing_bodies(mail)[self.buyer.partner_id]
        self.assertIn(f"/gift/{second._flex_gift_token()}", body)
        self.assertNotIn(first._flex_gift_token(), body)
        self.assertIn(f"flex_gift_link={first.id}", body, "left as the link to the order")

    def test_links_are_written_in_the_buyers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["flex_gift_share"], ["zh_CN"], overwrite=True)
        self.buyer.partner_id.lang = "zh_CN"
        order = self.make_gift_order(confirm=False)
        order.with_context(send_email=True, lang="en_US").action_confirm()
        confirmation = order.message_ids.filtered(lambda m: "o_flex_gift_links" in (m.body or ""))
        self.assertIn("您的链接及其二维码", confirmation.body)
        self.assertIn("礼物链接 1", confirmation.body)
