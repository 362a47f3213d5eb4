import re

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.flex_gift_catalog.models.flex_gift_preview import FlexGiftQuotaExceeded
from odoo.addons.flex_gift_catalog.tools import text

DIGEST_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_VALUES = 100  # attribute values a configuration can name


class FlexGiftConfigurator(http.Controller):
    @http.route(
        "/flex_gift/configuration_info", type="jsonrpc", auth="public", website=True, methods=["POST"], sitemap=False
    )
    def configuration_info(self, product_template_id, ptav_ids=None, personalization=None, **kwargs):
        """Lead time, delivery date, preview URL and errors for the chosen configuration."""
        template_id = text.to_id(product_template_id)
        try:
            template = request.env["product.template"].browse(template_id).exists() if template_id else None
            visible = (
                template
                and template.is_library_work
                and (template.website_published or request.env.user._is_internal())
            )
        except AccessError:
            visible = False
        if not visible:
            raise request.not_found()
        ids = text.to_ids(ptav_ids, limit=MAX_VALUES)
        combination = request.env["product.template.attribute.value"].browse(ids).exists()
        try:
            info = template.sudo()._flex_gift_configuration_info(combination.sudo(), personalization or {})
        except FlexGiftQuotaExceeded as error:
            # the page shows the message where it shows the configuration's errors
            return {
                "available": False,
                "quota_exceeded": True,
                "status": 429,
                "error": error.args[0],
                "lead_text": error.args[0],
                "lead_days": 0,
                "delivery_date": False,
                "delivery_date_label": False,
                "preview_url": False,
                "price_extra": 0.0,
            }
        return template._flex_gift_lead_texts(info)

    @http.route(
        "/flex_gift/preview/<string:digest>/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False
    )
    def preview(self, digest, token, **kwargs):
        """A preview or upload by its digest and the HMAC of it (flex.gift.preview._url):
        a digest alone, even a right one, is not found."""
        if not DIGEST_RE.match(digest) or not DIGEST_RE.match(token):
            raise request.not_found()
        blob = request.env["flex.gift.preview"]._flex_gift_find_by_token(digest, token)
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
