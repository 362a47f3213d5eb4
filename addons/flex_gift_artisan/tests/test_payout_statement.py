import io

from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .common import FlexGiftArtisanCommon


@tagged("post_install", "-at_install")
class TestPayoutStatement(FlexGiftArtisanCommon, HttpCase):
    """The payout statement PDF. An HttpCase, so that wkhtmltopdf loads the report's assets
    from the test server as it does from the real one."""

    def bill_two_orders(self):
        for size in (0, 1):
            order = self.make_order(self.member_1.partner_id, [(self.work_a, (size, size), None, 1)])
            self.ship(self.handmade_of(order), ref=f"SF{size}")
        bills = self.Handmade._flex_gift_run_payouts()
        self.assertEqual(len(bills), 2)
        self.assertEqual(set(bills.mapped("state")), {"posted"})
        return bills

    def test_payout_statement_is_a_real_pdf(self):
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        if state != "ok":
            self.skipTest(
                f"wkhtmltopdf is not installed (Odoo says {state!r}): apt-get install wkhtmltopdf to test the real PDF"
            )
        self.bill_two_orders()
        # force_report_rendering: in test mode Odoo renders reports as HTML otherwise
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("flex_gift_artisan.action_report_payout_statement", self.studio_a.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), pdf[:100])
        self.assertEqual(len(PdfFileReader(io.BytesIO(pdf)).pages), 1)
        # its content is checked on the HTML (test_payout): wkhtmltopdf draws web fonts as shapes

    def test_studio_opens_and_downloads_its_statement(self):
        self.bill_two_orders()
        self.authenticate(self.studio_user_a.login, self.studio_user_a.login)
        for query, disposition in (("", "inline"), ("?download=true", "attachment")):
            response = self.url_open("/my/handmade/payouts/statement" + query)
            self.assertEqual(response.status_code, 200)
            # in test mode the body is Odoo's HTML rendering; the headers are the route's own
            self.assertEqual(response.headers["Content-Type"], "application/pdf")
            self.assertTrue(response.headers["Content-Disposition"].startswith(disposition))
            self.assertIn("Payout%20statement%20-%20Test%20Studio.pdf", response.headers["Content-Disposition"])
