"""Venue prices and platform prices, without the ORM.

A venue sells a library work at the library's price for the chosen combination with its
own price rule applied: a markup in percent, then a rounding, then a fixed amount. The
rule is the one Odoo's pricelist formula applies (``product.pricelist.item``, ``base =
list_price``), so the venue's pricelist item gives the same figure as ``venue_price``.

What the venue owes the platform for each unit sold is the library price less the
venue's commission rate (``platform_price``).
"""

import math

# rounding of a venue price: (Odoo pricelist ``price_round``, amount added after rounding)
ROUNDINGS = {
    "none": (0.0, 0.0),
    "integer": (1.0, 0.0),
    "x90": (1.0, -0.10),
    "x99": (1.0, -0.01),
}


def round_half_up(value, step):
    """``value`` rounded to a multiple of ``step``, half away from zero, as Odoo's
    ``float_round`` does (with its epsilon: 50 x 1.13 is 56.4999... in binary and
    rounds to 57, as the pricelist does)."""
    if not step:
        return value
    normalized = value / step
    if normalized:
        normalized += math.copysign(2 ** (math.log2(abs(normalized)) - 52), normalized)
    return math.copysign(math.floor(abs(normalized) + 0.5), normalized) * step


def venue_price(library_price, markup_percent=0.0, markup_fixed=0.0, rounding="none"):
    """The venue's price for a combination the library sells at ``library_price``."""
    step, after = ROUNDINGS[rounding]
    price = library_price * (1.0 + (markup_percent or 0.0) / 100.0)
    if step:
        price = round_half_up(price, step)
    return round(price + after + (markup_fixed or 0.0), 2)


def platform_price(library_price, commission_rate):
    """What a venue owes the platform for one unit at ``library_price``."""
    return round(library_price * (1.0 - (commission_rate or 0.0) / 100.0), 2)


def lowest_margin(library_prices, markup_percent, markup_fixed, rounding, commission_rate):
    """The smallest venue price minus platform price over ``library_prices`` (the
    distinct prices of a work's matrix): negative when the rule sells a combination
    under what the venue owes for it."""
    return min(
        (
            venue_price(price, markup_percent, markup_fixed, rounding) - platform_price(price, commission_rate)
            for price in library_prices
        ),
        default=0.0,
    )
