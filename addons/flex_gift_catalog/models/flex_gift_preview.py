import base64
import hashlib
from datetime import timedelta

import psycopg2

from odoo import api, fields, models, tools
from odoo.exceptions import ConcurrencyError, UserError
from odoo.http import request
from odoo.tools import SQL, mute_logger

from ..tools import preview as preview_tools

# settings (ir.config_parameter, see res.config.settings) and their defaults
QUOTA_PARAMS = {
    "flex_gift_catalog.quota_visitor_mb": 20,
    "flex_gift_catalog.quota_ip_mb": 100,
    "flex_gift_catalog.quota_global_mb": 2000,
    "flex_gift_catalog.quota_window_minutes": 60,
    "flex_gift_catalog.unused_days": 7,
}


class FlexGiftQuotaExceeded(UserError):
    """A website visitor made more previews and uploads than the quotas allow (HTTP 429)."""


class FlexGiftPreview(models.Model):
    """Content-addressed store of rendered previews and customer uploads.

    A preview's digest is the hash of everything it is drawn from (see
    tools.preview.preview_digest), so the same configuration is rendered
    once. An upload's digest is the SHA-256 of its bytes. Digests are 256-bit
    values.

    Public URLs carry an HMAC of the digest keyed with the database secret (as Odoo's
    access tokens): knowing or guessing a digest is not enough to see a blob.

    Website visitors other than employees are bounded: what each one creates is
    counted (bytes, with their address and a hash of their session) and past the
    per-visitor, per-address or global budget of the window, creating a new blob
    raises FlexGiftQuotaExceeded; blobs already stored are still served.
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
    file_size = fields.Integer(readonly=True)
    visitor_ip = fields.Char(readonly=True, help="Address of the website visitor who made it (quotas).")
    visitor_key = fields.Char(readonly=True, help="Hash of the session of the website visitor who made it (quotas).")

    _digest_unique = models.Constraint("UNIQUE (digest)", "A blob is stored once.")
    _visitor_ip_create_date_idx = models.Index("(visitor_ip, create_date) WHERE visitor_ip IS NOT NULL")
    _visitor_key_create_date_idx = models.Index("(visitor_key, create_date) WHERE visitor_key IS NOT NULL")
    _visitor_create_date_idx = models.Index("(create_date) WHERE visitor_ip IS NOT NULL")

    @api.model
    def _store(self, data, kind="preview", mimetype="image/png", digest=None):
        """Get or create the blob for ``data``; safe under concurrent calls."""
        digest = digest or hashlib.sha256(data).hexdigest()
        found = self.search([("digest", "=", digest)], limit=1)
        if found:
            return found
        blob = self._flex_gift_claim(digest, kind, mimetype)
        blob.write({"datas": base64.b64encode(data), "file_size": len(data)})
        return blob

    def _flex_gift_claim(self, digest, kind, mimetype="image/png"):
        """Insert the (still empty) row of a blob nobody stored yet, before it is made.

        The unique index on the digest serializes the transactions making the same
        blob: a second one waits on the insert until the first one ends, and when the
        first one committed, raises ConcurrencyError so that Odoo retries the request
        in a new transaction, which finds the blob. So a preview is rendered once and
        shared, and identical requests arriving at once all succeed.

        A website visitor past a quota gets FlexGiftQuotaExceeded instead.
        """
        visitor = self._flex_gift_visitor()
        values = {"digest": digest, "kind": kind, "mimetype": mimetype}
        if visitor:
            self._flex_gift_check_quota(*visitor)
            values.update(visitor_ip=visitor[0], visitor_key=visitor[1])
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return self.create(values)
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
        blob.write({"datas": base64.b64encode(png), "file_size": len(png)})
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

    # ------------------------------------------------------------------
    # quotas of website visitors
    # ------------------------------------------------------------------

    @api.model
    def _flex_gift_param(self, key):
        """A quota setting (a positive integer), or its default."""
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return max(int(value), 0) if value not in (None, False, "") else QUOTA_PARAMS[key]
        except (TypeError, ValueError):
            return QUOTA_PARAMS[key]

    @api.model
    def _flex_gift_visitor(self):
        """(address, session hash) of the website visitor a quota applies to, or None:
        no HTTP request (crons, tests of models), an employee, or the bench's bypass."""
        if self.env.context.get("flex_gift_catalog_no_quota") or not request:
            return None
        if getattr(request, "session", None) is None or getattr(request, "env", None) is None:
            return None
        if request.env.user._is_internal():
            return None
        ip = request.httprequest.remote_addr or "unknown"
        key = hashlib.sha256(f"flex_gift_quota:{request.session.sid}".encode()).hexdigest()[:32]
        return ip, key

    @api.model
    def _flex_gift_check_quota(self, ip, key):
        """Raise FlexGiftQuotaExceeded when what this visitor, their address or all
        visitors together created in the window reached its budget (one query). Requests
        running at once may each store one more blob: the overshoot is bounded by the
        number of workers times one blob."""
        minutes = self._flex_gift_param("flex_gift_catalog.quota_window_minutes")
        limits = [
            self._flex_gift_param(f"flex_gift_catalog.quota_{scope}_mb") * 1024 * 1024
            for scope in ("visitor", "ip", "global")
        ]
        if not any(limits):
            return
        since = fields.Datetime.now() - timedelta(minutes=minutes)
        self.flush_model(["file_size", "visitor_ip", "visitor_key"])
        [used] = self.env.execute_query(
            SQL(
                """SELECT COALESCE(SUM(file_size) FILTER (WHERE visitor_key = %s), 0),
                          COALESCE(SUM(file_size) FILTER (WHERE visitor_ip = %s), 0),
                          COALESCE(SUM(file_size), 0)
                     FROM flex_gift_preview
                    WHERE visitor_ip IS NOT NULL AND create_date >= %s""",
                key,
                ip,
                since,
            )
        )
        if any(limit and spent >= limit for spent, limit in zip(used, limits, strict=True)):
            raise FlexGiftQuotaExceeded(
                self.env._(
                    "You made many previews and uploads in a short time. "
                    "Please wait %(minutes)s minutes and try again.",
                    minutes=minutes,
                )
            )

    @api.model
    def _gc_unused(self, days=None):
        """Cron: drop previews and uploads nobody ordered, once they are `days` old
        (the setting “flex_gift_catalog.unused_days” by default).

        The configurator renders a preview for every keystroke pause and any
        visitor may upload an image; only what ends on an order line is kept.
        """
        if days is None:
            days = self._flex_gift_param("flex_gift_catalog.unused_days")
        limit = fields.Datetime.now() - timedelta(days=days)
        stale = self.search([("is_kept", "=", False), ("create_date", "<", limit)])
        stale.unlink()
        return len(stale)

    def _get_bytes(self):
        self.ensure_one()
        return base64.b64decode(self.datas or b"")

    def _flex_gift_token(self):
        """The key of the public URL: an HMAC of the digest with the database secret."""
        self.ensure_one()
        return tools.hmac(self.env(su=True), "flex_gift_catalog.preview", self.digest)

    @api.model
    def _flex_gift_find_by_token(self, digest, token):
        """The blob of a public URL, or an empty recordset (token compared in constant time)."""
        blob = self.sudo().search([("digest", "=", digest)], limit=1)
        if blob and tools.consteq(blob._flex_gift_token(), token):
            return blob
        return self.sudo().browse()

    def _url(self):
        self.ensure_one()
        return f"/flex_gift/preview/{self.digest}/{self._flex_gift_token()}"
