from odoo import SUPERUSER_ID, api

# noupdate group rules of 19.0.1.0.0 (portal; employees), replaced by the global rules of
# security/flex_gift_handmade_order_security.xml: same scopes, but AND-ed, so that no
# other module's group rule can widen them.
OLD_RULES = (
    "flex_gift_artisan.flex_gift_handmade_order_rule_portal",
    "flex_gift_artisan.flex_gift_handmade_order_rule_company",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in OLD_RULES:
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.unlink()
