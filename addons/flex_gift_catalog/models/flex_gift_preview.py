import base64
import hashlib
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import ConcurrencyError
from odoo.tools import mute_logger

from ..tools import preview as preview_tools


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
        blob = self._flex_gift_claim(digest, kind, mimetype)
        blob.datas = base64.b64encode(data)
        return blob

    def _flex_gift_claim(self, digest, kind, mimetype="image/png"):
        """Insert the (still empty) row of a blob nobody stored yet, before it is made.

        The unique index on the digest serializes the transactions making the same
        blob: a second one waits on the insert until the first one ends, and when the
        first one committed, raises ConcurrencyError so that Odoo retries the request
        in a new transaction, which finds the blob. So a preview is rendered once and
        shared, and identical requests arriving at once all succeed.
        """
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return self.create({"digest": digest, "kind": kind, "mimetype": mimetype})
        except psycopg2.errors.UniqueViolation:
            raise ConcurrencyError(f"flex.gift.preview {digest} was stored by a concurrent transaction") from None

    @api.model
    def _flex_gift_get_or_render(self, template, attribute_values, cleaned, size=preview_tools.DEFAULT_SIZE):
        """The preview of ``template`` in a combination (product.template.attribute.value)
        with a cleaned personalization: from the store, or rendered once and stored."""
        template.ensure_one()
        layers = self._flex_gift_layers(template, attribute_values, cleaned)
        font = preview_tools.find_cjk_font()
        # the work's image changes only with a write: (id, write_date) names it
        # without reading the image itself on every cache hit
        base_version = f"{template.id}:{template.write_date.isoformat() if template.write_date else ''}"
        digest = preview_tools.preview_digest(base_version, layers, size, font)
        store = self.sudo()
        found = store.search_fetch([("digest", "=", digest)], ["digest"], limit=1)
        if found:
            return found
        blob = store._flex_gift_claim(digest, "preview")
        base = template.sudo().image_1024
        uploads = {
            layer["digest"]: upload._get_bytes()
            for layer in layers
            if layer["type"] == "image"
            for upload in store.search([("digest", "=", layer["digest"])], limit=1)
        }
        png = preview_tools.render_preview(base64.b64decode(base) if base else None, layers, size, font, uploads)
        blob.datas = base64.b64encode(png)
        return blob

    @api.model
    def _flex_gift_layers(self, template, attribute_values, cleaned):
        """What a preview is drawn from: the work's image coloured by the chosen values
        that have a colour, the personalization, and a legend naming every chosen value
        with its colour chip, so that each option changes the preview."""
        Combination = self.env["flex.gift.combination"]
        values = Combination._flex_gift_sorted(attribute_values)
        layers = []
        tint = preview_tools.mix_colors([v.html_color for v in values if preview_tools.is_color(v.html_color)])
        if tint:
            layers.append({"type": "tint", "color": tint})
        layers += template.flex_gift_component_ids._flex_gift_preview_layers(cleaned)
        if values:
            layers.append(
                {
                    "type": "legend",
                    "items": [[self._flex_gift_value_color(v), Combination._flex_gift_label(v)] for v in values],
                    "x": 0.02,
                    "y": 0.895,
                    "w": 0.96,
                    "h": 0.095,
                    "font_size": 26,
                    "color": "#555555",
                }
            )
        return layers

    @api.model
    def _flex_gift_value_color(self, value):
        """The colour of an attribute value on previews: its own, or one derived from it."""
        if preview_tools.is_color(value.html_color):
            return value.html_color
        return preview_tools.stable_color(f"{value.attribute_id.id}:{value.product_attribute_value_id.id}")

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
