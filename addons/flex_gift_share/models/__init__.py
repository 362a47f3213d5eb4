from . import (
    flex_gift_claim_attempt,
    flex_gift_link,
    mail_mail,
    res_config_settings,
    sale_order,
    sale_order_line,
    stock_move,
    stock_picking,
    stock_rule,
    website,
)
