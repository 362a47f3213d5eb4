from . import test_demo_website, test_gift_order_pdf, test_payment_provider
