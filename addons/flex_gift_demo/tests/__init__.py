from . import test_gift_order_pdf, test_payment_provider
