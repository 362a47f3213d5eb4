import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

/**
 * In the cart: send it as a gift with a sender name and a message (and, with allowSwap,
 * let recipients choose another version), then save (other tours of the suite reuse them).
 */
export function giftOptionsSteps({ sender, message, allowSwap = false }) {
    const steps = [
        { content: "send as a gift", trigger: "#flex_gift_is_gift", run: "click" },
        { content: "sender name", trigger: "#flex_gift_sender_name", run: `edit ${sender}` },
        { content: "message", trigger: "#flex_gift_message", run: `edit ${message}` },
    ];
    if (allowSwap) {
        steps.push({ content: "recipients may choose", trigger: "#flex_gift_allow_swap", run: "click" });
    }
    steps.push(
        {
            content: "save the gift options",
            trigger: "button.o_flex_gift_save",
            run: "click",
            expectUnloadPage: true,
        },
        { content: "the cart is a gift", trigger: ".o_flex_gift_is_gift" }
    );
    return steps;
}

registry.category("web_tour.tours").add("flex_gift_share_send", {
    steps: () => [
        {
            content: "add the work to the cart",
            trigger: "#add_to_cart",
            run: "click",
        },
        tourUtils.goToCart(),
        ...giftOptionsSteps({ sender: "Mitchell", message: "Enjoy your tea!" }),
        tourUtils.goToCheckout(),
        {
            content: "no delivery address is asked for a gift",
            trigger: ".o_flex_gift_checkout_note",
        },
        tourUtils.confirmOrder(),
        ...tourUtils.payWithTransfer({ expectUnloadPage: true }),
        {
            content: "order placed",
            trigger: "#order_name",
        },
    ],
});

registry.category("web_tour.tours").add("flex_gift_share_claim", {
    steps: () => [
        {
            content: "the gift and the sender's message are shown, no price",
            trigger: ".o_flex_gift_claim_message:contains(Enjoy your tea!):not(:contains($))",
        },
        { content: "name", trigger: "input[name='name']", run: "edit Gift Friend" },
        { content: "mobile", trigger: "input[name='phone']", run: "edit (202) 555-0143" },
        { content: "street", trigger: "input[name='street']", run: "edit 8 Gift Lane" },
        { content: "city", trigger: "input[name='city']", run: "edit Washington" },
        { content: "zip", trigger: "input[name='zip']", run: "edit 20001" },
        {
            content: "country",
            trigger: "select[name='country_id']",
            run: "selectByLabel United States",
        },
        {
            content: "claim",
            trigger: "button.o_flex_gift_claim_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the US needs a state: the form says so",
            trigger: ".o_flex_gift_claim_errors, .o_flex_gift_claimed",
        },
        {
            content: "state",
            trigger: ".o_flex_gift_claim_errors ~ form select[name='state_id']:has(option:contains(District of Columbia))",
            run: "selectByLabel District of Columbia",
        },
        {
            content: "claim again",
            trigger: "button.o_flex_gift_claim_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "claimed",
            trigger: ".o_flex_gift_claimed",
        },
    ],
});

registry.category("web_tour.tours").add("flex_gift_share_backend_order", {
    steps: () => [
        {
            content: "open the order's Gift tab",
            trigger: ".o_notebook a.nav-link:contains(Gift)",
            run: "click",
        },
        {
            content: "the claimed gift shows its recipient, delivery address and date",
            trigger:
                ".o_field_widget[name=flex_gift_link_ids] tr.o_data_row:has(td:contains(Claimed))" +
                ":has(td[name=recipient_address]:contains(8 Gift Lane)):has(td[name=recipient_address]:contains(Washington))" +
                ":has(td[name=delivery_date]:contains(/\\d/))",
        },
        {
            content: "the order carries the delivery date as its commitment date",
            trigger: ".o_notebook a.nav-link[name=other_information]",
            run: "click",
        },
        {
            content: "commitment date set",
            // a locked order shows it as text, an open one in an input
            trigger:
                ".o_field_widget[name=commitment_date]:contains(/\\d/), " +
                ".o_field_widget[name=commitment_date] input:value(/\\d/)",
        },
    ],
});
