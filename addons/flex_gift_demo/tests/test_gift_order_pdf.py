from unittest.mock import patch

from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.addons.flex_gift_catalog.tests.common import FlexGiftCatalogCommon
from odoo.addons.mail.tests.common import MockEmail


@tagged("post_install", "-at_install")
class TestGiftOrderWithoutPdf(FlexGiftCatalogCommon, MockEmail):
    """A gift order paid in the shop with the demo provider while wkhtmltopdf is missing:
    what ``/payment/status`` runs (the transaction's post-processing) confirms the order,
    creates its gift links and sends Odoo's e-mail without the PDF, with one warning."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.publish()
        cls.buyer = cls.portal_user.partner_id
        cls.buyer.write({"email": "buyer@example.com", "street": "1 Buyer Street", "city": "Hangzhou"})
        cls.website = cls.env.ref("website.default_website")
        cls.provider = cls.env.ref("payment.payment_provider_demo")
        cls.provider.state = "test"

    def setUp(self):
        super().setUp()
        if "flex.gift.link" not in self.env:
            self.skipTest("flex_gift_share is not installed: no gift orders without it")

    def pay_gift_order(self, simulated_state, quantity=2):
        order = self.env["sale.order"].create(
            {"partner_id": self.buyer.id, "pricelist_id": self.pricelist.id, "website_id": self.website.id}
        )
        order.with_context(skip_cart_verification=True)._cart_add(
            product_id=self.work.product_variant_id.id,
            quantity=quantity,
            no_variant_attribute_value_ids=self.combination(2, 2).ids,
            flex_gift_personalization={str(self.ribbon.id): self.red.id},
        )
        order._flex_gift_set_gift(True, "Sender")
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.env.ref("payment_demo.payment_method_demo").id,
                    "reference": f"{order.name}-flex-gift-demo",
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "partner_id": self.buyer.id,
                    "sale_order_ids": [Command.set(order.ids)],
                }
            )
        )
        tx._process("demo", {"reference": tx.reference, "simulated_state": simulated_state, "payment_details": "4242"})
        self.assertEqual(tx.state, simulated_state)
        before = order.message_ids
        with (
            patch.object(IrActionsReport, "get_wkhtmltopdf_state", return_value="install"),
            self.assertLogs("odoo", "WARNING") as logs,
            self.mock_mail_gateway(),
        ):
            # what /payment/status/poll runs; reports rendered as in production, not as test HTML
            tx.with_context(force_report_rendering=True)._post_process()
        self.assertEqual(len(logs.records), 1, [record.getMessage() for record in logs.records])
        self.assertIn("apt-get install wkhtmltopdf", logs.records[0].getMessage())
        mail = (order.message_ids - before).filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_comment"))
        self.assertEqual(len(mail), 1)
        self.assertFalse(mail.attachment_ids, "the e-mail goes without the PDF")
        to_buyer = [sent for sent in self._mails if "buyer@example.com" in str(sent["email_to"])]
        self.assertEqual(len(to_buyer), 1, "the e-mail goes")
        self.assertFalse(to_buyer[0]["attachments"])
        return order

    def test_paid_gift_order_is_confirmed_with_links(self):
        order = self.pay_gift_order("done", quantity=2)
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(order.flex_gift_link_ids), 2, "one gift link per unit")
        self.assertEqual(set(order.flex_gift_link_ids.mapped("state")), {"pending"})

    def test_pending_payment_mail_no_longer_fails(self):
        """Wire-transfer-like pending payment: the order waits for the money, its e-mail goes."""
        order = self.pay_gift_order("pending", quantity=1)
        self.assertEqual(order.state, "sent")
        self.assertFalse(order.flex_gift_link_ids)
