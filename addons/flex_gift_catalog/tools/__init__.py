"""Pure helpers of flex_gift_catalog: no ORM, no Odoo import, plain unit tests."""

from . import combination, concurrency, preview, rules, text
