import { registry } from "@web/core/registry";

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
            content: "remember the price",
            trigger: ".js_main_product .product_price .oe_currency_value",
            run() {
                window.__flexGiftPrice = this.anchor.textContent;
            },
        },
        {
            content: "pick the last size",
            trigger: "input.js_variant_change[data-value-name='XL 特大']",
            run: "click",
        },
        {
            content: "the price changed",
            trigger: ".js_main_product .product_price .oe_currency_value",
            run() {
                if (this.anchor.textContent === window.__flexGiftPrice) {
                    throw new Error("price did not change");
                }
            },
        },
        {
            content: "lead time grew with the size",
            trigger: ".o_flex_gift_lead_text[data-lead-days]:not([data-lead-days='7']):contains(Ships in)",
        },
        {
            content: "type an engraving",
            trigger: ".o_flex_gift_component[data-component-type='text'] .o_flex_gift_input",
            run: "edit 福",
        },
        {
            content: "the preview changed",
            trigger: "img.o_flex_gift_preview[src^='/flex_gift/preview/']",
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
        {
            content: "go to the cart",
            trigger: "a[href='/shop/cart']",
            run: "click",
        },
        {
            content: "the cart shows the personalized preview",
            trigger: "#cart_products img.o_flex_gift_line_preview[src^='/flex_gift/preview/']",
        },
    ],
});
