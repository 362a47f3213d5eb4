from datetime import timedelta

from odoo import api, fields, models
from odoo.sql_db import Cursor
from odoo.tools import SQL

# key space of the advisory locks taken per address (pg_advisory_xact_lock(int, int))
ATTEMPT_LOCK_SPACE = 0x46474154  # "FGAT"


class FlexGiftClaimAttempt(models.TransientModel):
    """A wrong gift token tried from an address: the per-IP rate limit counts these.

    As Odoo's ``auth.totp.rate.limit.log``: a transient model with a composite index,
    whose old rows Odoo's vacuum removes. The limit applies to wrong tokens only: a
    valid link is always served, so an address shared by many people (a company's
    NAT, a phone network) never locks a recipient out of their own gift because
    someone else mistyped links. Tokens are random 256-bit values: serving valid
    ones to a blocked address does not help anyone guess them.
    """

    _name = "flex.gift.claim.attempt"
    _description = "Failed Gift Link Attempt"
    _transient_max_hours = 1.0

    _ip_create_date_idx = models.Index("(ip, create_date)")

    ip = fields.Char(required=True, readonly=True)

    @api.model
    def _flex_gift_try(self, ip, limit=10, window_seconds=60):
        """Record a wrong token tried from ``ip``, unless ``ip`` reached ``limit`` wrong
        tokens in the last ``window_seconds``. Returns False when blocked.

        Atomic: the count and the insert run in a transaction of their own, at READ
        COMMITTED, under an advisory lock per address, so attempts sent at once are
        counted one after the other and never exceed the limit; the attempt is kept
        whatever happens to the request's own transaction.
        """
        with self.env.registry.cursor() as cr:
            if isinstance(cr, Cursor):  # not the tests' shared cursor
                cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
            cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", ATTEMPT_LOCK_SPACE, ip))
            attempts = self.env(cr=cr, su=True)[self._name]
            since = fields.Datetime.now() - timedelta(seconds=window_seconds)
            if attempts.search_count([("ip", "=", ip), ("create_date", ">=", since)], limit=limit) >= limit:
                return False
            attempts.create({"ip": ip})
        return True
