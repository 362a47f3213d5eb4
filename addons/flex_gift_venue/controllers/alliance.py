from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request


class FlexGiftAlliance(http.Controller):
    """The "Become a member" page of a venue's website: what the alliance gives, its venues,
    the preset top-ups; a top-up goes to the cart and is paid as any order."""

    def _flex_gift_alliance(self):
        venue = request.env["flex.gift.venue"].sudo()._flex_gift_of_company(request.website.company_id)
        alliance = venue.alliance_id.filtered("active")
        if not alliance or venue.website_id != request.website:
            raise NotFound()
        return venue, alliance

    @http.route("/alliance", type="http", auth="public", website=True, sitemap=True)
    def flex_gift_alliance_page(self, error=None, **kwargs):
        venue, alliance = self._flex_gift_alliance()
        values = {"venue": venue, "alliance": alliance, "error": error}
        if not request.env.user._is_public():
            values["card"] = (
                request.env["loyalty.card"].sudo()._flex_gift_member_card(alliance, request.env.user.partner_id)
            )
        return request.render("flex_gift_venue.alliance_page", values)

    @http.route("/alliance/topup", type="http", auth="public", website=True, methods=["POST"], sitemap=False)
    def flex_gift_alliance_topup(self, amount=None, **kwargs):
        _venue, alliance = self._flex_gift_alliance()
        try:
            amount = alliance._flex_gift_topup_amount(amount)
        except (UserError, ValidationError) as error:
            return self.flex_gift_alliance_page(error=error.args[0])
        order = request.cart or request.website._create_cart()
        order._flex_gift_cart_topup(amount)
        return request.redirect("/shop/cart")
