from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _get_product_price_context(self, combination):
        """Price a library work from its matrix instead of attribute extras."""
        res = super()._get_product_price_context(combination)
        template = self.product_tmpl_id
        if template.is_library_work:
            full = self.product_template_attribute_value_ids | combination
            row = template._flex_gift_get_combination(full)
            if row:
                res.pop("no_variant_attributes_price_extra", None)
                extra = row.price - self.list_price - self.price_extra
                if extra:
                    res["no_variant_attributes_price_extra"] = extra
        return res
