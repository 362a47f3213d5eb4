from lxml import etree

from odoo.tests import Form, tagged

from .common import FlexGiftCatalogCommon


@tagged("post_install", "-at_install")
class TestRejectionReasonShown(FlexGiftCatalogCommon):
    """The reason of a rejection is on the work's form, for whoever opens it."""

    def form_arch(self, user):
        view = self.env.ref("product.product_template_only_form_view")
        arch = self.env["product.template"].with_user(user).get_views([(view.id, "form")])["views"]["form"]["arch"]
        return etree.fromstring(arch)

    def test_reason_banner_for_library_users_and_curators(self):
        for user in (self.library_user, self.curator):
            with self.subTest(user=user.login):
                banner = self.form_arch(user).xpath(
                    "//div[hasclass('alert-danger')][field[@name='library_reject_reason']]"
                )
                self.assertEqual(len(banner), 1, "not restricted to a group")
                self.assertIn("rejected", banner[0].get("invisible"))

    def test_only_curators_write_the_reason_while_reviewing(self):
        box = "//div[hasclass('alert-info')][field[@name='library_reject_reason']]"
        self.assertFalse(self.form_arch(self.library_user).xpath(box))
        self.assertTrue(self.form_arch(self.curator).xpath(box))

    def test_curator_rejects_from_the_form(self):
        self.work.action_library_submit()
        view = self.env.ref("product.product_template_only_form_view")
        with Form(self.work.with_user(self.curator), view=view) as form:
            form.library_reject_reason = "The glaze photo is missing."
        self.work.with_user(self.curator).action_library_reject()
        self.assertEqual(self.work.library_state, "rejected")
        self.assertEqual(self.work.with_user(self.library_user).library_reject_reason, "The glaze photo is missing.")
