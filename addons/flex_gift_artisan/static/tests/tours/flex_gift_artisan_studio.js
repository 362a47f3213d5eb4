import { registry } from "@web/core/registry";

/**
 * The studio's steps on an open handmade order page, from accepting it to shipping it
 * with a tracking reference (other tours of the suite reuse them).
 */
export function shipHandmadeSteps(reference) {
    return [
        {
            content: "accept the order",
            trigger: ".o_flex_gift_handmade_order[data-state='new'] button.o_flex_gift_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "start production",
            trigger: ".o_flex_gift_handmade_order[data-state='accepted'] button.o_flex_gift_start",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "mark it ready",
            trigger: ".o_flex_gift_handmade_order[data-state='in_production'] button.o_flex_gift_ready",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "type the carrier",
            trigger: ".o_flex_gift_handmade_order[data-state='ready'] input[name='carrier']",
            run: "edit SF Express",
        },
        {
            content: "type the tracking reference",
            trigger: ".o_flex_gift_handmade_order[data-state='ready'] input[name='tracking_ref']",
            run: `edit ${reference}`,
        },
        {
            content: "ship",
            trigger: "button.o_flex_gift_ship",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the order shows as shipped with its tracking reference",
            trigger: `.o_flex_gift_handmade_order[data-state='shipped'] .o_flex_gift_tracking:contains(${reference})`,
        },
    ];
}

registry.category("web_tour.tours").add("flex_gift_artisan_studio", {
    steps: () => [
        {
            content: "open the new handmade order from the studio's list",
            trigger: "tr.o_flex_gift_handmade_row:has(.o_flex_gift_handmade_state[data-state='new']) a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the full-size preview is shown",
            trigger: "img.o_flex_gift_handmade_preview[src^='/flex_gift/preview/']",
        },
        ...shipHandmadeSteps("SF0042"),
    ],
});
