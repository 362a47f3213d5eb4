from odoo.http import request, route

from odoo.addons.website_sale.controllers.cart import Cart


class FlexGiftCart(Cart):
    """The cart's gift options: saved as the buyer types (``/shop/flex_gift/update``, called
    by the cart page's script), or by the plain form post when scripts do not run. The order's
    ``_flex_gift_check_gift`` is the one validation of both."""

    def _cart_values(self, **post):
        values = super()._cart_values(**post)
        # gift options refused by the plain form post: shown again as typed, with the errors
        # (put in the context by flex_gift_set, never read from the URL)
        typed = request.env.context.get("flex_gift_form")
        if typed:
            values.update(flex_gift_form=typed, flex_gift_errors=request.env.context.get("flex_gift_errors") or {})
        return values

    @route("/shop/flex_gift/update", type="jsonrpc", auth="public", methods=["POST"], website=True)
    def flex_gift_update(self, is_gift=False, sender_name="", message="", allow_swap=False, **kw):
        """Save the cart's gift options; ``{"errors": {field: message}, "is_gift": saved flag}``
        (with errors, nothing is written)."""
        order_sudo = request.cart
        if not order_sudo:
            return {"errors": {"is_gift": request.env._("Your cart is empty.")}, "is_gift": False}
        errors = order_sudo._flex_gift_check_gift(bool(is_gift), sender_name, message)
        if not errors:
            order_sudo._flex_gift_set_gift(bool(is_gift), sender_name, message, bool(allow_swap))
        return {"errors": errors, "is_gift": order_sudo.flex_gift_is_gift}

    @route("/shop/flex_gift/set", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def flex_gift_set(self, is_gift=None, sender_name="", message="", allow_swap=None, **kw):
        """The gift form posted without scripts: saved, or the cart again with what was typed
        and each error beside its field (status 400, nothing written)."""
        order_sudo = request.cart
        if not order_sudo:
            return request.redirect("/shop/cart")
        errors = order_sudo._flex_gift_check_gift(bool(is_gift), sender_name, message)
        if not errors:
            order_sudo._flex_gift_set_gift(bool(is_gift), sender_name, message, bool(allow_swap))
            return request.redirect("/shop/cart")
        typed = dict(
            order_sudo._flex_gift_clean_gift(sender_name, message), is_gift=bool(is_gift), allow_swap=bool(allow_swap)
        )
        request.update_context(flex_gift_form=typed, flex_gift_errors=errors)
        response = self.cart()
        response.status_code = 400
        return response
