from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _get_product_price_context(self, combination):
        """Price a library work from its matrix instead of attribute extras, plus the
        extras of the options chosen in the ``flex_gift_personalization`` context key
        (what the product page asks for: the price shown is the price charged)."""
        res = super()._get_product_price_context(combination)
        template = self.product_tmpl_id
        if template.is_library_work:
            full = self.product_template_attribute_value_ids | combination
            row = self.env["flex.gift.combination"]._flex_gift_lookup(template, full)
            if row:
                res.pop("no_variant_attributes_price_extra", None)
                extra = row.price - self.list_price - self.price_extra
                personalization = self.env.context.get("flex_gift_personalization")
                if personalization:
                    extra += template.flex_gift_component_ids._flex_gift_extra(personalization)
                if extra:
                    res["no_variant_attributes_price_extra"] = extra
        return res
