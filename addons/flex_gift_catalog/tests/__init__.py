from . import (
    test_access,
    test_configurator_http,
    test_matrix,
    test_order_mail,
    test_performance,
    test_personalization,
    test_tour,
)
