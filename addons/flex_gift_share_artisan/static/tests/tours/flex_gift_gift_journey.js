import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";
import { shipHandmadeSteps } from "@flex_gift_artisan/../tests/tours/flex_gift_artisan_studio";
import { giftOptionsSteps } from "@flex_gift_share/../tests/tours/flex_gift_share";

// Journey 1 of MISSION.md as its people walk it, no RPC: the member configures and
// personalizes a handmade work, sends two as a gift, pays with Odoo's demo provider and
// opens a link from the portal; each recipient claims anonymously; the studio ships.

registry.category("web_tour.tours").add("flex_gift_journey_buy", {
    steps: () => [
        {
            content: "pick the largest size",
            trigger: "input.js_variant_change[data-value-name='XL 特大']",
            run: "click",
        },
        {
            content: "type an engraving",
            trigger: ".o_flex_gift_component[data-component-type='text'] .o_flex_gift_input",
            run: "edit 福",
        },
        {
            content: "the preview is redrawn with the engraving",
            trigger: "img.o_flex_gift_preview[data-values*='福'][src^='/flex_gift/preview/']",
        },
        {
            content: "two units: one per recipient",
            trigger: "input[name='add_qty']",
            run: "edit 2",
        },
        {
            content: "add to cart",
            trigger: "#add_to_cart",
            run: "click",
        },
        tourUtils.goToCart({ quantity: 2 }),
        ...giftOptionsSteps({ sender: "Mitchell", message: "For your new home!", allowSwap: true }),
        tourUtils.goToCheckout(),
        tourUtils.confirmOrder(),
        {
            content: "pay with Odoo's demo provider",
            trigger: "input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        ...tourUtils.payWithDemo(),
        {
            content: "open my orders in the portal",
            trigger: "[name='order_confirmation']",
            run() {
                window.location.href = "/my/orders";
            },
            expectUnloadPage: true,
        },
        {
            content: "open the order just paid",
            trigger: "table tbody tr:first-child a[href*='/my/orders/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the order is a gift to two recipients, both links waiting",
            trigger:
                ".o_flex_gift_links:has(.o_flex_gift_recipients:contains(Gift to 2 recipients))" +
                ":has(.o_flex_gift_link[data-progress=pending] ~ .o_flex_gift_link[data-progress=pending])",
        },
        {
            content: "open the first gift link",
            trigger: "a.o_flex_gift_link_url",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the gift page shows the message, no price",
            trigger: ".o_flex_gift_claim_message:contains(For your new home!):not(:contains($))",
        },
    ],
});

function claimSteps({ name, phone, street, swap }) {
    const steps = [
        {
            content: "the gift and the sender's message are shown",
            trigger: ".o_flex_gift_claim_message:contains(For your new home!)",
        },
    ];
    if (swap) {
        steps.push({
            content: "choose another version, the cheapest offered",
            trigger: "select[name='combination_id']:has(option + option)",
            run() {
                const select = this.anchor;
                select.value = select.options[select.options.length - 1].value;
                select.dispatchEvent(new Event("change", { bubbles: true }));
            },
        });
    }
    steps.push(
        { content: "name", trigger: "input[name='name']", run: `edit ${name}` },
        { content: "mobile", trigger: "input[name='phone']", run: `edit ${phone}` },
        { content: "street", trigger: "input[name='street']", run: `edit ${street}` },
        { content: "zip", trigger: "input[name='zip']", run: "edit 1000" },
        { content: "city", trigger: "input[name='city']", run: "edit Brussels" },
        { content: "country", trigger: "select[name='country_id']", run: "selectByLabel Belgium" },
        {
            content: "claim",
            trigger: "button.o_flex_gift_claim_submit",
            run: "click",
            expectUnloadPage: true,
        },
        { content: "claimed", trigger: ".o_flex_gift_claimed" }
    );
    return steps;
}

registry.category("web_tour.tours").add("flex_gift_journey_claim_swap", {
    steps: () => claimSteps({ name: "Ada First", phone: "0470 12 34 56", street: "Rue Haute 12", swap: true }),
});

registry.category("web_tour.tours").add("flex_gift_journey_claim", {
    steps: () => claimSteps({ name: "Bo Second", phone: "0471 98 76 54", street: "Kerkstraat 5", swap: false }),
});

registry.category("web_tour.tours").add("flex_gift_journey_studio", {
    steps: () => [
        {
            content: "open the new handmade order",
            trigger: "tr.o_flex_gift_handmade_row:has(.o_flex_gift_handmade_state[data-state='new']) a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "it ships to its recipient in Brussels, never to the buyer",
            trigger: ".o_flex_gift_deliver_to:contains(Brussels):not(:contains(Scranton)):not(:contains(555-555))",
        },
        {
            content: "with the date the recipient asked for",
            trigger: ".o_flex_gift_requested",
        },
        {
            content: "and the buyer's personalization and preview",
            trigger: ".o_flex_gift_personalization:contains(福)",
        },
        { content: "preview", trigger: "img.o_flex_gift_handmade_preview[src^='/flex_gift/preview/']" },
        ...shipHandmadeSteps("SF-GIFT"),
    ],
});

registry.category("web_tour.tours").add("flex_gift_journey_buyer_shipped", {
    steps: () => [
        {
            content: "both gifts are shipped, and the page says to whom only as a count",
            trigger:
                ".o_flex_gift_links:has(.o_flex_gift_recipients:contains(Gift to 2 recipients))" +
                ":has(.o_flex_gift_link[data-progress=shipped] ~ .o_flex_gift_link[data-progress=shipped])",
        },
        {
            content: "no recipient's address, no delivery slip that would answer 404",
            trigger:
                "body:not(:has(a[href*='/my/picking/'])):not(:contains(Rue Haute 12)):not(:contains(Kerkstraat 5))",
        },
    ],
});
