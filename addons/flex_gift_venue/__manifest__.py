{
    "name": "Flex Gift Venue",
    "summary": "Venues as companies with their own web shops: import from the library, the venue "
    "back office, and a running account with the platform booked in both ledgers",
    "version": "19.0.1.1.0",
    "category": "Website/eCommerce",
    "website": "https://github.com/flex-gift/flex-gift",
    "author": "Flex Gift",
    "license": "LGPL-3",
    "depends": [
        "flex_gift_share",
        "flex_gift_artisan",
        "website_sale",
    ],
    "data": [
        "security/flex_gift_venue_groups.xml",
        "security/ir.model.access.csv",
        "security/flex_gift_venue_security.xml",
        "security/flex_gift_venue_report_security.xml",
        "data/product_product_data.xml",
        "data/ir_cron_data.xml",
        "views/flex_gift_venue_listing_views.xml",
        "views/flex_gift_venue_views.xml",
        "views/flex_gift_venue_report_views.xml",
        "views/flex_gift_venue_member_views.xml",
        "wizards/flex_gift_venue_report_print_views.xml",
        "report/flex_gift_venue_report_templates.xml",
        "views/flex_gift_venue_menus.xml",
        "views/flex_gift_venue_templates.xml",
        "views/sale_order_views.xml",
    ],
    "demo": [
        "demo/flex_gift_venue_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "flex_gift_venue/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "_flex_gift_venue_post_init",
    "installable": True,
    "application": True,
}
