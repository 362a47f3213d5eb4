from . import test_gift_handmade, test_tour
