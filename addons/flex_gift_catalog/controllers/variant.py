from odoo.http import request, route

from odoo.addons.flex_gift_catalog.tools import text
from odoo.addons.website_sale.controllers.variant import WebsiteSaleVariantController

# a personalization takes one value per component: more keys than this is no personalization
MAX_COMPONENTS = 50


class FlexGiftVariantController(WebsiteSaleVariantController):
    @route()
    def get_combination_info_website(self, *args, flex_gift_personalization=None, **kwargs):
        """The product page's price includes the extras of the chosen personalization
        options (see product.product._get_product_price_context): the price shown is
        the price the cart charges. Only a personalization that can be one is used (a dict
        of at most ``MAX_COMPONENTS`` component ids to short values): anything else prices
        the product without extras, as the page's first view does."""
        personalization = self._flex_gift_personalization(flex_gift_personalization)
        if personalization:
            request.update_context(flex_gift_personalization=personalization)
        return super().get_combination_info_website(*args, **kwargs)

    def _flex_gift_personalization(self, value):
        if not isinstance(value, dict) or len(value) > MAX_COMPONENTS:
            return {}
        return {
            str(key): option
            for key, option in value.items()
            if text.to_id(key) and text.is_text(option) and len(str(option)) <= 1000
        }
