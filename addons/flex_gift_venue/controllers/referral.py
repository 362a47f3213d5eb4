from odoo import http
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome

COOKIE = "flex_gift_ref"
COOKIE_AGE = 30 * 24 * 3600


class FlexGiftReferral(AuthSignupHome):
    """An agent's or a member's referral link: the visitor who signs up after following
    it, within 30 days on this browser, is referred by them."""

    @http.route("/referral/<string:code>", type="http", auth="public", website=True, sitemap=False)
    def flex_gift_referral(self, code, **kwargs):
        response = request.redirect("/web/signup")
        if len(code) <= 32 and request.env["res.partner"].sudo().search_count(
            [("flex_gift_referral_code", "=", code)], limit=1
        ):
            response.set_cookie(COOKIE, code, max_age=COOKIE_AGE, httponly=True, samesite="Lax")
        return response

    def _signup_with_values(self, token, values, do_login):
        res = super()._signup_with_values(token, values, do_login)
        code = request.httprequest.cookies.get(COOKIE)
        if code and values.get("login"):
            user = request.env["res.users"].sudo().search([("login", "=", values["login"])], limit=1)
            user.partner_id._flex_gift_set_referrer(code)
        return res
