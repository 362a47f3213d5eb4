from . import test_access, test_claim_http, test_link, test_mail, test_performance, test_refund, test_sms, test_tour
