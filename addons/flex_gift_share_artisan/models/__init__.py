from . import flex_gift_handmade_order, flex_gift_link
