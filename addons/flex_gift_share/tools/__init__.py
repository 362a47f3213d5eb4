"""Pure helpers of flex_gift_share: no ORM, no Odoo import, plain unit tests."""

from . import link_html, postcode, token  # noqa: F401
