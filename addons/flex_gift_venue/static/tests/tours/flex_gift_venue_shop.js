import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

// A visitor on a venue's website, no RPC: finds the work the venue imported under the
// venue's own name, configures it, sees the venue's price (the library's price with the
// venue's rule) on the page and in the cart, checks out and pays with Odoo's demo provider.

const STORE = "flex_gift_venue_shop_tour";

function amount(el) {
    return parseFloat(el.textContent.replace(/[^\d.,-]/g, "").replace(/,(?=\d{3}(\D|$))/g, ""));
}

registry.category("web_tour.tours").add("flex_gift_venue_shop", {
    steps: () => [
        {
            content: "the venue's shop lists the imported work under the venue's name",
            trigger: ".oe_product_cart .o_flex_gift_venue_name:contains(Harbour Tea Set)",
            run() {
                sessionStorage.removeItem(STORE);
            },
        },
        {
            content: "with the venue's own image",
            trigger: ".oe_product_cart:has(.o_flex_gift_venue_name) img[src*='/flex.gift.venue.listing/']",
        },
        {
            content: "open the work",
            trigger: ".oe_product_cart a:has(.o_flex_gift_venue_name:contains(Harbour Tea Set))",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the product page shows the venue's name and description",
            trigger: "h1.o_flex_gift_venue_name:contains(Harbour Tea Set) ~ .o_flex_gift_venue_description:contains(harbour)",
        },
        {
            content: "and the lead time with the venue's handling days",
            trigger: ".o_flex_gift_lead_text:contains(Ships in)",
        },
        {
            content: "pick the largest size",
            trigger: "input.js_variant_change[data-value-name='XL 特大']",
            async run(helpers) {
                this.anchor.closest("li")?.scrollIntoView({ block: "center", behavior: "instant" });
                await helpers.click();
            },
        },
        {
            content: "the price shown is the venue's price of that combination",
            trigger: ".js_main_product .product_price[data-flex-gift-priced*='XL 特大'] .oe_price .oe_currency_value",
            run() {
                sessionStorage.setItem(STORE, JSON.stringify({ price: amount(this.anchor) }));
            },
        },
        {
            content: "add to cart",
            trigger: "#add_to_cart",
            async run(helpers) {
                this.anchor.scrollIntoView({ block: "center", behavior: "instant" });
                await helpers.click();
            },
        },
        {
            content: "the cart counts the work",
            trigger: ".my_cart_quantity:contains(1)",
        },
        {
            content: "open the cart",
            trigger: "body",
            run() {
                window.location.href = "/shop/cart";
            },
            expectUnloadPage: true,
        },
        {
            content: "the cart charges what the product page showed",
            trigger: "#cart_products .o_cart_product:contains(Tea Set)",
            run() {
                const { price } = JSON.parse(sessionStorage.getItem(STORE) || "{}");
                const charged = [
                    ...this.anchor.querySelectorAll("[name='website_sale_cart_line_price'] .oe_currency_value"),
                ]
                    .filter((el) => el.offsetParent !== null)
                    .map(amount);
                if (!price || !charged.length || charged.some((value) => Math.abs(value - price) > 0.001)) {
                    throw new Error(`the cart charges ${charged} but the product page showed ${price}`);
                }
            },
        },
        tourUtils.goToCheckout(),
        tourUtils.confirmOrder(),
        {
            content: "pay with Odoo's demo provider",
            trigger: "input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        ...tourUtils.payWithDemo(),
    ],
});
