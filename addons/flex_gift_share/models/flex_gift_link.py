import os
from datetime import timedelta
from urllib.parse import urlencode

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import config

from ..tools import token as token_tools

# the link key of each database, read once per process (see tools.token)
_LINK_KEYS = {}


class FlexGiftUnavailableError(UserError):
    """The link is unknown, expired, revoked or already claimed."""


class FlexGiftLink(models.Model):
    """One gift unit: a sale order line of quantity N gives N links."""

    _name = "flex.gift.link"
    _description = "Gift Link"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_name = "name"

    name = fields.Char(compute="_compute_name", store=True)
    order_id = fields.Many2one("sale.order", required=True, index=True, ondelete="cascade", readonly=True)
    order_line_id = fields.Many2one("sale.order.line", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    website_id = fields.Many2one(related="order_id.website_id", store=True)
    buyer_partner_id = fields.Many2one(related="order_id.partner_id", string="Buyer", store=True)
    product_id = fields.Many2one(related="order_line_id.product_id")
    sender_name = fields.Char(related="order_id.flex_gift_sender_name")
    message = fields.Text(related="order_id.flex_gift_message")
    allow_swap = fields.Boolean(related="order_id.flex_gift_allow_swap")
    combination_id = fields.Many2one(
        "flex.gift.combination",
        string="Combination",
        readonly=True,
        help="The combination that ships: the ordered one, or the recipient's choice.",
    )
    state = fields.Selection(
        [("pending", "Pending"), ("claimed", "Claimed"), ("expired", "Expired"), ("revoked", "Revoked")],
        default="pending",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    token_seed = fields.Char(readonly=True, copy=False, groups="base.group_system")
    token_hash = fields.Char(readonly=True, copy=False, index=True, groups="base.group_system")
    expiry_date = fields.Datetime(required=True, readonly=True, tracking=True)
    claimed_date = fields.Datetime(readonly=True, copy=False)
    recipient_partner_id = fields.Many2one(
        "res.partner",
        string="Recipient",
        readonly=True,
        copy=False,
        groups="sales_team.group_sale_salesman",
    )
    recipient_address = fields.Char(
        string="Delivery Address",
        related="recipient_partner_id.contact_address_inline",
        groups="sales_team.group_sale_salesman",
        help="Where the recipient asked the gift to be delivered (never shown to the buyer).",
    )
    delivery_date = fields.Date(string="Delivery Date", readonly=True, copy=False, tracking=True)
    picking_ids = fields.One2many("stock.picking", "flex_gift_link_id", string="Deliveries", readonly=True)
    release_pending = fields.Boolean(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Claimed from the public page: the delivery, SMS and buyer notice are on their way "
        "(a scheduled action makes them right after the claim).",
    )
    refund_move_id = fields.Many2one("account.move", string="Credit Note", readonly=True, copy=False)
    refund_history_id = fields.Many2one("loyalty.history", string="eWallet Credit", readonly=True, copy=False)
    refund_transaction_id = fields.Many2one(
        "payment.transaction",
        string="Refund Transaction",
        readonly=True,
        copy=False,
        groups="account.group_account_invoice",
        help="The refund sent through the payment provider that took the payment, when it can refund.",
    )

    _token_hash_unique = models.Constraint("UNIQUE(token_hash)", "A gift link token must be unique.")

    @api.depends("order_id.name")
    def _compute_name(self):
        for link in self:
            link.name = f"{link.order_id.name or ''}/{link.id or ''}"

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals, **self._flex_gift_new_token_vals()) for vals in vals_list]
        return super().create(vals_list)

    # --------------------------------------------------------------- actions

    def action_revoke(self):
        """Revoke pending links: their tokens stop working at once."""
        pending = self.filtered(lambda link: link.state == "pending")
        if pending != self:
            raise UserError(self.env._("Only pending gift links can be revoked."))
        self._flex_gift_transition("revoked")
        for link in pending:
            link.order_id.message_post(body=self.env._("Gift link %(link)s revoked.", link=link.name))
        return True

    def action_reissue(self):
        """Give a pending or revoked link a new token (the old one stops working) and a new validity."""
        for link in self:
            if link.state not in ("pending", "revoked"):
                raise UserError(self.env._("Only pending or revoked gift links can be reissued."))
        for link in self.sudo():
            link.write(
                dict(
                    self._flex_gift_new_token_vals(),
                    state="pending",
                    expiry_date=self._flex_gift_expiry(link._flex_gift_website()),
                )
            )
            link.order_id.message_post(body=self.env._("Gift link %(link)s reissued.", link=link.name))
        return True

    def action_resend(self):
        """Send the buyer their gift links again (by email)."""
        self.ensure_one()
        if self.state != "pending":
            raise UserError(self.env._("Only pending gift links can be sent again."))
        self.order_id._flex_gift_send_links(self)
        return True

    def action_view_deliveries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("id", "in", self.picking_ids.ids)]
        return action

    # ------------------------------------------------------------ business

    @api.model
    def _flex_gift_key(self):
        """The server key tokens are derived with; never stored in the database: the
        ``flex_gift_link_key`` server option, else ``<data_dir>/flex_gift_share/<db>.key``
        (made on first use)."""
        if config.get("flex_gift_link_key"):
            return config["flex_gift_link_key"]
        dbname = self.env.cr.dbname
        if dbname not in _LINK_KEYS:
            path = os.path.join(config["data_dir"], "flex_gift_share", f"{dbname}.key")
            _LINK_KEYS[dbname] = token_tools.load_or_create_key(path)
        return _LINK_KEYS[dbname]

    @api.model
    def _flex_gift_new_token_vals(self):
        """A fresh random seed and the hash of its token (the token itself is never stored)."""
        seed = token_tools.generate_seed()
        return {
            "token_seed": seed,
            "token_hash": token_tools.hash_token(token_tools.derive_token(self._flex_gift_key(), seed)),
        }

    def _flex_gift_website(self):
        """The website of the gift's order, else the current one."""
        self.ensure_one()
        return self.website_id or self.env["website"].get_current_website()

    @api.model
    def _flex_gift_expiry(self, website):
        days = (website or self.env["website"].get_current_website()).flex_gift_expiry_days or 30
        return fields.Datetime.now() + timedelta(days=days)

    def _flex_gift_token(self):
        """The plain token of this link (computed, never stored)."""
        self.ensure_one()
        return token_tools.derive_token(self._flex_gift_key(), self.sudo().token_seed)

    def _flex_gift_url(self):
        self.ensure_one()
        base = self._flex_gift_website().get_base_url()
        return f"{base}/gift/{self._flex_gift_token()}"

    def _flex_gift_qr_url(self, url=None):
        """The QR code image of the link (``url``: the link, when the caller already has it)."""
        self.ensure_one()
        query = urlencode({"barcode_type": "QR", "value": url or self._flex_gift_url(), "width": 220, "height": 220})
        return f"/report/barcode?{query}"

    @api.model
    def _flex_gift_find(self, token):
        """The link of a token (sudo), or an empty recordset. Constant-time hash check."""
        if not token_tools.is_well_formed(token):
            return self.sudo().browse()
        digest = token_tools.hash_token(token)
        # one query: the row and what the claim page checks first
        link = self.sudo().search_fetch([("token_hash", "=", digest)], ["token_hash", "state", "expiry_date"], limit=1)
        if link and token_tools.token_matches(token, link.token_hash):
            return link
        return self.sudo().browse()

    def _flex_gift_is_claimable(self):
        self.ensure_one()
        return self.state == "pending" and self.expiry_date > fields.Datetime.now()

    def _flex_gift_transition(self, new_state, from_state="pending"):
        """Move links from ``from_state`` atomically: a conditional UPDATE takes the row lock,
        so of two concurrent transitions exactly one finds the row still in ``from_state``.
        Returns the links that moved."""
        if not self:
            return self
        self.flush_recordset()
        extra = ", claimed_date = now() AT TIME ZONE 'UTC'" if new_state == "claimed" else ""
        clause = " AND expiry_date > now() AT TIME ZONE 'UTC'" if new_state == "claimed" else ""
        self.env.cr.execute(
            f"""UPDATE flex_gift_link SET state = %s, write_date = now() AT TIME ZONE 'UTC',
                write_uid = %s{extra}
              WHERE id IN %s AND state = %s{clause} RETURNING id""",  # noqa: S608 (constant fragments)
            [new_state, self.env.uid, tuple(self.ids), from_state],
            # a concurrent winner makes this a serialization failure: Odoo retries the request,
            # which then finds the row taken; not an error worth a log line
            log_exceptions=False,
        )
        moved = self.browse([row[0] for row in self.env.cr.fetchall()])
        self.invalidate_recordset(["state", "claimed_date", "write_date", "write_uid"])
        return moved

    def _flex_gift_swap_options(self):
        """Combinations the recipient may pick: same work, same or lower matrix price."""
        self.ensure_one()
        ordered = self.order_line_id.flex_gift_combination_id
        if not (self.allow_swap and ordered):
            return ordered
        return (
            self.env["flex.gift.combination"]
            .sudo()
            .search(
                [("product_tmpl_id", "=", ordered.product_tmpl_id.id), ("price", "<=", ordered.price)],
                order="price desc, id",
            )
        )

    def _flex_gift_check_swap(self, combination):
        """Raise unless the recipient may receive ``combination`` (enforced on the server)."""
        self.ensure_one()
        ordered = self.order_line_id.flex_gift_combination_id
        if not combination or combination == ordered:
            return ordered
        if not self.allow_swap:
            raise ValidationError(self.env._("The sender did not allow choosing another version of this gift."))
        if combination.product_tmpl_id != ordered.product_tmpl_id:
            raise ValidationError(self.env._("You can only choose another version of the same work."))
        if combination.currency_id.compare_amounts(combination.price, ordered.price) > 0:
            raise ValidationError(self.env._("You cannot choose a version that costs more than the gift."))
        return combination

    def _flex_gift_delivery_bounds(self, combination=None):
        self.ensure_one()
        combination = combination or self.combination_id or self.order_line_id.flex_gift_combination_id
        today = fields.Date.context_today(self)
        website = self._flex_gift_website()
        earliest = today + timedelta(days=max(combination.lead_days or 0, 1))
        latest = today + timedelta(days=max(website.flex_gift_max_delivery_days or 120, (earliest - today).days))
        return earliest, latest

    def _flex_gift_check_delivery_date(self, delivery_date, combination=None):
        earliest, latest = self._flex_gift_delivery_bounds(combination)
        if not delivery_date:
            raise ValidationError(self.env._("Please choose a delivery date."))
        if delivery_date < earliest:
            raise ValidationError(
                self.env._("The earliest possible delivery date is %(date)s.", date=fields.Date.to_string(earliest))
            )
        if delivery_date > latest:
            raise ValidationError(
                self.env._("The latest possible delivery date is %(date)s.", date=fields.Date.to_string(latest))
            )
        return delivery_date

    @api.model
    def _flex_gift_check_phone(self, phone, country):
        """The mobile number in E.164 for ``country``, or a ValidationError."""
        formatted = phone and self.env["res.partner"]._phone_format(number=phone, country=country)
        if not formatted:
            raise ValidationError(self.env._("Please enter a valid mobile number for the chosen country."))
        return formatted

    def _flex_gift_claim(self, recipient_values, delivery_date, combination=None, defer_release=False):
        """Claim this link: validate everything first (nothing is written on bad input), then
        win the row with a conditional UPDATE, create the hidden recipient contact, release one
        delivery for it, log, send the SMS and tell the buyer.

        :raise ValidationError: bad phone, date or combination (nothing written)
        :raise FlexGiftUnavailableError: the link was claimed, expired or revoked meanwhile
        """
        self.ensure_one()
        link = self.sudo()
        country = self.env["res.country"].browse(recipient_values.get("country_id"))
        phone = self._flex_gift_check_phone(recipient_values.get("phone"), country)
        combination = link._flex_gift_check_swap(combination)
        link._flex_gift_check_delivery_date(delivery_date, combination)
        if not link._flex_gift_transition("claimed"):
            raise FlexGiftUnavailableError(self.env._("This gift has already been claimed."))
        order = link.order_id
        recipient = (
            self.env["res.partner"]
            .sudo()
            # a hidden contact: no "contact created" message, no follower, no tracking
            .with_context(tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(
                dict(
                    recipient_values,
                    phone=phone,
                    type="delivery",
                    parent_id=False,
                    company_id=order.company_id.id,
                    comment=self.env._("Gift recipient of %(order)s", order=order.name),
                )
            )
        )
        link.write(
            {"recipient_partner_id": recipient.id, "delivery_date": delivery_date, "combination_id": combination.id}
        )
        if not order.commitment_date:
            order.commitment_date = fields.Datetime.to_datetime(delivery_date).replace(hour=12)
        if defer_release:
            # the public claim answers as soon as the link is won; Odoo's procurement, the
            # SMS and the buyer's notice follow in the release job, right after the commit
            link.release_pending = True
            self.env.ref("flex_gift_share.ir_cron_flex_gift_release").sudo()._trigger()
            return True
        link._flex_gift_release_delivery()
        link._flex_gift_notify_claim()
        return True

    @api.model
    def _cron_release_claimed(self, batch=100):
        """Release the delivery and send the notices of links claimed from the public page.

        Each link is taken with a conditional UPDATE, so two runs never release one twice.
        """
        domain = [("release_pending", "=", True)]
        in_cron = bool(self.env.context.get("cron_id"))
        pending = self.search(domain, limit=batch)
        if in_cron:
            # Odoo's cron runs the job again while the progress says records remain
            self.env["ir.cron"]._commit_progress(remaining=self.search_count(domain))
        for link in pending:
            self.env.cr.execute(
                "UPDATE flex_gift_link SET release_pending = FALSE WHERE id = %s AND release_pending RETURNING id",
                [link.id],
            )
            if not self.env.cr.fetchone():
                continue
            link.invalidate_recordset(["release_pending"])
            link._flex_gift_release_delivery()
            link._flex_gift_notify_claim()
            if in_cron:
                self.env["ir.cron"]._commit_progress(1)
        return len(pending)

    def _flex_gift_release_delivery(self):
        """Launch the procurement of this one unit to the recipient (the unclaimed units
        have no delivery at all: see ``sale.order.line._get_qty_procurement``)."""
        for link in self:
            line = link.order_line_id.with_context(flex_gift_link_id=link.id)
            line._action_launch_stock_rule()
            open_pickings = link.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            open_pickings.write({"partner_id": link.recipient_partner_id.id})
            ordered = link.order_line_id.flex_gift_combination_id
            if link.combination_id and link.combination_id != ordered:
                # the recipient chose another version: the warehouse must read it
                moves = open_pickings.move_ids.filtered(lambda m, link=link: m.flex_gift_link_id == link)
                words = link.product_id.product_tmpl_id._flex_gift_personalization_words(
                    link.order_line_id.flex_gift_personalization or {}
                )
                moves.description_picking = "\n".join([link.combination_id.name, *words])

    def _flex_gift_notify_claim(self):
        for link in self:
            order = link.order_id
            date_text = fields.Date.to_string(link.delivery_date)
            order.message_post(
                body=self.env._(
                    "Gift %(link)s claimed: delivery %(pickings)s planned on %(date)s.",
                    link=link.name,
                    pickings=", ".join(link.picking_ids.mapped("name")),
                    date=date_text,
                ),
                subtype_xmlid="mail.mt_note",
            )
            # the buyer's notice: never the recipient's address or phone. A plain queued e-mail,
            # not a chatter notification: notifying a portal customer rewrites their partner
            # row (signup token), which serializes concurrent claims of one buyer's gifts
            link._flex_gift_mail_buyer(
                self.env._("Your gift was claimed"),
                self.env._(
                    "Good news: your gift %(product)s was claimed. It will be delivered around %(date)s.",
                    product=link.product_id.display_name,
                    date=date_text,
                ),
            )
            recipient = link.recipient_partner_id
            body = self.env._(
                "%(sender)s sent you a gift (order %(order)s). Expected delivery: %(date)s.",
                sender=link.sender_name or order.company_id.name,
                order=order.name,
                date=date_text,
            )
            # queued: the SMS cron sends it, a slow or failing gateway never delays the claim
            link._message_sms(
                body, partner_ids=recipient.ids, sms_pid_to_number={recipient.id: recipient.phone}, put_in_queue=True
            )

    def _flex_gift_mail_buyer(self, subject, text):
        """Queue a plain e-mail to the buyer (sent by the mail queue)."""
        self.ensure_one()
        order = self.order_id
        buyer = order.partner_id
        if not buyer.email:
            return self.env["mail.mail"]
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": f"{subject} ({order.name})",
                    "body_html": Markup("<p>%s</p>") % text,
                    "email_to": buyer.email_formatted,
                    "email_from": order.company_id.email_formatted or order.user_id.email_formatted or False,
                    "model": "sale.order",
                    "res_id": order.id,
                }
            )
        )

    # ----------------------------------------------------------------- cron

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
                continue  # claimed meanwhile
            link._flex_gift_refund()
            text = self.env._(
                "Your gift %(product)s was not claimed in time: the link expired and the gift was refunded.",
                product=link.product_id.display_name,
            )
            link.order_id.message_post(body=text, subtype_xmlid="mail.mt_note")
            link._flex_gift_mail_buyer(self.env._("Your gift was not claimed"), text)
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

    def _flex_gift_refundable_transaction(self, amount):
        """The order's done payment whose provider can give ``amount`` back, or an empty recordset.

        Both the provider and the payment method must support refunds (as Odoo's refund wizard
        requires); ``full_only`` providers only when ``amount`` is the whole payment; refunds
        already asked (not failed) count against what is left."""
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
            method = tx.payment_method_id.primary_payment_method_id or tx.payment_method_id
            support = {tx.provider_id.support_refund or "none", method.support_refund or "none"}
            if "none" in support:
                continue
            asked = tx.child_transaction_ids.filtered(
                lambda child: child.operation == "refund" and child.state not in ("cancel", "error")
            )
            left = tx.amount + sum(asked.mapped("amount"))  # refund amounts are negative
            if currency.compare_amounts(left, amount) < 0:
                continue
            whole = not currency.compare_amounts(left, tx.amount) and not currency.compare_amounts(amount, tx.amount)
            if "full_only" in support and not whole:
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
