from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.addons.mail.tests.common import MockEmail

from .common import FlexGiftCatalogCommon

NO_WKHTMLTOPDF = "wkhtmltopdf is not installed (Odoo says %r): apt-get install wkhtmltopdf to test the real PDF"


@tagged("post_install", "-at_install")
class TestOrderMailPdf(FlexGiftCatalogCommon, HttpCase, MockEmail):
    """Odoo's order confirmation e-mail and its PDF, with and without a PDF engine.

    Tests render reports as in production (``force_report_rendering``), not as the HTML
    Odoo uses in test mode; an HttpCase, so that wkhtmltopdf loads the report's assets
    from the test server as it does from the real one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.publish()
        cls.buyer = cls.portal_user.partner_id
        cls.buyer.email = "buyer@example.com"
        cls.mug = cls.env["product.product"].create({"name": "Plain Mug", "type": "consu", "list_price": 9})

    def make_order(self, library_work=True):
        order = self.env["sale.order"].create({"partner_id": self.buyer.id, "pricelist_id": self.pricelist.id})
        if library_work:
            order.with_context(skip_cart_verification=True)._cart_add(
                product_id=self.work.product_variant_id.id,
                quantity=1,
                no_variant_attribute_value_ids=self.combination(1, 2).ids,
                flex_gift_personalization={str(self.ribbon.id): self.red.id},
            )
        else:
            order.with_context(skip_cart_verification=True)._cart_add(product_id=self.mug.id, quantity=1)
        return order

    def confirm_with_mail(self, order):
        """Confirm as a paid shop order is (``send_email``); returns the e-mail's message."""
        before = order.message_ids
        with self.mock_mail_gateway():
            order.with_context(force_report_rendering=True, send_email=True).action_confirm()
        message = (order.message_ids - before).filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_comment"))
        self.assertEqual(len(message), 1, "Odoo's confirmation e-mail is posted on the order")
        self.assertEqual(len(self._mails), 1, "and sent")
        return message

    def test_confirmed_and_mailed_without_pdf_when_wkhtmltopdf_is_missing(self):
        for library_work in (True, False):
            with self.subTest(library_work=library_work):
                order = self.make_order(library_work)
                with (
                    patch.object(IrActionsReport, "get_wkhtmltopdf_state", return_value="install"),
                    self.assertLogs("odoo", "WARNING") as logs,
                ):
                    message = self.confirm_with_mail(order)
                self.assertEqual(order.state, "sale", "a PDF that cannot be rendered never blocks the order")
                self.assertFalse(message.attachment_ids)
                self.assertFalse(self._mails[0]["attachments"], "the e-mail goes without the PDF")
                self.assertEqual(len(logs.records), 1, [r.getMessage() for r in logs.records])
                self.assertEqual(logs.records[0].name, "odoo.addons.flex_gift_catalog.models.mail_template")
                self.assertIn("apt-get install wkhtmltopdf", logs.records[0].getMessage())

    def test_confirmed_and_mailed_without_pdf_when_wkhtmltopdf_cannot_run(self):
        order = self.make_order()
        with (
            patch.object(IrActionsReport, "get_wkhtmltopdf_state", return_value="ok"),
            patch(f"{IrActionsReport.__module__}._run_wkhtmltopdf", side_effect=PermissionError("not executable")),
            self.assertLogs("odoo", "WARNING") as logs,
        ):
            message = self.confirm_with_mail(order)
        self.assertEqual(order.state, "sale")
        self.assertFalse(message.attachment_ids)
        self.assertEqual(len(logs.records), 1, [r.getMessage() for r in logs.records])
        self.assertIn("not executable", logs.records[0].getMessage())

    def test_other_errors_still_raise(self):
        """Only the PDF engine's failures are skipped: a broken report still fails the e-mail."""
        order = self.make_order()
        with (
            patch.object(IrActionsReport, "_render_qweb_pdf", side_effect=ZeroDivisionError),
            self.assertRaises(ZeroDivisionError),
        ):
            self.confirm_with_mail(order)

    def test_mail_outside_an_order_notification_is_stock(self):
        """Sending the same template by hand (no order notification) still raises, as in Odoo."""
        order = self.make_order()
        template = order._get_confirmation_template()
        with (
            patch.object(IrActionsReport, "get_wkhtmltopdf_state", return_value="install"),
            self.assertRaisesRegex(UserError, "Wkhtmltopdf"),
        ):
            template.with_context(force_report_rendering=True)._generate_template(order.ids, {"report_template_ids"})

    def test_order_mail_carries_a_real_pdf(self):
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        if state != "ok":
            self.skipTest(NO_WKHTMLTOPDF % state)
        order = self.make_order()
        message = self.confirm_with_mail(order)
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertTrue(message.attachment_ids.raw.startswith(b"%PDF"))
        self.assertEqual(len(self._mails[0]["attachments"]), 1)
