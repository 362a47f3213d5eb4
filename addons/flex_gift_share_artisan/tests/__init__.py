from . import test_chinese, test_gift_handmade, test_performance, test_portal, test_tour
