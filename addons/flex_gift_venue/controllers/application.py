from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

MAX_UPLOAD_READ = 6 * 1024 * 1024  # read a little past the limit, to tell "too large" from the bytes


class FlexGiftApplication(CustomerPortal):
    """The platform website's sign-up pages for merchants and agents, and the applicant's
    status page (reached by the link in their e-mail: the application's portal token)."""

    def _flex_gift_platform_website(self):
        venue = request.env["flex.gift.venue"].sudo()._flex_gift_of_company(request.website.company_id)
        if venue:  # a venue's own shop takes no applications
            raise NotFound()

    @http.route("/apply/<string:kind>", type="http", auth="public", website=True, sitemap=False, methods=["GET"])
    def flex_gift_apply(self, kind, error=None, values=None, **kwargs):
        self._flex_gift_platform_website()
        if kind not in ("merchant", "agent"):
            raise NotFound()
        return request.render(
            "flex_gift_venue.application_page",
            {
                "kind": kind,
                "error": error,
                "values": values or {},
                "countries": request.env["res.country"].sudo().search([]),
                "currencies": request.env["res.currency"].sudo().search([]),
            },
        )

    @http.route("/apply/<string:kind>", type="http", auth="public", website=True, sitemap=False, methods=["POST"])
    def flex_gift_apply_submit(self, kind, **post):
        self._flex_gift_platform_website()
        if kind not in ("merchant", "agent"):
            raise NotFound()
        files = {}
        for field in ("licence_file", "id_file"):
            upload = request.httprequest.files.get(field)
            if upload and upload.filename:
                files[field] = (upload.filename, upload.stream.read(MAX_UPLOAD_READ))
        values = {key: post.get(key) for key in ("name", "contact_name", "email", "phone", "description")}
        values.update(country_id=post.get("country_id"), currency_id=post.get("currency_id"))
        try:
            application = request.env["flex.gift.application"].sudo()._flex_gift_submit(kind, values, files)
        except (UserError, ValidationError) as error:
            return self.flex_gift_apply(kind, error=error.args[0], values=values)
        return request.redirect(application.get_portal_url())

    @http.route("/apply/status/<int:application_id>", type="http", auth="public", website=True, sitemap=False)
    def flex_gift_apply_status(self, application_id, access_token=None, **kwargs):
        try:
            application = self._document_check_access("flex.gift.application", application_id, access_token)
        except (AccessError, MissingError):
            raise NotFound() from None
        return request.render("flex_gift_venue.application_status_page", {"application": application})
