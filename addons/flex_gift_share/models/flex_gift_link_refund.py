from odoo import api, fields, models
from odoo.fields import Command


class FlexGiftLink(models.Model):
    """The expiry of unclaimed gift links and their refund: a credit note (also paid back
    through the payment provider when it can refund) or an eWallet credit."""

    _inherit = "flex.gift.link"

    @api.model
    def _cron_expire(self, batch=200):
        domain = [("state", "=", "pending"), ("expiry_date", "<=", fields.Datetime.now())]
        in_cron = bool(self.env.context.get("cron_id"))
        links = self.sudo().search(domain, limit=batch)
        if in_cron:
            # Odoo's cron runs the job again while the progress says records remain
            self.env["ir.cron"]._commit_progress(remaining=self.sudo().search_count(domain))
        for link in links:
            if not link._flex_gift_transition("expired"):
                continue  # claimed meanwhile, or being claimed
            link._flex_gift_refund()
            text = self.env._(
                "Your gift %(product)s was not claimed in time: the link expired and the gift was refunded.",
                product=link.product_id.display_name,
            )
            link.order_id.message_post(body=text, subtype_xmlid="mail.mt_note")
            # the buyer's e-mail in the buyer's language
            as_buyer = link.with_context(lang=link.order_id.partner_id.lang or self.env.lang)
            as_buyer._flex_gift_mail_buyer(
                as_buyer.env._("Your gift was not claimed"),
                as_buyer.env._(
                    "Your gift %(product)s was not claimed in time: the link expired and the gift was refunded.",
                    product=as_buyer.product_id.display_name,
                ),
            )
            if link.refund_move_id:
                # last, then committed: money sent back through a provider cannot be rolled back
                link._flex_gift_refund_through_provider(link.refund_move_id)
            if in_cron:
                self.env["ir.cron"]._commit_progress(1)

    def _flex_gift_unit_amount(self):
        """What one unit of the line cost the buyer (taxes included)."""
        self.ensure_one()
        line = self.order_line_id
        return line.price_total / (line.product_uom_qty or 1.0)

    def _flex_gift_refund(self):
        for link in self:
            website = link._flex_gift_website()
            if website.flex_gift_refund_mode == "ewallet" and website.flex_gift_ewallet_program_id:
                link._flex_gift_refund_ewallet(website.flex_gift_ewallet_program_id)
            else:
                link._flex_gift_refund_credit_note()

    def _flex_gift_refund_credit_note(self):
        """A posted credit note of one unit of the line, linked to it (and to its invoice)."""
        self.ensure_one()
        line = self.order_line_id
        order = self.order_id
        invoice_lines = line.invoice_lines.filtered(
            lambda aml: aml.move_id.state == "posted" and aml.move_id.move_type == "out_invoice"
        )
        invoice = invoice_lines[:1].move_id
        line_vals = {
            "product_id": line.product_id.id,
            "name": line.name,
            "quantity": 1.0,
            "product_uom_id": line.product_uom_id.id,
            "price_unit": line.price_unit,
            "discount": line.discount,
            "tax_ids": [Command.set(line.tax_ids.ids)],
            "sale_line_ids": [Command.link(line.id)],
        }
        if invoice_lines:
            line_vals["account_id"] = invoice_lines[0].account_id.id
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(order.company_id)
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": (invoice.partner_id or order.partner_invoice_id).id,
                    "currency_id": order.currency_id.id,
                    "invoice_origin": order.name,
                    "reversed_entry_id": invoice.id,
                    "ref": self.env._("Unclaimed gift %(link)s", link=self.name),
                    "invoice_line_ids": [Command.create(line_vals)],
                }
            )
        )
        move.action_post()
        self.refund_move_id = move
        return move

    @api.model
    def _flex_gift_refund_support(self, tx):
        """How the provider and the payment method of ``tx`` both refund: ``none``,
        ``full_only`` or ``partial``, as Odoo's refund wizard works it out
        (``payment.refund.wizard._compute_support_refund``)."""
        method = tx.payment_method_id.primary_payment_method_id or tx.payment_method_id
        support = {tx.provider_id.support_refund or "none", method.support_refund or "none"}
        if "none" in support:
            return "none"
        return "full_only" if "full_only" in support else "partial"

    def _flex_gift_refundable_transaction(self, amount):
        """The order's done payment whose provider can give ``amount`` back, or an empty recordset.

        Both the provider and the payment method must support refunds (as Odoo's refund wizard
        requires); ``full_only`` ones only when ``amount`` is the whole payment. Refunds already
        asked and not failed count against what is left, pending ones included (Odoo's
        ``account.payment.amount_available_for_refund`` counts confirmed ones only, and needs
        the payment the transaction posts when it is processed)."""
        self.ensure_one()
        currency = self.order_id.currency_id
        transactions = self.order_id.sudo().transaction_ids.filtered(
            lambda tx: (
                tx.state == "done"
                and tx.operation != "refund"
                and tx.currency_id == currency
                and tx.provider_id.state != "disabled"
            )
        )
        for tx in transactions.sorted("id", reverse=True):
            support = self._flex_gift_refund_support(tx)
            if support == "none":
                continue
            asked = tx.child_transaction_ids.filtered(
                lambda child: child.operation == "refund" and child.state not in ("cancel", "error")
            )
            left = tx.amount + sum(asked.mapped("amount"))  # refund amounts are negative
            if currency.compare_amounts(left, amount) < 0:
                continue
            whole = not currency.compare_amounts(left, tx.amount) and not currency.compare_amounts(amount, tx.amount)
            if support == "full_only" and not whole:
                continue
            return tx
        return self.env["payment.transaction"].sudo()

    def _flex_gift_refund_through_provider(self, credit_note):
        """Send the money of ``credit_note`` back through the payment provider when it can refund;
        the refund transaction carries the credit note, so Odoo reconciles its payment with it."""
        self.ensure_one()
        tx = self._flex_gift_refundable_transaction(credit_note.amount_total)
        if not tx:
            return tx
        refund_tx = tx.with_company(tx.company_id)._refund(amount_to_refund=credit_note.amount_total)
        refund_tx.invoice_ids = [Command.set(credit_note.ids)]
        self.sudo().refund_transaction_id = refund_tx
        self.order_id.message_post(
            body=self.env._(
                "Refund of unclaimed gift %(link)s sent through %(provider)s (%(reference)s).",
                link=self.name,
                provider=tx.provider_id.name,
                reference=refund_tx.reference,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return refund_tx

    def _flex_gift_refund_ewallet(self, program):
        """Credit one unit's amount to the buyer's eWallet, with a history line."""
        self.ensure_one()
        partner = self.order_id.partner_id
        card = (
            self.env["loyalty.card"]
            .sudo()
            .search([("program_id", "=", program.id), ("partner_id", "=", partner.id)], limit=1)
        )
        if not card:
            card = (
                self.env["loyalty.card"]
                .sudo()
                .create({"program_id": program.id, "partner_id": partner.id, "points": 0})
            )
        amount = self.order_id.currency_id._convert(
            self._flex_gift_unit_amount(), program.currency_id, self.order_id.company_id, fields.Date.today()
        )
        card.points += amount
        history = (
            self.env["loyalty.history"]
            .sudo()
            .create(
                {
                    "card_id": card.id,
                    "description": self.env._("Refund of unclaimed gift %(link)s", link=self.name),
                    "issued": amount,
                    "used": 0.0,
                    "order_model": "sale.order",
                    "order_id": self.order_id.id,
                }
            )
        )
        self.refund_history_id = history
        return history
