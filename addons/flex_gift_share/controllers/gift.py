from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.flex_gift_catalog.tools import text
from odoo.addons.flex_gift_share.models.flex_gift_link import FlexGiftUnavailableError
from odoo.addons.flex_gift_share.models.flex_gift_link_claim import CLAIM_ADDRESS_FIELDS, CLAIM_MAX_LENGTHS


class FlexGiftShare(http.Controller):
    # ---------------------------------------------------------- claim side

    def _flex_gift_ip(self):
        return request.httprequest.remote_addr or "unknown"

    def _flex_gift_unavailable(self, status=404):
        return request.render("flex_gift_share.gift_unavailable", {}, status=status)

    def _flex_gift_lookup(self, token):
        """The claimable link of ``token`` or an HTTP response (rate limit, unknown link).

        Only wrong tokens are rate-limited per address: a valid link is always served
        (see flex.gift.claim.attempt)."""
        link = request.env["flex.gift.link"]._flex_gift_find(token)
        if not link:
            if not request.env["flex.gift.claim.attempt"]._flex_gift_try(self._flex_gift_ip()):
                return None, request.render("flex_gift_share.gift_rate_limited", {}, status=429)
            return None, self._flex_gift_unavailable()
        if not link._flex_gift_is_claimable():
            return None, self._flex_gift_unavailable()
        return link, None

    def _flex_gift_values(self, link, token, form=None, errors=None):
        form = form or {}
        errors = errors or {}
        line = link.order_line_id
        template = line.product_id.product_tmpl_id
        earliest, latest = link._flex_gift_delivery_bounds()
        preview_url = line.flex_gift_preview_url or f"/web/image/product.template/{template.id}/image_1024"
        Country = request.env["res.country"].sudo()
        country = request.website.company_id.country_id
        if form:  # as posted, even none
            country = Country.browse(text.to_id(form.get("country_id")) or ()).exists()
        swap_options = link._flex_gift_swap_options() if link.allow_swap else []
        # the fields the page has an input for show their error beside it; the others above the form
        shown = {*CLAIM_ADDRESS_FIELDS, "delivery_date"} | ({"combination_id"} if len(swap_options) > 1 else set())
        return {
            "link": link,
            "token": token,
            "product_name": template.name,
            "combination": link.combination_id or line.flex_gift_combination_id,
            "personalization": template.flex_gift_component_ids._flex_gift_words(line.flex_gift_personalization)
            if line.flex_gift_personalization
            else [],
            "preview_url": preview_url,
            "sender_name": link.sender_name,
            "message": link.message,
            "swap_options": swap_options,
            # the date picker's bounds (ISO), and the dates as the visitor reads them
            "earliest": earliest.isoformat(),
            "latest": latest.isoformat(),
            "bounds_text": link._flex_gift_delivery_bounds_text(),
            "delivery_date": link._flex_gift_date_input(form.get("delivery_date"))
            or link._flex_gift_date_label(earliest),
            "countries": Country.search([]),
            "country": country,
            "states": country.state_ids,
            "max_lengths": CLAIM_MAX_LENGTHS,
            # what was typed, shown again as it was checked (control characters removed)
            "form": {name: text.clean(value) if text.is_text(value) else "" for name, value in form.items()},
            "errors": errors,
            "other_errors": list(dict.fromkeys(message for name, message in errors.items() if name not in shown)),
            "og_image": request.httprequest.url_root.rstrip("/") + preview_url,
        }

    @http.route("/gift/<string:token>", type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def flex_gift_page(self, token, **kw):
        link, response = self._flex_gift_lookup(token)
        if response:
            return response
        return request.render("flex_gift_share.gift_claim_page", self._flex_gift_values(link, token))

    @http.route("/gift/<string:token>/check", type="jsonrpc", auth="public", methods=["POST"], website=True)
    def flex_gift_check(self, token, form=None, **kw):
        """Check the claim form as typed so far (the page shows the errors of the fields the
        visitor already filled in): ``{"available": bool, "errors": {field: message}}``."""
        link, response = self._flex_gift_lookup(token)
        if response:
            return {"available": False, "errors": {}}
        _values, errors = link._flex_gift_validate_claim(form if isinstance(form, dict) else {})
        return {"available": True, "errors": errors}

    @http.route("/gift/<string:token>/claim", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def flex_gift_claim(self, token, **form):
        link, response = self._flex_gift_lookup(token)
        if response:
            return response
        values, errors = link._flex_gift_validate_claim(form)
        if errors:
            page = self._flex_gift_values(link, token, form=form, errors=errors)
            return request.render("flex_gift_share.gift_claim_page", page, status=400)
        try:
            link._flex_gift_claim(**values, defer_release=True)
        except FlexGiftUnavailableError:
            return self._flex_gift_unavailable()
        except UserError as error:  # refused on a second look: shown as the form's errors are
            page = self._flex_gift_values(link, token, form=form, errors={"claim": error.args[0]})
            return request.render("flex_gift_share.gift_claim_page", page, status=400)
        return request.render(
            "flex_gift_share.gift_claimed",
            {"claimed_text": link._flex_gift_claimed_text(values["delivery_date"])},
        )
