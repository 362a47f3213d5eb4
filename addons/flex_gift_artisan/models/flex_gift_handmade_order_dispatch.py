from datetime import timedelta

from odoo import api, fields, models


class FlexGiftHandmadeOrder(models.Model):
    """Handmade orders made from confirmed sales order lines, and their dispatch to the studio."""

    _inherit = "flex.gift.handmade.order"

    # ------------------------------------------------------------------
    # creation from sales orders
    # ------------------------------------------------------------------

    @api.model
    def _prepare_from_sale_lines(self, lines):
        """Values of the handmade orders of confirmed library-work lines (no query per line
        beyond what prefetching reads in batch)."""
        return [self._prepare_from_sale_line(line) for line in lines]

    @api.model
    def _prepare_from_sale_line(self, line, row=None, quantity=None, start=None, requested=None):
        """Values of one handmade order of ``line``: by default the whole line as ordered;
        ``row`` (another combination of the work), ``quantity``, ``start`` (when production
        may start) and ``requested`` (delivery date asked for) make one of its units."""
        template = line.product_id.product_tmpl_id
        order = line.order_id
        row = row or line.flex_gift_combination_id
        quantity = line.product_uom_qty if quantity is None else quantity
        personalization = line.flex_gift_personalization or {}
        start = start or order.date_order or fields.Datetime.now()
        if requested is None and order.commitment_date:
            requested = fields.Date.context_today(self, order.commitment_date)
        preview = line.flex_gift_preview_id
        if row != line.flex_gift_combination_id:
            preview = self._flex_gift_preview_of(template, row, personalization)
        return {
            "sale_line_id": line.id,
            "studio_id": template.flex_gift_artisan_id.id,
            "product_tmpl_id": template.id,
            "combination_id": row.id,
            "combination_words": row.name or ", ".join(line.product_no_variant_attribute_value_ids.mapped("name")),
            "personalization": personalization,
            "personalization_words": "\n".join(template.flex_gift_component_ids._flex_gift_words(personalization))
            if personalization
            else False,
            "preview_id": preview.id,
            "quantity": quantity,
            "ship_from_id": template.flex_gift_ship_from_id.id or template.flex_gift_artisan_id.id,
            "date_confirmed": start,
            "lead_days": row.lead_days,
            "date_requested": requested or False,
            "date_due": self._flex_gift_due_date(start, row.lead_days, requested),
            "currency_id": (row.currency_id or order.currency_id).id,
            "artisan_cost": row.sudo().artisan_cost * quantity,  # confirmed by whoever may sell it
        }

    @api.model
    def _flex_gift_due_date(self, start, lead_days, requested=None):
        """Ship by: ``start`` (a datetime) plus the lead time, or the requested date when later."""
        due = fields.Date.context_today(self, start) + timedelta(days=lead_days or 0)
        return max(due, requested) if requested else due

    @api.model
    def _flex_gift_preview_of(self, template, row, personalization):
        """The preview of ``template`` in combination ``row`` with ``personalization``
        (rendered once, kept: a handmade order refers to it)."""
        preview = self.env["flex.gift.preview"]._flex_gift_get_or_render(
            template, row._flex_gift_attribute_values(), personalization
        )
        preview.filtered(lambda blob: not blob.is_kept).write({"is_kept": True})
        return preview

    @api.model
    def _create_from_sale_lines(self, lines):
        lines = lines.filtered(
            lambda line: (
                line.product_id.product_tmpl_id.is_library_work
                and line.product_id.product_tmpl_id.flex_gift_artisan_id
                and not line.display_type
            )
        )
        if not lines:
            return self.browse()
        existing = self.sudo().search_fetch([("sale_line_id", "in", lines.ids)], ["sale_line_id"])
        lines -= existing.sale_line_id
        return self._flex_gift_create_and_dispatch(self._prepare_from_sale_lines(lines))

    @api.model
    def _flex_gift_create_and_dispatch(self, vals_list):
        """Create handmade orders and queue their studio e-mails."""
        orders = (
            self.sudo()
            .with_context(mail_create_nosubscribe=True, mail_create_nolog=True)
            .create([dict(vals, dispatch_pending=True) for vals in vals_list])
        )
        orders._dispatch_to_studio()
        return orders

    def _dispatch_to_studio(self):
        """Queue the studio's e-mail of every new handmade order: a scheduled action sends
        them right after the commit, so a confirmation (or a claim) never waits for it."""
        if not self:
            return
        self.filtered(lambda order: not order.dispatch_pending).write({"dispatch_pending": True})
        self.env.ref("flex_gift_artisan.ir_cron_flex_gift_dispatch").sudo()._trigger()

    def _flex_gift_send_dispatch(self):
        """E-mail these handmade orders to their studios, one template render per batch. The
        message is an internal note addressed to the studio: members never see it on their
        handmade-order page."""
        template = self.env.ref("flex_gift_artisan.mail_template_handmade_order_dispatch", raise_if_not_found=False)
        if not template or not self:
            return
        self.with_context(mail_notify_force_send=False).message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _cron_dispatch(self, batch=100):
        """Send the studio e-mails of new handmade orders; each order is taken under a row
        lock, so two runs never send one twice."""
        domain = [("dispatch_pending", "=", True)]
        in_cron = bool(self.env.context.get("cron_id"))
        orders = self.sudo().search(domain, limit=batch).try_lock_for_update()
        if in_cron:
            self.env["ir.cron"]._commit_progress(remaining=self.sudo().search_count(domain))
        if not orders:
            return 0
        orders.write({"dispatch_pending": False})
        orders._flex_gift_send_dispatch()
        if in_cron:
            self.env["ir.cron"]._commit_progress(len(orders))
        return len(orders)
