from . import (
    flex_gift_combination,
    flex_gift_component,
    flex_gift_component_option,
    flex_gift_preview,
    ir_http,
    mail_template,
    product_product,
    product_template,
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_line,
)
