from . import (
    test_venue_alliance,
    test_venue_alliance_membership,
    test_venue_alliance_pages,
    test_venue_alliance_tour,
    test_venue_create,
    test_venue_gift_journey,
    test_venue_import,
    test_venue_isolation,
    test_venue_members,
    test_venue_report,
    test_venue_settlement,
    test_venue_tour,
)
