from . import (
    account_move,
    flex_gift_handmade_order,
    product_product,
    res_company,
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_line,
)
