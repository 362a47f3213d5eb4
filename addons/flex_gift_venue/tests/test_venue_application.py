import base64

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import FlexGiftVenueCommon

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@tagged("post_install", "-at_install")
class TestVenueApplication(FlexGiftVenueCommon):
    """Merchants and agents apply with their documents (typed from the bytes, size-limited),
    the platform approves (a merchant gets its venue and manager, an agent a portal account
    and a referral code) or rejects with a reason; each step e-mails the applicant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Application = cls.env["flex.gift.application"]
        cls.platform_user = new_test_user(
            cls.env, "app_reviewer", groups="base.group_user,flex_gift_venue.group_venue_platform"
        )

    def submit(self, kind="merchant", email="potter@example.com", files=None, **values):
        values = {"name": "Clay Corner", "contact_name": "Pat Potter", "email": email, **values}
        if files is None:
            files = {"licence_file": ("licence.pdf", PDF), "id_file": ("id.png", PNG)}
        return self.Application.sudo()._flex_gift_submit(kind, values, files)

    def mails(self, application, subject):
        return application.message_ids.filtered(lambda m: subject in (m.subject or ""))

    def test_a_merchant_applies(self):
        application = self.submit(phone="+1 555 0100", country_id=str(self.env.ref("base.us").id))
        self.assertEqual(application.state, "submitted")
        self.assertEqual(application.partner_id.email, "potter@example.com")
        self.assertIn(application.partner_id, application.message_partner_ids, "follows it")
        self.assertEqual(base64.b64decode(application.licence_file), PDF)
        self.assertEqual(application.licence_filename, "licence.pdf")
        self.assertEqual(application.country_id, self.env.ref("base.us"))
        self.assertTrue(self.mails(application, "is received"))

    def test_forged_or_missing_documents_are_refused_and_nothing_is_created(self):
        partners = self.env["res.partner"].search_count([])
        applications = self.Application.sudo().search_count([])
        big = PDF + b"\0" * (5 * 1024 * 1024)
        cases = [
            ({"licence_file": ("licence.pdf", b"<html>%PDF-</html>"), "id_file": ("id.png", PNG)}, "PDF, PNG or JPEG"),
            ({"licence_file": ("licence.pdf", b"MZ\x90\x00" + PDF), "id_file": ("id.png", PNG)}, "PDF, PNG or JPEG"),
            (
                {"licence_file": ("big.pdf", big), "id_file": ("id.png", PNG)},
                "larger than 5",
            ),
            ({"id_file": ("id.png", PNG)}, "attach your business licence"),
            ({"licence_file": ("licence.pdf", PDF)}, "attach your identity document"),
        ]
        for files, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(ValidationError, message):
                self.submit(files=files)
        for values, message in (
            ({"email": "not an e-mail"}, "valid e-mail"),
            ({"name": "  "}, "business name"),
        ):
            with self.subTest(message=message), self.assertRaisesRegex(ValidationError, message):
                self.submit(**values)
        with self.assertRaisesRegex(ValidationError, "Unknown kind"):
            self.submit(kind="admin")
        self.assertEqual(self.Application.sudo().search_count([]), applications)
        self.assertEqual(self.env["res.partner"].search_count([]), partners, "no applicant left behind")

    def test_an_agent_needs_no_licence(self):
        application = self.submit(kind="agent", files={"id_file": ("id.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 16)})
        self.assertEqual(application.kind, "agent")

    def test_duplicate_applications_are_refused_until_rejected(self):
        first = self.submit()
        with self.assertRaisesRegex(ValidationError, "already under review or approved"):
            self.submit(email="Potter@Example.com")
        self.submit(kind="agent", files={"id_file": ("id.png", PNG)})  # another kind is another application
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            first.copy()  # the database refuses it too (two requests at the same instant)
        first.with_user(self.platform_user).action_reject("The licence has expired.")
        self.assertEqual(self.submit().state, "submitted", "a rejected applicant may apply again")

    def test_approving_a_merchant_creates_its_venue_and_manager(self):
        application = self.submit(currency_id=str(self.env.ref("base.USD").id))
        application.with_user(self.platform_user).action_approve()
        self.assertEqual(application.state, "approved")
        venue = application.venue_id
        self.assertEqual(venue.name, "Clay Corner")
        self.assertEqual(venue.company_id.name, "Clay Corner")
        self.assertTrue(venue.website_id)
        manager = application.user_id
        self.assertEqual(manager.login, "potter@example.com")
        self.assertEqual(venue.manager_ids, manager)
        self.assertTrue(manager.has_group("flex_gift_venue.group_venue_manager"))
        self.assertEqual(manager.company_ids, venue.company_id, "its own company only")
        self.assertTrue(self.mails(application, "is approved"))
        with self.assertRaisesRegex(UserError, "under review"):
            application.with_user(self.platform_user).action_approve()

    def test_approving_an_agent_gives_a_referral_code(self):
        first = self.submit(kind="agent", files={"id_file": ("id.png", PNG)})
        second = self.submit(kind="agent", email="second@example.com", files={"id_file": ("id.png", PNG)})
        (first | second).with_user(self.platform_user).action_approve()
        self.assertTrue(first.user_id._is_portal())
        self.assertEqual(first.user_id.partner_id, first.partner_id)
        self.assertEqual(len(first.referral_code), 10)
        self.assertNotEqual(first.referral_code, second.referral_code)
        self.assertTrue(first.referral_url.endswith(f"/referral/{first.referral_code}"))

    def test_rejection_needs_a_reason_told_to_the_applicant(self):
        application = self.submit()
        with self.assertRaisesRegex(UserError, "reason"):
            application.with_user(self.platform_user).action_reject("  ")
        self.env["flex.gift.reject"].with_user(self.platform_user).with_context(
            active_model=application._name, active_ids=application.ids
        ).create({"reason": "The licence is unreadable."}).action_reject()
        self.assertEqual(application.state, "rejected")
        self.assertIn("The licence is unreadable.", self.mails(application, "Your application")[:1].body)

    def test_only_the_platform_reviews(self):
        application = self.submit()
        with self.assertRaises(AccessError):
            application.with_user(self.manager_a).read(["name"])
        with self.assertRaises(AccessError):
            application.with_user(self.manager_a).action_approve()
        self.assertEqual(application.state, "submitted")

    def test_documents_changed_in_the_back_office_are_checked_too(self):
        application = self.submit()
        with self.assertRaisesRegex(ValidationError, "PDF, PNG or JPEG"):
            application.with_user(self.platform_user).id_file = base64.b64encode(b"<svg onload=alert(1)>")

    def test_referrals_attach_new_customers_and_refuse_loops(self):
        agent = self.submit(kind="agent", files={"id_file": ("id.png", PNG)})
        agent.with_user(self.platform_user).action_approve()
        referrer = agent.partner_id
        customer = self.env["res.partner"].create({"name": "Referred Customer"})
        self.assertTrue(customer._flex_gift_set_referrer(referrer.flex_gift_referral_code))
        self.assertEqual(customer.flex_gift_referrer_id, referrer)
        self.assertFalse(customer._flex_gift_set_referrer(referrer.flex_gift_referral_code), "once")
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        self.assertFalse(stranger._flex_gift_set_referrer("no-such-code"))
        self.assertFalse(stranger.flex_gift_referrer_id)
        # referring oneself, or a loop: refused with a clear error, and by the sign-up quietly
        with self.assertRaisesRegex(ValidationError, "referred by themselves"), self.cr.savepoint():
            referrer.sudo().flex_gift_referrer_id = referrer
        customer._flex_gift_ensure_referral_code()
        with self.assertRaisesRegex(ValidationError, "in a loop"), self.cr.savepoint():
            referrer.sudo().flex_gift_referrer_id = customer
        referrer.invalidate_recordset()
        self.assertFalse(referrer._flex_gift_set_referrer(customer.flex_gift_referral_code))
        self.assertFalse(referrer.flex_gift_referrer_id)
