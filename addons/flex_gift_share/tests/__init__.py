from . import (
    test_access,
    test_claim,
    test_claim_http,
    test_hostile_input,
    test_link,
    test_mail,
    test_performance,
    test_portal,
    test_rate_limit,
    test_refund,
    test_sms,
    test_tour,
)
