from odoo import api, fields, models
from odoo.exceptions import AccessError, LockError, UserError
from odoo.fields import Domain

from odoo.addons.flex_gift_catalog.tools import concurrency

STATES = [
    ("new", "New"),
    ("accepted", "Accepted"),
    ("in_production", "In Production"),
    ("ready", "Ready"),
    ("shipped", "Shipped"),
    ("delivered", "Delivered"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]
# target state -> states it may be reached from
TRANSITIONS = {
    "accepted": ("new",),
    "rejected": ("new",),
    "in_production": ("accepted",),
    "ready": ("in_production",),
    "shipped": ("ready",),
    "delivered": ("shipped",),
    "cancelled": ("new", "accepted", "in_production", "ready"),
}
# what a studio may do itself; the rest is the platform's
STUDIO_TARGETS = ("accepted", "rejected", "in_production", "ready", "shipped")
OPEN_STATES = ("new", "accepted", "in_production", "ready")
BILLABLE_STATES = ("shipped", "delivered")


class FlexGiftHandmadeOrder(models.Model):
    _name = "flex.gift.handmade.order"
    _description = "Handmade Order"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_due, id desc"
    _mail_post_access = "read"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram")
    state = fields.Selection(STATES, default="new", required=True, readonly=True, tracking=True, index=True)
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", required=True, readonly=True, ondelete="restrict", index=True
    )
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id", string="Sales Order", store=True, index=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
        readonly=True,
        help="The company that has the work made and pays the studio: the order's, unless an extension says otherwise.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Member", related="sale_order_id.partner_id", store=True, index=True, readonly=True
    )
    member_id = fields.Many2one(
        "res.partner",
        string="Member Account",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
        readonly=True,
    )
    shipping_partner_id = fields.Many2one(
        "res.partner",
        string="Delivery Address",
        compute="_compute_shipping_partner_id",
        store=True,
        readonly=True,
        groups="base.group_user",
        help="Where this order ships: the sales order's delivery address (a gift: its recipient's).",
    )
    date_requested = fields.Date(
        string="Requested Delivery",
        readonly=True,
        groups="base.group_user",
        help="The delivery date the customer asked for, if any.",
    )
    has_delivery_address = fields.Boolean(compute="_compute_has_delivery_address")
    studio_id = fields.Many2one(
        "res.partner",
        string="Artisan Studio",
        required=True,
        readonly=True,
        index=True,
        domain=[("is_artisan_studio", "=", True)],
    )
    product_tmpl_id = fields.Many2one("product.template", string="Work", required=True, readonly=True)
    combination_id = fields.Many2one("flex.gift.combination", string="Combination Row", readonly=True)
    combination_words = fields.Char(string="Combination", readonly=True)
    personalization = fields.Json(string="Personalization Values", readonly=True)
    personalization_words = fields.Text(string="Personalization", readonly=True)
    preview_id = fields.Many2one("flex.gift.preview", string="Preview Blob", readonly=True)
    preview = fields.Binary(related="preview_id.datas", string="Preview Image")
    preview_url = fields.Char(compute="_compute_preview_url")
    quantity = fields.Float(digits="Product Unit", required=True, readonly=True, default=1.0)
    ship_from_id = fields.Many2one("res.partner", string="Ships From", readonly=True)
    date_confirmed = fields.Datetime(string="Confirmed On", readonly=True)
    lead_days = fields.Integer(string="Lead Time (days)", readonly=True)
    date_due = fields.Date(
        string="Due Date",
        readonly=True,
        index=True,
        tracking=True,
        help="Ship by: the start date plus the combination's lead time, or the requested delivery date when later.",
    )
    is_late = fields.Boolean(string="Late", compute="_compute_is_late", search="_search_is_late")
    days_late = fields.Integer(compute="_compute_is_late")
    carrier = fields.Char(readonly=True, tracking=True)
    tracking_ref = fields.Char(string="Tracking Reference", readonly=True, tracking=True, copy=False)
    date_shipped = fields.Datetime(string="Shipped On", readonly=True, copy=False)
    reason = fields.Text(string="Rejection / Cancellation Reason", readonly=True, tracking=True, copy=False)
    currency_id = fields.Many2one("res.currency", readonly=True, required=True)
    artisan_cost = fields.Monetary(
        help="What the studio is paid for this order (unit cost x quantity).",
        readonly=True,
        groups="flex_gift_catalog.group_library_curator,account.group_account_invoice,"
        "flex_gift_artisan.group_handmade_manager",
    )
    studio_artisan_cost = fields.Monetary(
        string="Studio Payout",
        compute="_compute_studio_artisan_cost",
        help="What the studio is paid for this order, shown to that studio (and to no other external user).",
    )
    payout_line_id = fields.Many2one("account.move.line", string="Payout Bill Line", readonly=True, copy=False)
    payout_move_id = fields.Many2one(related="payout_line_id.move_id", string="Payout Bill", readonly=True)
    refund_line_id = fields.Many2one("account.move.line", string="Credit Note Line", readonly=True, copy=False)
    refund_move_id = fields.Many2one(related="refund_line_id.move_id", string="Credit Note", readonly=True)
    dispatch_pending = fields.Boolean(
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The studio's e-mail is on its way (a scheduled action sends it right after the confirmation).",
    )

    _sale_line_unique = models.Constraint(
        "UNIQUE(sale_line_id)", "A sales order line makes at most one handmade order."
    )

    @api.depends("sale_order_id.company_id")
    def _compute_company_id(self):
        for order in self:
            order.company_id = order.sale_order_id.company_id

    @api.depends("sale_order_id.partner_shipping_id")
    def _compute_shipping_partner_id(self):
        for order in self:
            order.shipping_partner_id = order.sale_order_id.partner_shipping_id

    @api.depends("shipping_partner_id.street", "shipping_partner_id.city")
    def _compute_has_delivery_address(self):
        for order in self:
            address = order.shipping_partner_id
            order.has_delivery_address = bool(address and (address.street or address.city))

    @api.depends("preview_id")
    def _compute_preview_url(self):
        for order in self:
            order.preview_url = order.preview_id.sudo()._url() if order.preview_id else False

    @api.depends("artisan_cost", "studio_id")
    @api.depends_context("uid")
    def _compute_studio_artisan_cost(self):
        studio = self.env.user.commercial_partner_id
        for order in self:
            order_sudo = order.sudo()
            order.studio_artisan_cost = order_sudo.artisan_cost if order_sudo.studio_id == studio else 0.0

    @api.depends("date_due", "state")
    @api.depends_context("date")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for order in self:
            late = bool(order.date_due and order.state in OPEN_STATES and order.date_due < today)
            order.is_late = late
            order.days_late = (today - order.date_due).days if late else 0

    def _search_is_late(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        late = Domain("state", "in", OPEN_STATES) & Domain("date_due", "<", fields.Date.context_today(self))
        if (operator == "in") == (True in value):
            return late
        return ~late

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for order in self:
            order.access_url = f"/my/handmade/{order.id}"
        return res

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("flex.gift.handmade.order") or "/"
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # state machine
    # ------------------------------------------------------------------

    def _flex_gift_state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _flex_gift_check_actor(self, target):
        """A platform manager may do anything; a studio user only acts on its studio's
        orders, and only on the studio's steps."""
        user = self.env.user
        if self.env.su or user.has_group("flex_gift_artisan.group_handmade_manager"):
            return
        studio = user.commercial_partner_id
        for order in self:
            if order.sudo().studio_id != studio or target not in STUDIO_TARGETS:
                raise AccessError(
                    self.env._(
                        "Only the studio %(studio)s or a platform manager can do this on handmade order %(order)s.",
                        studio=order.sudo().studio_id.display_name,
                        order=order.sudo().name,
                    )
                )

    def _flex_gift_move(self, target, expected_state=None, **values):
        """Move to `target` after every check, or raise and change nothing.

        `expected_state` is the state the user saw: if the order moved since (another tab,
        a double click), the action is refused instead of being applied twice.
        """
        self._flex_gift_check_actor(target)
        if not self:
            return True
        orders = self.sudo()
        # lock the rows, then read the state as committed by any concurrent click. A row that
        # a transaction committed since this one began makes the lock a serialization failure:
        # Odoo retries the request (then reads the new state), so it is no error to log; once
        # Odoo gives up, the visitor is told to try again (flex_gift_catalog's ir.http)
        try:
            with concurrency.quiet_serialization_failures():
                orders.lock_for_update()
        except LockError:
            raise UserError(
                self.env._("Someone else is changing this handmade order right now: reload the page and try again.")
            ) from None
        orders.invalidate_recordset(["state"])
        for order in orders:
            if expected_state and order.state != expected_state:
                raise UserError(
                    self.env._(
                        "Handmade order %(order)s is already %(state)s: reload the page to see its current state.",
                        order=order.name,
                        state=self._flex_gift_state_label(order.state),
                    )
                )
            if order.state not in TRANSITIONS[target]:
                raise UserError(
                    self.env._(
                        "Handmade order %(order)s cannot go from %(current)s to %(target)s.",
                        order=order.name,
                        current=self._flex_gift_state_label(order.state),
                        target=self._flex_gift_state_label(target),
                    )
                )
        orders.write(dict(values, state=target))
        return True

    def _flex_gift_check_reason(self, reason):
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give a reason."))
        return reason

    def action_accept(self, expected_state=None):
        return self._flex_gift_move("accepted", expected_state)

    def action_reject(self, reason=None, expected_state=None):
        reason = self._flex_gift_check_reason(reason)
        return self._flex_gift_move("rejected", expected_state, reason=reason)

    def action_start(self, expected_state=None):
        return self._flex_gift_move("in_production", expected_state)

    def action_ready(self, expected_state=None):
        return self._flex_gift_move("ready", expected_state)

    def action_ship(self, carrier=None, tracking_ref=None, expected_state=None):
        self.ensure_one()
        carrier = (carrier or "").strip()
        tracking_ref = (tracking_ref or "").strip()
        if not carrier or not tracking_ref:
            raise UserError(self.env._("Shipping needs a carrier and a tracking reference."))
        if len(carrier) > 64 or len(tracking_ref) > 64:
            raise UserError(self.env._("The carrier and the tracking reference are limited to 64 characters."))
        if not self.sudo().has_delivery_address:
            raise UserError(self.env._("Handmade order %(order)s has no delivery address yet.", order=self.sudo().name))
        self._flex_gift_move(
            "shipped",
            expected_state,
            carrier=carrier,
            tracking_ref=tracking_ref,
            date_shipped=fields.Datetime.now(),
        )
        self.sudo()._flex_gift_validate_delivery()
        return True

    def action_deliver(self, expected_state=None):
        return self._flex_gift_move("delivered", expected_state)

    def action_cancel(self, reason=None, expected_state=None):
        """Cancel open orders; a platform manager may also cancel a shipped order,
        which credits back a payout already billed."""
        reason = self._flex_gift_check_reason(reason)
        billed = self.sudo().filtered(lambda o: o.state in BILLABLE_STATES)
        if billed:
            if not (self.env.su or self.env.user.has_group("flex_gift_artisan.group_handmade_manager")):
                raise AccessError(self.env._("Only a platform manager can cancel a shipped handmade order."))
            self._flex_gift_check_actor("cancelled")
            billed.write({"state": "cancelled", "reason": reason})
            billed._flex_gift_refund_payouts()
        rest = self - billed
        if rest:
            rest._flex_gift_move("cancelled", expected_state, reason=reason)
        return True

    def _flex_gift_portal_action(self, action, expected_state, **kwargs):
        """The portal's buttons, by name: only these actions can be called from there."""
        self.ensure_one()
        methods = {
            "accept": self.action_accept,
            "reject": self.action_reject,
            "start": self.action_start,
            "ready": self.action_ready,
            "ship": self.action_ship,
        }
        if action not in methods:
            raise UserError(self.env._("Unknown action."))
        allowed = {"reject": ("reason",), "ship": ("carrier", "tracking_ref")}.get(action, ())
        return methods[action](expected_state=expected_state, **{k: kwargs.get(k) for k in allowed})

    def _notify_studio_cancelled(self):
        for order in self:
            order.message_post(
                body=self.env._(
                    "Handmade order %(order)s is cancelled: %(reason)s", order=order.name, reason=order.reason
                ),
                partner_ids=order.studio_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    # ------------------------------------------------------------------
    # delivery
    # ------------------------------------------------------------------

    def _flex_gift_delivery_moves(self):
        """The open outgoing stock moves this handmade order ships."""
        self.ensure_one()
        return self.sale_line_id.move_ids.filtered(
            lambda m: m.state not in ("done", "cancel") and m.picking_code == "outgoing"
        )

    def _flex_gift_validate_delivery(self):
        """Record the tracking reference on the order's outgoing delivery and validate the
        moves this order ships (the rest of the delivery stays as a backorder)."""
        for order in self:
            moves = order._flex_gift_delivery_moves()
            pickings = moves.picking_id
            if not pickings:
                continue
            for picking in pickings:
                refs = [r for r in (picking.carrier_tracking_ref or "").split(",") if r.strip()]
                refs.append(order.tracking_ref)
                picking.carrier_tracking_ref = ",".join(dict.fromkeys(r.strip() for r in refs))
            for move in moves:
                if move.product_uom.compare(move.quantity, move.product_uom_qty) < 0:
                    move.quantity = move.product_uom_qty
                move.picked = True
            pickings.with_context(skip_backorder=True, skip_sms=True).button_validate()
            for picking in pickings:
                picking.message_post(
                    body=self.env._(
                        "Shipped by %(studio)s with %(carrier)s, tracking %(ref)s (%(order)s).",
                        studio=order.studio_id.display_name,
                        carrier=order.carrier,
                        ref=order.tracking_ref,
                        order=order.name,
                    )
                )
