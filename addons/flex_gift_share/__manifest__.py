{
    "name": "Flex Gift Share",
    "summary": "Send an order as gift links: the recipient claims it with name, phone, address and delivery date",
    "version": "19.0.1.2.0",
    "category": "Website/eCommerce",
    "website": "https://github.com/flex-gift/flex-gift",
    "author": "Flex Gift",
    "license": "LGPL-3",
    "depends": ["flex_gift_catalog", "website_sale", "sale_stock", "sms", "loyalty"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/ir.model.access.csv",
        "security/flex_gift_share_security.xml",
        "views/flex_gift_link_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/flex_gift_share_templates.xml",
        "views/flex_gift_share_menus.xml",
        "data/ir_cron.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "flex_gift_share/static/src/js/*.js",
        ],
        "web.assets_tests": [
            "flex_gift_share/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
