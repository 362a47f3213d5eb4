from odoo.http import request, route

from odoo.addons.website_sale.controllers.variant import WebsiteSaleVariantController


class FlexGiftVariantController(WebsiteSaleVariantController):
    @route()
    def get_combination_info_website(self, *args, flex_gift_personalization=None, **kwargs):
        """The product page's price includes the extras of the chosen personalization
        options (see product.product._get_product_price_context): the price shown is
        the price the cart charges."""
        if isinstance(flex_gift_personalization, dict):
            request.update_context(flex_gift_personalization=flex_gift_personalization)
        return super().get_combination_info_website(*args, **kwargs)
