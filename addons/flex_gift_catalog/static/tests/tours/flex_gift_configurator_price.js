import { registry } from "@web/core/registry";

/**
 * The configurator as a visitor sees it, at any screen size: every visual option
 * redraws the preview, the preview stays on screen while the options change (a phone
 * included), the price shown includes a choice's extra and is what the cart charges.
 * Figures read on the product page are kept in sessionStorage for the cart page.
 */

const STORE = "flex_gift_configurator_tour";

function amount(el) {
    return parseFloat(el.textContent.replace(/[^\d.,-]/g, "").replace(/,(?=\d{3}(\D|$))/g, ""));
}

function remember(values) {
    sessionStorage.setItem(STORE, JSON.stringify({ ...recalled(), ...values }));
}

function recalled() {
    return JSON.parse(sessionStorage.getItem(STORE) || "{}");
}

/** The preview is entirely inside the viewport and nothing covers its middle. */
function assertPreviewOnScreen(when) {
    const img = document.querySelector("img.o_flex_gift_preview");
    const rect = img.getBoundingClientRect();
    if (
        rect.height < 100 ||
        rect.top < 0 ||
        rect.bottom > window.innerHeight ||
        rect.left < 0 ||
        rect.right > window.innerWidth
    ) {
        throw new Error(
            `${when}: the preview is not on screen (top ${Math.round(rect.top)}, bottom ` +
                `${Math.round(rect.bottom)}, height ${Math.round(rect.height)}, viewport ` +
                `${window.innerWidth}x${window.innerHeight})`
        );
    }
    const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    if (hit !== img) {
        throw new Error(`${when}: the preview is covered by ${hit?.outerHTML.slice(0, 120)}`);
    }
}

function pickAttributeValue(valueName, { pill = false } = {}) {
    const input = `input.js_variant_change[data-value-name='${valueName}']`;
    return [
        {
            content: `pick ${valueName}, scrolled to where it is in the list`,
            trigger: pill ? `li.o_variant_pills:has(${input})` : input,
            async run(helpers) {
                this.anchor.closest("li")?.scrollIntoView({ block: "center", behavior: "instant" });
                await helpers.click();
            },
        },
        {
            content: `the preview was redrawn for ${valueName}, and is on screen`,
            trigger: `img.o_flex_gift_preview[data-attribute-values*='${valueName}'][src^='/flex_gift/preview/']`,
            run() {
                const src = this.anchor.getAttribute("src");
                const previews = recalled().previews || [];
                if (previews.includes(src)) {
                    throw new Error(`${valueName} did not change the preview`);
                }
                remember({ previews: [...previews, src] });
                assertPreviewOnScreen(`after picking ${valueName}`);
            },
        },
    ];
}

/** The price shown once website_sale priced the configuration naming `names`. */
function priceOf(names, key) {
    const priced = names.map((name) => `[data-flex-gift-priced*='${name}']`).join("");
    return {
        content: `the price shown for ${names.join(", ")}`,
        trigger: `.js_main_product .product_price${priced} .oe_price .oe_currency_value`,
        run() {
            remember({ [key]: amount(this.anchor) });
        },
    };
}

registry.category("web_tour.tours").add("flex_gift_catalog_configurator_price", {
    steps: () => [
        {
            content: "the page opens with the lead time already written",
            trigger: ".o_flex_gift_lead_text:contains(Ships in)",
            run() {
                sessionStorage.removeItem(STORE);
            },
        },
        {
            content: "and the preview already drawn, on screen",
            trigger: "img.o_flex_gift_preview:not(.d-none)[src^='/flex_gift/preview/']",
            run() {
                remember({ previews: [this.anchor.getAttribute("src")] });
                this.anchor.scrollIntoView({ block: "nearest", behavior: "instant" });
                assertPreviewOnScreen("on arrival");
                const asked = performance
                    .getEntriesByType("resource")
                    .map((entry) => entry.name)
                    .filter((url) => /\/(website_sale\/get_combination_info|flex_gift\/configuration_info)/.test(url));
                if (asked.length) {
                    throw new Error(`the page asked again for what it was drawn with: ${asked}`);
                }
            },
        },
        ...pickAttributeValue("Porcelain 瓷"),
        ...pickAttributeValue("Tenmoku 天目", { pill: true }),
        ...pickAttributeValue("Bamboo 竹盒"),
        priceOf(["Bamboo 竹盒", "Red 红色"], "withoutExtra"),
        {
            content: "choose the gold ribbon (+12.00)",
            trigger: ".o_flex_gift_component[data-component-type='choice'] select.o_flex_gift_input",
            async run(helpers) {
                this.anchor.scrollIntoView({ block: "center", behavior: "instant" });
                await helpers.selectByLabel("Gold");
            },
        },
        priceOf(["Bamboo 竹盒", "Gold 金色"], "withExtra"),
        {
            content: "the price shown includes the ribbon's extra",
            trigger: "img.o_flex_gift_preview",
            run() {
                const { withoutExtra, withExtra } = recalled();
                if (!(withExtra > withoutExtra)) {
                    throw new Error(`the price shown (${withExtra}) leaves out the extra (${withoutExtra} without)`);
                }
                assertPreviewOnScreen("after choosing the ribbon");
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
            content: "the cart line shows the ribbon's extra in its breakdown",
            trigger: ".o_flex_gift_price_breakdown .o_flex_gift_price_extra:contains(Gold)",
        },
        {
            content: "the cart charges what the product page showed; the breakdown adds up to it",
            trigger: "#cart_products .o_cart_product:has(.o_flex_gift_price_breakdown)",
            run() {
                const { withExtra } = recalled();
                const charged = [
                    ...this.anchor.querySelectorAll("[name='website_sale_cart_line_price'] .oe_currency_value"),
                ]
                    .filter((el) => el.offsetParent !== null)
                    .map(amount);
                if (!charged.length || charged.some((price) => Math.abs(price - withExtra) > 0.001)) {
                    throw new Error(`the cart charges ${charged} but the product page showed ${withExtra}`);
                }
                const parts = [...this.anchor.querySelectorAll(".o_flex_gift_price_amount .oe_currency_value")].map(
                    amount
                );
                const sum = parts.reduce((a, b) => a + b, 0);
                if (parts.length < 2 || Math.abs(sum - withExtra) > 0.001) {
                    throw new Error(`the breakdown ${parts} does not add up to ${withExtra}`);
                }
            },
        },
    ],
});
