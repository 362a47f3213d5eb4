import re

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

DIGEST_RE = re.compile(r"^[0-9a-f]{64}$")


class FlexGiftConfigurator(http.Controller):
    @http.route(
        "/flex_gift/configuration_info", type="jsonrpc", auth="public", website=True, methods=["POST"], sitemap=False
    )
    def configuration_info(self, product_template_id, ptav_ids=None, personalization=None, **kwargs):
        """Lead time, delivery date, preview URL and errors for the chosen configuration."""
        try:
            template = request.env["product.template"].browse(int(product_template_id)).exists()
            visible = (
                template
                and template.is_library_work
                and (template.website_published or request.env.user._is_internal())
            )
        except (AccessError, TypeError, ValueError):
            visible = False
        if not visible:
            raise request.not_found()
        ids = [int(i) for i in ptav_ids or [] if str(i).isdigit()] if isinstance(ptav_ids, list) else []
        combination = request.env["product.template.attribute.value"].browse(ids).exists()
        info = template.sudo()._flex_gift_configuration_info(combination.sudo(), personalization or {})
        return template._flex_gift_lead_texts(info)

    @http.route("/flex_gift/preview/<string:digest>", type="http", auth="public", methods=["GET"], sitemap=False)
    def preview(self, digest, **kwargs):
        """A preview or upload by its digest: whoever knows the 256-bit digest may see it."""
        if not DIGEST_RE.match(digest):
            raise request.not_found()
        blob = request.env["flex.gift.preview"].sudo().search([("digest", "=", digest)], limit=1)
        if not blob:
            raise request.not_found()
        return request.make_response(
            blob._get_bytes(),
            headers=[
                ("Content-Type", blob.mimetype or "image/png"),
                ("Cache-Control", "public, max-age=31536000, immutable"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
