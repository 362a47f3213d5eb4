from urllib.parse import urlencode

from odoo import fields, http
from odoo.http import request

from odoo.addons.flex_gift_share.models.flex_gift_link import FlexGiftUnavailableError


class FlexGiftShare(http.Controller):
    # ------------------------------------------------------------- shop side

    @http.route("/shop/flex_gift/set", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def flex_gift_set(self, is_gift=None, sender_name="", message="", allow_swap=None, **kw):
        order_sudo = request.cart
        if not order_sudo:
            return request.redirect("/shop/cart")
        error = order_sudo._flex_gift_check_gift(bool(is_gift), sender_name)
        if error:
            # a code, not the text: a crafted URL must not put words on the shop's page
            return request.redirect("/shop/cart?" + urlencode({"flex_gift_error": error}))
        order_sudo._flex_gift_set_gift(bool(is_gift), sender_name, message, bool(allow_swap))
        return request.redirect("/shop/cart")

    # ---------------------------------------------------------- claim side

    def _flex_gift_ip(self):
        return request.httprequest.remote_addr or "unknown"

    def _flex_gift_unavailable(self, status=404):
        return request.render("flex_gift_share.gift_unavailable", {}, status=status)

    def _flex_gift_lookup(self, token):
        """The claimable link of ``token`` or an HTTP response (rate limit, unknown link)."""
        Attempt = request.env["flex.gift.claim.attempt"]
        ip = self._flex_gift_ip()
        if Attempt._flex_gift_is_blocked(ip):
            return None, request.render("flex_gift_share.gift_rate_limited", {}, status=429)
        link = request.env["flex.gift.link"]._flex_gift_find(token)
        if not link:
            Attempt._flex_gift_record(ip)
            return None, self._flex_gift_unavailable()
        if not link._flex_gift_is_claimable():
            return None, self._flex_gift_unavailable()
        return link, None

    def _flex_gift_values(self, link, token, form=None, errors=None, error_fields=None):
        line = link.order_line_id
        template = line.product_id.product_tmpl_id
        earliest, latest = link._flex_gift_delivery_bounds()
        preview_url = line.flex_gift_preview_url or f"/web/image/product.template/{template.id}/image_1024"
        country_id = str((form or {}).get("country_id") or "")
        country = request.env["res.country"].sudo().browse(int(country_id) if country_id.isdigit() else ()).exists()
        country = country or request.website.company_id.country_id
        return {
            "link": link,
            "token": token,
            "product_name": template.name,
            "combination": link.combination_id or line.flex_gift_combination_id,
            "personalization": template._flex_gift_personalization_words(line.flex_gift_personalization)
            if line.flex_gift_personalization
            else [],
            "preview_url": preview_url,
            "sender_name": link.sender_name,
            "message": link.message,
            "swap_options": link._flex_gift_swap_options() if link.allow_swap else [],
            "earliest": fields.Date.to_string(earliest),
            "latest": fields.Date.to_string(latest),
            "countries": request.env["res.country"].sudo().search([]),
            "country": country,
            "states": country.state_ids,
            "form": form or {},
            "errors": errors or [],
            "error_fields": error_fields or set(),
            "og_image": request.httprequest.url_root.rstrip("/") + preview_url,
        }

    @http.route("/gift/<string:token>", type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def flex_gift_page(self, token, **kw):
        link, response = self._flex_gift_lookup(token)
        if response:
            return response
        return request.render("flex_gift_share.gift_claim_page", self._flex_gift_values(link, token))

    @http.route("/gift/<string:token>/claim", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def flex_gift_claim(self, token, **form):
        link, response = self._flex_gift_lookup(token)
        if response:
            return response
        values, errors = link._flex_gift_validate_claim(form)
        if errors:
            messages = list(dict.fromkeys(errors.values()))
            page = self._flex_gift_values(link, token, form=form, errors=messages, error_fields=set(errors))
            return request.render("flex_gift_share.gift_claim_page", page, status=400)
        try:
            link._flex_gift_claim(**values, defer_release=True)
        except FlexGiftUnavailableError:
            return self._flex_gift_unavailable()
        return request.render(
            "flex_gift_share.gift_claimed",
            {
                "delivery_date": values["delivery_date"],
                "product_name": link.order_line_id.product_id.product_tmpl_id.name,
            },
        )
