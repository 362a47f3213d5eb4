import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .test_venue_application import PDF, PNG


@tagged("post_install", "-at_install")
class TestVenueApplicationPages(HttpCase):
    """Over HTTP on the platform's website: the sign-up pages, a forged document refused
    with nothing kept, the status page reachable only with the applicant's token."""

    def form_token(self, kind):
        page = self.url_open(f"/apply/{kind}").text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def apply(self, kind="merchant", email="shop@example.com", licence=PDF):
        data = {
            "name": "Paper Lantern",
            "contact_name": "Lan Ting",
            "email": email,
            "csrf_token": self.form_token(kind),
        }
        files = {"id_file": ("id.png", PNG, "image/png")}
        if licence is not None:
            files["licence_file"] = ("licence.pdf", licence, "application/pdf")
        return self.url_open(f"/apply/{kind}", data=data, files=files)

    def test_the_pages(self):
        self.assertIn("licence_file", self.url_open("/apply/merchant").text)
        self.assertNotIn("licence_file", self.url_open("/apply/agent").text)
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open("/apply/admin").status_code, 404)

    def test_apply_then_follow_with_the_token_only(self):
        response = self.apply()
        self.assertEqual(response.status_code, 200)
        application = self.env["flex.gift.application"].search([("email", "=", "shop@example.com")])
        self.assertEqual(application.state, "submitted")
        self.assertIn(f"/apply/status/{application.id}", response.url)
        self.assertIn("access_token=", response.url)
        self.assertIn("Paper Lantern", response.text)
        # someone else: the id alone, a wrong token, another applicant's token
        other = self.apply(email="other@example.com")
        other_token = re.search(r"access_token=([\w-]+)", other.url).group(1)
        with mute_logger("odoo.http"):
            for url in (
                f"/apply/status/{application.id}",
                f"/apply/status/{application.id}?access_token=guess",
                f"/apply/status/{application.id}?access_token={other_token}",
            ):
                with self.subTest(url=url):
                    response = self.url_open(url)
                    self.assertEqual(response.status_code, 404)
                    self.assertNotIn("Paper Lantern", response.text)

    def test_a_forged_document_is_refused_and_nothing_kept(self):
        response = self.apply(licence=b"<script>alert(1)</script>")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_flex_gift_application_error", response.text)
        self.assertIn("Paper Lantern", response.text, "what was typed is kept in the form")
        self.assertFalse(self.env["flex.gift.application"].search([("email", "=", "shop@example.com")]))


@tagged("post_install", "-at_install")
class TestVenueReferralSignup(HttpCase):
    """A visitor following an agent's referral link and signing up with Odoo's own sign-up
    is referred by the agent; an unknown code refers nobody and tells nothing."""

    def signup(self, login):
        page = self.url_open("/web/signup").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        data = {"login": login, "name": login, "password": "Secret-12345", "confirm_password": "Secret-12345"}
        self.url_open("/web/signup", data=dict(data, csrf_token=token))
        return self.env["res.users"].search([("login", "=", login)])

    def test_signing_up_through_a_referral_link(self):
        self.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        agent = self.env["res.partner"].create({"name": "Agent Ann"})
        code = agent._flex_gift_ensure_referral_code()
        response = self.url_open(f"/referral/{code}")
        self.assertTrue(response.url.endswith("/web/signup"), (response.status_code, response.text[:3000]))
        user = self.signup("referred@example.com")
        self.assertEqual(user.partner_id.flex_gift_referrer_id, agent)

        # the agent's own page: its link and who it referred, nobody else's
        agent_user = new_test_user(self.env, "ref_agent", password="ref_agent", groups="base.group_portal")
        agent_user.partner_id._flex_gift_ensure_referral_code()
        other = self.env["res.partner"].create({"name": "Customer Of Someone Else", "flex_gift_referrer_id": agent.id})
        mine = self.env["res.partner"].create(
            {"name": "My Own Referral", "flex_gift_referrer_id": agent_user.partner_id.id}
        )
        self.authenticate("ref_agent", "ref_agent")
        page = self.url_open("/my/referrals").text
        self.assertIn(f"/referral/{agent_user.partner_id.flex_gift_referral_code}", page)
        self.assertIn(mine.name, page)
        self.assertNotIn(other.name, page)
        # a member without a code gets its link on its first visit
        member = new_test_user(self.env, "ref_member", password="ref_member", groups="base.group_portal")
        self.authenticate("ref_member", "ref_member")
        self.assertIn("My referrals", self.url_open("/my").text)
        self.url_open("/my/referrals")
        self.assertTrue(member.partner_id.flex_gift_referral_code)
        self.authenticate(None, None)

        self.opener.cookies.clear()
        self.url_open("/referral/not-a-code")
        self.assertNotIn("flex_gift_ref", self.opener.cookies)
        self.assertFalse(self.signup("walkin@example.com").partner_id.flex_gift_referrer_id)


@tagged("post_install", "-at_install")
class TestVenueApplicationTour(HttpCase):
    """Chromium, no RPC: a merchant applies on the platform's website, the platform
    approves in the back office, the new venue's manager logs in and finds its back office."""

    def test_apply_approve_log_in(self):
        new_test_user(
            self.env,
            "app_platform",
            password="app_platform",
            groups="base.group_user,base.group_system,flex_gift_venue.group_venue_platform",
        )
        self.start_tour("/apply/merchant", "flex_gift_merchant_apply")
        application = self.env["flex.gift.application"].search([("email", "=", "kiln@example.com")])
        self.assertEqual(application.state, "submitted")
        self.assertEqual(application.licence_filename, "licence.pdf")

        self.start_tour(
            "/odoo/action-flex_gift_venue.flex_gift_application_action",
            "flex_gift_application_approve",
            login="app_platform",
        )
        self.assertEqual(application.state, "approved")
        manager = application.user_id
        self.assertTrue(manager)

        manager.password = "kiln@example.com"  # set by the manager through Odoo's invitation e-mail
        self.start_tour("/odoo", "flex_gift_new_venue_back_office", login="kiln@example.com")
