from datetime import timedelta
from urllib.parse import urlencode

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import config

from odoo.addons.flex_gift_catalog.tools import concurrency

from ..tools import token as token_tools


class FlexGiftUnavailableError(UserError):
    """The link is unknown, expired, revoked or already claimed."""


class FlexGiftLink(models.Model):
    """One gift unit: a sale order line of quantity N gives N links.

    This file holds the link itself (fields, tokens, URLs, state moves); the claim is in
    ``flex_gift_link_claim.py``, the expiry and its refunds in ``flex_gift_link_refund.py``."""

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
    progress = fields.Selection(
        [
            ("pending", "Pending"),
            ("claimed", "Claimed"),
            ("shipped", "Shipped"),
            ("expired", "Expired"),
            ("revoked", "Revoked"),
        ],
        compute="_compute_progress",
        help="What the buyer sees of the gift: its state, and Shipped once its delivery is done.",
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

    @api.depends("state", "picking_ids.state", "picking_ids.picking_type_code")
    def _compute_progress(self):
        for link in self:
            shipped = link.state == "claimed" and any(
                picking.state == "done" and picking.picking_type_code == "outgoing" for picking in link.picking_ids
            )
            link.progress = "shipped" if shipped else link.state

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals, **self._flex_gift_new_token_vals()) for vals in vals_list]
        return super().create(vals_list)

    # --------------------------------------------------------------- actions

    def action_revoke(self):
        """Revoke pending links: their tokens stop working at once."""
        if self.filtered(lambda link: link.state != "pending") or self._flex_gift_transition("revoked") != self:
            raise UserError(self.env._("Only pending gift links can be revoked."))
        for link in self:
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

    # ------------------------------------------------------ tokens and URLs

    @api.model
    def _flex_gift_key(self):
        """The server key tokens are derived with; never stored in the database (see
        ``tools.token.link_key``: the ``flex_gift_link_key`` option, else a key file)."""
        return token_tools.link_key(self.env.cr.dbname, config["data_dir"], config.get("flex_gift_link_key"))

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

    # ---------------------------------------------------------------- state

    def _flex_gift_is_claimable(self):
        self.ensure_one()
        return self.state == "pending" and self.expiry_date > fields.Datetime.now()

    def _flex_gift_transition(self, new_state, from_state="pending"):
        """Move the links still in ``from_state`` (and, to claim them, not expired) to ``new_state``.

        Each link is locked first (``try_lock_for_update``: SKIP LOCKED, as Odoo's crons do), so a
        link another transaction is moving (a concurrent claim, expiry or revocation) is left
        alone, then its state is read again: of two concurrent transitions exactly one moves it.
        Returns the links that moved."""
        if not self:
            return self
        # Under REPEATABLE READ, a link changed by a transaction that committed since this one
        # began makes the lock a serialization failure: Odoo retries the request, which then
        # finds the link moved. Expected, so not logged as an error.
        with concurrency.quiet_serialization_failures():
            locked = self.try_lock_for_update(allow_referencing=True)
        locked.invalidate_recordset(["state", "expiry_date"])
        now = fields.Datetime.now()
        moving = locked.filtered(
            lambda link: link.state == from_state and (new_state != "claimed" or link.expiry_date > now)
        )
        moving.write(dict(state=new_state, **({"claimed_date": now} if new_state == "claimed" else {})))
        return moving

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
