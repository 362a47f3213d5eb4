from . import (
    test_access,
    test_access_roles,
    test_dispatch,
    test_payout,
    test_payout_statement,
    test_performance,
    test_state_machine,
    test_tour,
)
