import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

/**
 * In the cart: send it as a gift with a sender name and a message (and, with allowSwap,
 * let recipients choose another version); the options are saved as they are typed, no button
 * to press (other tours of the suite reuse these steps).
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
    steps.push({ content: "saved as typed: the cart is a gift", trigger: ".o_flex_gift_is_gift" });
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

// The cart's gift options are never lost: a refused checkout keeps every value typed and
// points at the field; once corrected, checkout proceeds and the order has them, with no
// button pressed to save them.
registry.category("web_tour.tours").add("flex_gift_share_cart_options", {
    steps: () => [
        { content: "add the work to the cart", trigger: "#add_to_cart", run: "click" },
        tourUtils.goToCart(),
        {
            content: "no save button to press: the options are saved as they are typed",
            trigger: ".o_flex_gift_form:not(:has(.o_flex_gift_save:visible))",
        },
        { content: "send as a gift", trigger: "#flex_gift_is_gift", run: "click" },
        { content: "no sender name", trigger: "#flex_gift_sender_name", run: "clear" },
        { content: "a message", trigger: "#flex_gift_message", run: "edit Enjoy your tea!" },
        { content: "recipients may choose", trigger: "#flex_gift_allow_swap", run: "click" },
        {
            content: "saved as typed, and refused: no sender name",
            trigger: ".o_flex_gift_form[data-state=refused]",
        },
        {
            content: "try to check out",
            trigger: "a[name='website_sale_main_button']",
            run: "click",
        },
        {
            content: "refused: the sender name is marked, its message beside it",
            trigger:
                "#flex_gift_sender_name.is-invalid + .invalid-feedback:contains(Please enter the sender name)",
        },
        {
            content: "nothing typed was lost",
            trigger:
                ".o_flex_gift_form:has(#flex_gift_is_gift:checked):has(#flex_gift_allow_swap:checked)" +
                ":has(#flex_gift_message:value(Enjoy your tea!))",
        },
        { content: "the sender name", trigger: "#flex_gift_sender_name", run: "edit Mitchell" },
        {
            content: "the mark goes once the field is right",
            trigger: "#flex_gift_sender_name:not(.is-invalid)",
        },
        { content: "a last word, then straight to checkout", trigger: "#flex_gift_message", run: "edit Enjoy your tea, Ada!" },
        tourUtils.goToCheckout(),
        {
            content: "a gift: no delivery address is asked",
            trigger: ".o_flex_gift_checkout_note",
        },
    ],
});

// The claim page: nothing marked on a first view, the states follow the country (Odoo's own
// address script), a wrong postcode is told beside its field as soon as it is left and again
// by the server, what was typed stays, and the date reads in the visitor's format.
registry.category("web_tour.tours").add("flex_gift_share_claim_checks", {
    steps: () => [
        {
            content: "a first view marks nothing",
            trigger: ".o_flex_gift_claim_form:not(:has(.is-invalid)):not(:has(.invalid-feedback:not(:empty)))",
        },
        { content: "name", trigger: "input[name='name']", run: "edit Gift Friend" },
        { content: "left empty: still nothing marked", trigger: "input[name='street']", run: "click" },
        {
            content: "no warning for a field not typed in",
            trigger: ".o_flex_gift_claim_form:not(:has(.is-invalid))",
        },
        { content: "Canada", trigger: "select[name='country_id']", run: "selectByLabel Canada" },
        {
            content: "the states are Canada's",
            trigger:
                "select[name='state_id']:has(option:contains(Ontario)):not(:has(option:contains(District of Columbia)))",
        },
        { content: "Belgium", trigger: "select[name='country_id']", run: "selectByLabel Belgium" },
        {
            content: "no Canadian state left",
            trigger: "body:not(:has(select[name='state_id'] option:contains(Ontario)))",
        },
        { content: "mobile", trigger: "input[name='phone']", run: "edit 0470 12 34 56" },
        { content: "street", trigger: "input[name='street']", run: "edit Rue Haute 12" },
        { content: "a postcode that is not Belgian", trigger: "input[name='zip']", run: "edit ABCDE" },
        { content: "city", trigger: "input[name='city']", run: "edit Brussels" },
        {
            content: "the postcode is marked as soon as it is left, the message beside it",
            trigger: "input[name='zip'].is-invalid + .invalid-feedback:contains(not a postcode of Belgium)",
        },
        {
            content: "claim anyway",
            trigger: "button.o_flex_gift_claim_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the server says so beside the field too",
            trigger: "input[name='zip'].is-invalid + .invalid-feedback:contains(not a postcode of Belgium)",
        },
        {
            content: "and kept what was typed",
            trigger: "input[name='street']:value(Rue Haute 12):not(.is-invalid)",
        },
        { content: "a Belgian postcode", trigger: "input[name='zip']", run: "edit 1000" },
        {
            content: "the mark goes once it is right",
            trigger: "input[name='zip']:not(.is-invalid)",
        },
        {
            content: "claim",
            trigger: "button.o_flex_gift_claim_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "claimed, the date as the visitor reads it",
            trigger: ".o_flex_gift_claimed .o_flex_gift_claimed_text:contains(/)",
        },
    ],
});
