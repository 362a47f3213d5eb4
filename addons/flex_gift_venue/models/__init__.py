from . import (
    account_move,
    account_move_line,
    flex_gift_combination,
    flex_gift_handmade_order,
    flex_gift_venue,
    flex_gift_venue_listing,
    product_template,
    res_company,
    sale_order,
    sale_order_line,
    website,
)
