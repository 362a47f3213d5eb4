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
        self.assertSMSOutgoing(recipient, "+32456123456", content=str(date))
        self.assertSMSOutgoing(recipient, "+32456123456", content="Auntie Li")

    def test_no_sms_when_claim_refused(self):
        link = self.make_gift_order().flex_gift_link_ids
        link.action_revoke()
        with self.mockSMSGateway(), self.assertRaises(Exception):  # noqa: B017
            link._flex_gift_claim(self.recipient_values(), self.good_date(link))
        self.assertFalse(self._new_sms)
