from . import (
    test_access,
    test_configurator,
    test_configurator_http,
    test_configurator_tour,
    test_matrix,
    test_matrix_generate,
    test_order_mail,
    test_performance,
    test_personalization,
    test_review_views,
    test_tour,
    test_upload_messages,
)
