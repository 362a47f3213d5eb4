from . import (
    flex_gift_alliance_topup,
    flex_gift_reject,
    flex_gift_venue_create,
    flex_gift_venue_import,
    flex_gift_venue_report_print,
)
