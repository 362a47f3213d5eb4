import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

// A member of a venue alliance, no RPC: tops up stored value on one venue's "Become a member"
// page, paying with Odoo's demo provider; at another venue of the alliance pays with the stored
// value (the cart's "Use") and gets the member discount; buys there again by wire transfer and
// gets none; "My membership" shows what is left and what the discount saved.

const tours = registry.category("web_tour.tours");

function openCart() {
    return {
        content: "open the cart",
        trigger: ".my_cart_quantity:contains(/^[1-9]/)",
        run() {
            window.location.href = "/shop/cart";
        },
        expectUnloadPage: true,
    };
}

tours.add("flex_gift_alliance_topup", {
    steps: () => [
        {
            content: "the venue's \"Become a member\" page offers the preset top-ups and their bonus",
            trigger: ".o_flex_gift_alliance_preset[data-amount='50']:contains(bonus)",
        },
        {
            content: "a custom amount that is not whole is refused, in plain words",
            trigger: "#flex_gift_topup_amount",
            run() {
                // the browser's own number check would stop the form first: lift it, as a forged request would
                this.anchor.removeAttribute("step");
                this.anchor.value = "12.5";
                this.anchor.form.submit();
            },
            expectUnloadPage: true,
        },
        {
            content: "the error, nothing in the cart",
            trigger: ".o_flex_gift_alliance_error:contains(whole amount)",
        },
        {
            content: "top up 50.00 (+ 5.00 bonus)",
            trigger: ".o_flex_gift_alliance_preset[data-amount='50']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the cart holds the top-up of 50.00",
            trigger: "#cart_products .o_cart_product:contains(Top-up) [name='website_sale_cart_line_price']:contains(50.00)",
        },
        tourUtils.goToCheckout(), // services only: no delivery step, straight to payment
        {
            content: "pay with Odoo's demo provider",
            trigger: "input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        ...tourUtils.payWithDemo(),
    ],
});

tours.add("flex_gift_alliance_pay_with_stored_value", {
    steps: () => [
        {
            content: "add the lesson to the cart",
            trigger: "#add_to_cart",
            run: "click",
        },
        openCart(),
        {
            content: "no member discount before paying with stored value",
            trigger: "#cart_products:not(:has(.o_cart_product:contains(Member discount)))",
        },
        {
            content: "pay with the stored value",
            trigger: "form[name=claim_reward] button[name='o_loyalty_claim']:contains('Use')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the member discount is given",
            trigger: "#cart_products .o_cart_product:contains(Member discount)",
        },
        ...tourUtils.assertCartAmounts({ total: "0.00" }),
        tourUtils.goToCheckout(),
        {
            content: "confirm the order: the stored value pays all of it",
            trigger: "button[name='o_payment_submit_button']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "thank you",
            trigger: "div h3:contains('Thank you for your order.')",
        },
    ],
});

tours.add("flex_gift_alliance_pay_by_transfer", {
    steps: () => [
        {
            content: "add the lesson to the cart",
            trigger: "#add_to_cart",
            run: "click",
        },
        openCart(),
        {
            content: "the stored value is offered, not used: no member discount",
            trigger: "form[name=claim_reward] button[name='o_loyalty_claim']:contains('Use')",
        },
        {
            content: "full price",
            trigger: "#cart_products:not(:has(.o_cart_product:contains(Member discount)))",
        },
        ...tourUtils.assertCartAmounts({ total: "30.00" }),
        tourUtils.goToCheckout(), // services only: no delivery step, straight to payment
        {
            content: "pay by wire transfer",
            trigger: "input[name='o_payment_radio'][data-provider-code='custom']",
            run: "click",
        },
        {
            content: "pay",
            trigger: "button[name='o_payment_submit_button']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the order is confirmed, awaiting the transfer",
            trigger: "div h3:contains('Thank you for your order.')",
        },
    ],
});

tours.add("flex_gift_alliance_my_membership", {
    steps: () => [
        {
            content: "the balance: 50.00 + 5.00 bonus - 27.00",
            trigger: ".o_flex_gift_membership_balance:contains(28.00)",
        },
        {
            content: "the member discount saved",
            trigger: ".o_flex_gift_membership_saved:contains(3.00)",
        },
        {
            content: "spent at the second venue",
            trigger: ".o_flex_gift_membership_venues tr:contains(Tour Lakeside):contains(27.00)",
        },
    ],
});
