from . import flex_gift_venue_create, flex_gift_venue_import
