{
    "name": "Flex Gift Share - Artisan",
    "summary": "A gifted handmade work is made for its recipient: one handmade order per claimed unit",
    "version": "19.0.1.0.0",
    "category": "Website/eCommerce",
    "website": "https://github.com/flex-gift/flex-gift",
    "author": "Flex Gift",
    "license": "LGPL-3",
    "depends": ["flex_gift_share", "flex_gift_artisan"],
    "data": [
        "views/flex_gift_handmade_order_views.xml",
        "views/flex_gift_link_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "flex_gift_share_artisan/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
    "installable": True,
}
