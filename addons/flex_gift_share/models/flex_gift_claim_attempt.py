from datetime import timedelta

from odoo import api, fields, models


class FlexGiftClaimAttempt(models.Model):
    """A wrong gift token tried from an address: the per-IP rate limit counts these."""

    _name = "flex.gift.claim.attempt"
    _description = "Failed Gift Link Attempt"
    _log_access = False

    ip = fields.Char(required=True, index=True)
    attempt_date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _flex_gift_is_blocked(self, ip, limit=10, window_seconds=60):
        since = fields.Datetime.now() - timedelta(seconds=window_seconds)
        return self.sudo().search_count([("ip", "=", ip), ("attempt_date", ">=", since)], limit=limit) >= limit

    @api.model
    def _flex_gift_record(self, ip):
        self.sudo().create({"ip": ip})

    @api.autovacuum
    def _gc_attempts(self):
        self.sudo().search([("attempt_date", "<", fields.Datetime.now() - timedelta(hours=1))]).unlink()
