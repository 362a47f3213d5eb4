{
    "name": "Flex Gift Demo",
    "summary": "Demo and tests only: Odoo's demo payment provider so a shop journey can be paid, "
    "and Chinese on the demo website",
    "version": "19.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/flex-gift/flex-gift",
    "author": "Flex Gift",
    "license": "LGPL-3",
    "depends": ["flex_gift_catalog", "website_sale", "payment_demo"],
    "demo": [
        "demo/payment_provider_demo.xml",
        "demo/res_lang_demo.xml",
    ],
    "installable": True,
}
