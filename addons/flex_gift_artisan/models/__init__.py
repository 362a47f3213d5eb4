from . import (
    account_move,
    flex_gift_handmade_order,
    flex_gift_handmade_order_dispatch,
    flex_gift_handmade_order_payout,
    product_product,
    res_company,
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_line,
)
