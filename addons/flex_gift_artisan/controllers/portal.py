from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.flex_gift_catalog.tools import text
from odoo.addons.portal.controllers.portal import CustomerPortal

# the longest reason a studio may give when it rejects an order
REASON_MAX_LENGTH = 2000


class FlexGiftArtisanPortal(CustomerPortal):
    """Thin routes: the record rules decide what a user sees, the model what they may do."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "flex_gift_handmade_count" in counters:
            Handmade = request.env["flex.gift.handmade.order"]
            values["flex_gift_handmade_count"] = (
                Handmade.search_count([], limit=1) if Handmade.has_access("read") else 0
            )
        return values

    def _flex_gift_handmade(self, order_id):
        """The handmade order ``order_id`` the user may read, else 404 (an id too large for the
        database included)."""
        order_id = text.to_id(order_id)
        if not order_id:
            raise NotFound()
        order = request.env["flex.gift.handmade.order"].browse(order_id)
        try:
            order.check_access("read")
            order.state  # noqa: B018 - raise for a deleted record
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return order

    @http.route(["/my/handmade", "/my/handmade/page/<flex_gift_id:page>"], type="http", auth="user", website=True)
    def portal_my_handmade_orders(self, page=1, **kwargs):
        Handmade = request.env["flex.gift.handmade.order"]
        studio = request.env.user.commercial_partner_id
        domain = []
        total = Handmade.search_count(domain)
        pager = request.website.pager(url="/my/handmade", total=total, page=page, step=self._items_per_page)
        orders = Handmade.search(domain, order="date_due, id desc", limit=self._items_per_page, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "orders": orders,
                "pager": pager,
                "page_name": "handmade",
                "studio": studio if studio.is_artisan_studio else False,
                "default_url": "/my/handmade",
            }
        )
        return request.render("flex_gift_artisan.portal_my_handmade_orders", values)

    @http.route("/my/handmade/<flex_gift_id:order_id>", type="http", auth="user", website=True)
    def portal_my_handmade_order(self, order_id, **kwargs):
        return self._flex_gift_render_handmade(order_id)

    def _flex_gift_render_handmade(self, order_id, error=None, status=200):
        """The handmade order's page; ``error`` comes from a refused action, never from the URL."""
        order = self._flex_gift_handmade(order_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "order": order,
                "page_name": "handmade_order",
                "is_studio": order.sudo().studio_id == request.env.user.commercial_partner_id,
                "error": error,
            }
        )
        return request.render("flex_gift_artisan.portal_my_handmade_order", values, status=status)

    @http.route(
        "/my/handmade/<flex_gift_id:order_id>/<string:action>", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_my_handmade_order_action(self, order_id, action, expected_state=None, **kwargs):
        order = self._flex_gift_handmade(order_id)
        # what the studio typed, normalised as the gift forms are (flex_gift_catalog.tools.text):
        # no control character reaches the database; a value that is not text is refused
        typed = {name: kwargs.get(name) for name in ("reason", "carrier", "tracking_ref") if name in kwargs}
        if not all(map(text.is_text, [*typed.values(), expected_state])) or len(action) > 32:
            return self._flex_gift_render_handmade(
                order_id, error=request.env._("This request could not be read."), status=400
            )
        values = {name: text.clean(value, multiline=name == "reason") for name, value in typed.items()}
        if len(values.get("reason", "")) > REASON_MAX_LENGTH:
            return self._flex_gift_render_handmade(
                order_id,
                error=request.env._("Please enter at most %(max)s characters.", max=REASON_MAX_LENGTH),
                status=400,
            )
        try:
            with request.env.cr.savepoint():
                order._flex_gift_portal_action(action, text.clean(expected_state) or None, **values)
        except (UserError, AccessError) as error:
            return self._flex_gift_render_handmade(order_id, error=error.args[0], status=400)
        return request.redirect(f"/my/handmade/{order_id}")

    @http.route("/my/handmade/payouts", type="http", auth="user", website=True)
    def portal_my_payouts(self, **kwargs):
        studio = request.env.user.commercial_partner_id
        if not studio.is_artisan_studio:
            raise NotFound()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "studio": studio,
                "statement": studio.sudo()._flex_gift_payout_statement(),
                "page_name": "handmade_payouts",
            }
        )
        return request.render("flex_gift_artisan.portal_my_payouts", values)

    @http.route("/my/handmade/payouts/statement", type="http", auth="user", website=True)
    def portal_my_payout_statement(self, report_type="pdf", download=False, **kwargs):
        studio = request.env.user.commercial_partner_id
        if not studio.is_artisan_studio:
            raise NotFound()
        report_ref = "flex_gift_artisan.action_report_payout_statement"
        if report_type not in ("pdf", "html", "text"):
            raise NotFound()
        if report_type != "pdf":
            return self._show_report(studio.sudo(), report_type, report_ref, download=download)
        # Odoo's _show_report names a PDF with _get_report_base_filename, which a partner has
        # not: name it as the backend's Print menu does, with the report's print_report_name
        report_sudo = request.env["ir.actions.report"].sudo()
        pdf, _kind = report_sudo._render_qweb_pdf(report_ref, studio.ids)
        name = safe_eval(report_sudo._get_report(report_ref).print_report_name, {"object": studio, "time": time})
        disposition = content_disposition(f"{name}.pdf", disposition_type="attachment" if download else "inline")
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", disposition),
            ],
        )
