import base64
import hashlib
from datetime import timedelta

import psycopg2

from odoo import api, fields, models


class FlexGiftPreview(models.Model):
    """Content-addressed store of rendered previews and customer uploads.

    A preview's digest is the hash of everything it is drawn from (see
    tools.preview.preview_digest), so the same configuration is rendered
    once. An upload's digest is the SHA-256 of its bytes. Digests are 256-bit
    values that cannot be guessed; the public route serves a blob only to
    whoever already knows its digest.
    """

    _name = "flex.gift.preview"
    _description = "Personalization Preview or Upload"
    _rec_name = "digest"

    digest = fields.Char(required=True, readonly=True, index=True)
    kind = fields.Selection([("preview", "Preview"), ("upload", "Upload")], required=True, readonly=True)
    mimetype = fields.Char(readonly=True, default="image/png")
    datas = fields.Binary(string="Image", attachment=True, readonly=True)
    is_kept = fields.Boolean(
        string="Kept",
        readonly=True,
        index=True,
        help="Referenced by an order line: never garbage-collected.",
    )

    _digest_unique = models.Constraint("UNIQUE (digest)", "A blob is stored once.")

    @api.model
    def _store(self, data, kind="preview", mimetype="image/png", digest=None):
        """Get or create the blob for ``data``; safe under concurrent calls."""
        digest = digest or hashlib.sha256(data).hexdigest()
        found = self.search([("digest", "=", digest)], limit=1)
        if found:
            return found
        try:
            with self.env.cr.savepoint():
                return self.create(
                    {
                        "digest": digest,
                        "kind": kind,
                        "mimetype": mimetype,
                        "datas": base64.b64encode(data),
                    }
                )
        except psycopg2.errors.UniqueViolation:
            return self.search([("digest", "=", digest)], limit=1)

    @api.model
    def _gc_unused(self, days=7):
        """Cron: drop previews and uploads nobody ordered, once they are `days` old.

        The configurator renders a preview for every keystroke pause and any
        visitor may upload an image; only what ends on an order line is kept.
        """
        limit = fields.Datetime.now() - timedelta(days=days)
        stale = self.search([("is_kept", "=", False), ("create_date", "<", limit)])
        stale.unlink()
        return len(stale)

    def _get_bytes(self):
        self.ensure_one()
        return base64.b64decode(self.datas or b"")

    def _url(self):
        self.ensure_one()
        return f"/flex_gift/preview/{self.digest}"
