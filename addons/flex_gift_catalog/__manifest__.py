{
    "name": "Flex Gift Catalog",
    "summary": "Curated library of handmade works: priced spec matrix, personalization "
    "with live preview in the website shop",
    "version": "19.0.1.0.1",
    "category": "Website/eCommerce",
    "website": "https://github.com/flex-gift/flex-gift",
    "author": "Flex Gift",
    "license": "LGPL-3",
    "depends": ["website_sale", "mail"],
    "data": [
        "security/flex_gift_catalog_groups.xml",
        "security/ir.model.access.csv",
        "security/flex_gift_catalog_security.xml",
        "wizards/flex_gift_matrix_generate_views.xml",
        "views/flex_gift_combination_views.xml",
        "views/flex_gift_component_views.xml",
        "views/product_template_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/flex_gift_catalog_templates.xml",
        "views/flex_gift_catalog_menus.xml",
        "data/ir_cron.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/product_attribute_demo.xml",
        "demo/product_template_demo.xml",
        "demo/flex_gift_component_demo.xml",
        "demo/flex_gift_matrix_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "flex_gift_catalog/static/src/js/configurator.js",
            "flex_gift_catalog/static/src/scss/configurator.scss",
        ],
        "web.assets_tests": [
            "flex_gift_catalog/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": True,
}
