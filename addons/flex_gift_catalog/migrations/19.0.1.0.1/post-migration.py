from odoo import SUPERUSER_ID, api

# noupdate rules of 19.0.1.0.0, bound to the portal and public groups: Odoo ORs group
# rules, so the one on product.template widened website_sale's own rule (visitors read
# every product). The global rules of security/flex_gift_catalog_security.xml replace them.
OLD_RULES = (
    "flex_gift_catalog.product_template_rule_library_published",
    "flex_gift_catalog.flex_gift_combination_rule_published",
    "flex_gift_catalog.flex_gift_component_rule_published",
    "flex_gift_catalog.flex_gift_component_option_rule_published",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in OLD_RULES:
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.unlink()
