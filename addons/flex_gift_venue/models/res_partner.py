import secrets

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    flex_gift_referral_code = fields.Char(
        string="Referral Code",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Given to an approved agent: customers who sign up through its link are referred by it.",
    )

    flex_gift_is_agent = fields.Boolean(
        string="Agent", readonly=True, copy=False, help="An approved agent: earns the agent referral bonus."
    )
    flex_gift_referrer_id = fields.Many2one(
        "res.partner",
        string="Referred by",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The agent or member whose referral link this customer signed up through.",
    )

    _flex_gift_referral_code_unique = models.UniqueIndex(
        "(flex_gift_referral_code) WHERE flex_gift_referral_code IS NOT NULL", "This referral code is taken."
    )

    def _flex_gift_ensure_referral_code(self):
        """Give the partner a referral code if it has none: random, 10 URL-safe characters."""
        for partner in self.sudo().filtered(lambda p: not p.flex_gift_referral_code):
            partner.flex_gift_referral_code = secrets.token_urlsafe(8)[:10]
        return self.flex_gift_referral_code

    @api.constrains("flex_gift_referrer_id")
    def _check_flex_gift_referrer(self):
        for partner in self:
            if partner.flex_gift_referrer_id == partner or partner._has_cycle("flex_gift_referrer_id"):
                raise ValidationError(self.env._("A customer cannot be referred by themselves, directly or in a loop."))

    def _flex_gift_set_referrer(self, code):
        """Attach this new customer to the owner of referral ``code``; an unknown code, or
        one that would make a loop, attaches nobody (and says nothing to the visitor)."""
        self.ensure_one()
        referrer = self.sudo().search([("flex_gift_referral_code", "=", code)], limit=1) if code else self.browse()
        partner = self.sudo()
        if not referrer or partner.flex_gift_referrer_id:
            return False
        node = referrer
        while node:  # the referrer's own chain of referrers: never back to this customer
            if node == partner:
                return False
            node = node.flex_gift_referrer_id
        partner.flex_gift_referrer_id = referrer
        return True
