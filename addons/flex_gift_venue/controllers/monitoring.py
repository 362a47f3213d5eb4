from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request
from odoo.tools import consteq

TOKEN_PARAMETER = "flex_gift_venue.monitoring_token"


class FlexGiftMonitoring(http.Controller):
    """The platform's monitoring page, and its machine-readable twin for a monitoring
    system: ``GET /flex_gift/monitoring.json`` with ``Authorization: Bearer <token>``, the
    token set by the platform in the system parameter ``flex_gift_venue.monitoring_token``
    (no token set: the endpoint answers no one)."""

    @http.route("/flex_gift/monitoring", type="http", auth="user", website=True, sitemap=False)
    def flex_gift_monitoring_page(self, **kwargs):
        if not request.env.user.has_group("flex_gift_venue.group_venue_platform"):
            raise Forbidden()
        figures = request.env["flex.gift.monitoring"]._flex_gift_figures()
        return request.render("flex_gift_venue.monitoring_page", {"figures": figures})

    @http.route("/flex_gift/monitoring.json", type="http", auth="none", methods=["GET"], sitemap=False, csrf=False)
    def flex_gift_monitoring_json(self, **kwargs):
        expected = request.env["ir.config_parameter"].sudo().get_param(TOKEN_PARAMETER) or ""
        given = request.httprequest.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if len(expected) < 16 or not consteq(given, expected):
            return request.make_json_response({"error": "unauthorized"}, status=401)
        return request.make_json_response(request.env["flex.gift.monitoring"]._flex_gift_figures())
