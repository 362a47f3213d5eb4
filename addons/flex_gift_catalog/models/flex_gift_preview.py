import base64
import hashlib

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

    def _get_bytes(self):
        self.ensure_one()
        return base64.b64decode(self.datas or b"")

    def _url(self):
        self.ensure_one()
        return f"/flex_gift/preview/{self.digest}"
