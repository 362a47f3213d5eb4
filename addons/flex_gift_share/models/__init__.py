from . import (
    flex_gift_claim_attempt,
    flex_gift_link,
    flex_gift_link_claim,
    flex_gift_link_refund,
    mail_mail,
    res_config_settings,
    sale_order,
    sale_order_line,
    stock_move,
    stock_picking,
    stock_rule,
    website,
)
