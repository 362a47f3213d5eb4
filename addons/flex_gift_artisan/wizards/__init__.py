from . import flex_gift_handmade_order_cancel
