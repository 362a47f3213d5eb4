from . import (
    account_move,
    account_move_line,
    flex_gift_alliance,
    flex_gift_alliance_entry,
    flex_gift_alliance_ledger,
    flex_gift_alliance_preset,
    flex_gift_application,
    flex_gift_combination,
    flex_gift_handmade_order,
    flex_gift_venue,
    flex_gift_venue_ledger,
    flex_gift_venue_listing,
    flex_gift_venue_member,
    flex_gift_venue_report,
    flex_gift_venue_report_figures,
    loyalty_card,
    loyalty_program,
    payment_transaction,
    product_template,
    res_company,
    res_partner,
    sale_order,
    sale_order_line,
    website,
)

# a view over the venues' table: initialised after it
from . import flex_gift_alliance_report  # isort: skip
