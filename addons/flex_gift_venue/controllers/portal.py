from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class FlexGiftMembershipPortal(CustomerPortal):
    """ "My membership": the member's stored value of each alliance, all of it (theirs)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "flex_gift_membership_count" in counters:
            values["flex_gift_membership_count"] = len(
                request.env["loyalty.card"].sudo()._flex_gift_member_cards(request.env.user.partner_id)
            )
        return values

    @http.route("/my/membership", type="http", auth="user", website=True)
    def flex_gift_membership(self, **kwargs):
        cards = request.env["loyalty.card"].sudo()._flex_gift_member_cards(request.env.user.partner_id)
        values = self._prepare_portal_layout_values()
        values.update(page_name="flex_gift_membership", memberships=[card._flex_gift_membership() for card in cards])
        return request.render("flex_gift_venue.portal_my_membership", values)

    @http.route("/my/referrals", type="http", auth="user", website=True)
    def flex_gift_referrals(self, **kwargs):
        values = self._prepare_portal_layout_values()
        partner = request.env.user.partner_id.commercial_partner_id
        partner._flex_gift_ensure_referral_code()  # every member has a link to share
        values.update(request.env["flex.gift.commission"].sudo()._flex_gift_portal_values(partner))
        values["page_name"] = "flex_gift_referrals"
        return request.render("flex_gift_venue.portal_my_referrals", values)
