from . import test_pricing_tools, test_venue_create, test_venue_import, test_venue_settlement
