/**
 * Shop steps the Flex Gift tours share (next to Odoo's own `@website_sale/js/tours/tour_utils`).
 */

/** Add the product of the open page to the cart, then open the cart. */
export function addToCartAndOpenCart() {
    return [
        {
            content: "add to cart",
            trigger: "#add_to_cart",
            run: "click",
        },
        {
            content: "the cart counter shows the work",
            trigger: ".my_cart_quantity:contains(1)",
        },
        {
            content: "go to the cart",
            trigger: "a[href='/shop/cart']",
            run: "click",
            expectUnloadPage: true,
        },
    ];
}
