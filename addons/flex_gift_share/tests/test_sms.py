from odoo.tests import tagged

from odoo.addons.sms.tests.common import SMSCase

from .common import FlexGiftShareCommon


@tagged("post_install", "-at_install")
class TestGiftSMS(FlexGiftShareCommon, SMSCase):
    def test_recipient_gets_an_sms(self):
        link = self.make_gift_order().flex_gift_link_ids
        date = self.good_date(link)
        with self.mockSMSGateway():
            link._flex_gift_claim(self.recipient_values(), date)
        recipient = link.recipient_partner_id
        self.assertSMSOutgoing(recipient, "+32456123456", content=link.order_id.name)
        self.assertSMSOutgoing(recipient, "+32456123456", content=date.strftime("%m/%d/%Y"))
        self.assertSMSOutgoing(recipient, "+32456123456", content="Auntie Li")

    def test_each_notice_speaks_its_readers_language(self):
        """A recipient who claims on the Chinese page gets the SMS in Chinese, the date in the
        Chinese format; the buyer's e-mail stays in the buyer's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["flex_gift_share"], ["zh_CN"], overwrite=True)
        link = self.make_gift_order().flex_gift_link_ids
        date = self.good_date(link)
        as_visitor = link.with_context(lang="zh_CN")
        values, errors = as_visitor._flex_gift_validate_claim(dict(self.recipient_values(), delivery_date=date))
        self.assertEqual(errors, {})
        with self.mockSMSGateway():
            as_visitor._flex_gift_claim(**values)
        recipient = link.recipient_partner_id
        self.assertEqual(recipient.lang, "zh_CN")
        self.assertSMSOutgoing(recipient, "+32456123456", content=date.strftime("%Y/%m/%d"))
        self.assertSMSOutgoing(recipient, "+32456123456", content="送您一份礼物")
        mail = self.env["mail.mail"].search([("model", "=", "sale.order"), ("res_id", "=", link.order_id.id)])
        claimed = mail.filtered(lambda m: "was claimed" in m.body_html)
        self.assertIn(date.strftime("%m/%d/%Y"), claimed.body_html)

    def test_no_sms_when_claim_refused(self):
        link = self.make_gift_order().flex_gift_link_ids
        link.action_revoke()
        with self.mockSMSGateway(), self.assertRaises(Exception):  # noqa: B017
            link._flex_gift_claim(self.recipient_values(), self.good_date(link))
        self.assertFalse(self._new_sms)
