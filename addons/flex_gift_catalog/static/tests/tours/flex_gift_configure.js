import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

let firstPreview = "";

registry.category("web_tour.tours").add("flex_gift_catalog_configure", {
    steps: () => [
        {
            content: "lead time and date are shown for the first combination",
            trigger: ".o_flex_gift_lead_text:contains(Ships in)",
        },
        {
            content: "the preview is drawn",
            trigger: "img.o_flex_gift_preview:not(.d-none)[src^='/flex_gift/preview/']",
            run() {
                firstPreview = this.anchor.getAttribute("src");
            },
        },
        {
            content: "the first combination costs the base price",
            trigger: ".js_main_product .product_price .oe_currency_value:contains(388.00)",
        },
        {
            content: "pick the largest size",
            trigger: "input.js_variant_change[data-value-name='XL 特大']",
            run: "click",
        },
        {
            content: "the price follows the matrix (base + 4 x 3)",
            trigger: ".js_main_product .product_price .oe_currency_value:contains(400.00)",
        },
        {
            content: "the lead time follows the matrix (7 + 4 days)",
            trigger: ".o_flex_gift_lead_text[data-lead-days='11']:contains(Ships in 11 days)",
        },
        {
            content: "type an engraving",
            trigger: ".o_flex_gift_component[data-component-type='text'] .o_flex_gift_input",
            run: "edit 福",
        },
        {
            content: "the preview was redrawn with the engraving",
            trigger: "img.o_flex_gift_preview[data-values*='福'][src^='/flex_gift/preview/']",
            run() {
                if (this.anchor.getAttribute("src") === firstPreview) {
                    throw new Error("preview did not change");
                }
            },
        },
        {
            content: "add to cart",
            trigger: "#add_to_cart",
            run: "click",
        },
        tourUtils.goToCart(),
        {
            content: "the cart shows the personalized preview",
            trigger: "#cart_products img.o_flex_gift_line_preview[src^='/flex_gift/preview/']",
        },
        tourUtils.goToCheckout(),
        {
            content: "the checkout summary shows the preview too",
            trigger: "img.o_flex_gift_line_preview[src^='/flex_gift/preview/']",
        },
        tourUtils.confirmOrder(),
        ...tourUtils.payWithTransfer({ expectUnloadPage: true }),
        {
            content: "the confirmation shows the personalized preview",
            trigger: "img.o_flex_gift_line_preview[src^='/flex_gift/preview/']",
        },
    ],
});

registry.category("web_tour.tours").add("flex_gift_catalog_portal_order", {
    steps: () => [
        {
            content: "the portal order shows the work's personalized preview",
            trigger: "img.o_flex_gift_line_preview[src^='/flex_gift/preview/']",
        },
        {
            content: "and the personalization in words",
            trigger: "span:contains(Engraving 刻字: 福)",
        },
    ],
});
