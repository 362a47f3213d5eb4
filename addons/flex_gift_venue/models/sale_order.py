from odoo import Command, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _flex_gift_venue(self):
        """The venue this order was sold by, or an empty recordset."""
        self.ensure_one()
        return self.env["flex.gift.venue"]._flex_gift_of_company(self.company_id)

    def _flex_gift_alliance_domain(self, path=""):
        """Alliance stored value is offered only on the orders of its venues."""
        alliance = self._flex_gift_venue().alliance_id
        field = f"{path}flex_gift_alliance_id"
        if alliance.active:
            return Domain(field, "in", [False, alliance.id])
        return Domain(field, "=", False)

    def _get_program_domain(self):
        return Domain(super()._get_program_domain()) & self._flex_gift_alliance_domain()

    def _get_trigger_domain(self):
        return Domain(super()._get_trigger_domain()) & self._flex_gift_alliance_domain("program_id.")

    # ------------------------------------------------------------------
    # alliance: the member discount, only with stored value
    # ------------------------------------------------------------------

    def _flex_gift_alliance(self):
        return self._flex_gift_venue().alliance_id.filtered("active")

    def _flex_gift_wallet_lines(self):
        """The lines paying this order with its venue's alliance stored value."""
        program = self._flex_gift_alliance().program_id
        return self.order_line.filtered(lambda line: program and line.reward_id.program_id == program)

    def _update_programs_and_rewards(self):
        res = super()._update_programs_and_rewards()
        self._flex_gift_sync_member_discount()
        return res

    def _flex_gift_member_discount_values(self):
        """The member discount lines' values this order gets now, one per set of taxes: []
        unless it is paid with alliance stored value that covers all of it, discount
        deducted (all or nothing: the discount never goes with a third-party payment)."""
        self.ensure_one()
        wallet = self._flex_gift_wallet_lines()
        if not wallet:
            return []
        alliance = self._flex_gift_alliance()
        goods = self.order_line.filtered(
            lambda line: not line.reward_id and not line.flex_gift_member_discount and not line.display_type
        )
        rate = alliance.discount_percent / 100.0
        discounted = alliance._flex_gift_discounted(goods)
        total = sum(goods.mapped("price_total")) - rate * sum(discounted.mapped("price_total"))
        balance = sum(wallet.coupon_id.mapped("points"))
        if not rate or not discounted or self.currency_id.compare_amounts(balance, total) < 0:
            return []
        values = []
        for taxes, lines in discounted.grouped("tax_ids").items():
            gross = sum(line.price_unit * line.product_uom_qty * (1 - line.discount / 100.0) for line in lines)
            values.append(
                {
                    "order_id": self.id,
                    "product_id": alliance.discount_product_id.id,
                    "name": self.env._("Member discount (%(rate)s %%)", rate=f"{alliance.discount_percent:g}"),
                    "product_uom_qty": 1.0,
                    "price_unit": self.currency_id.round(-rate * gross),
                    "tax_ids": [Command.set(taxes.ids)],
                    "flex_gift_member_discount": True,
                    "sequence": max(self.order_line.mapped("sequence") or [10]) + 1,
                }
            )
        return values

    def _flex_gift_sync_member_discount(self):
        """Give or take back the member discount, then pay what is left with the stored value."""
        for order in self:
            current = order.order_line.filtered("flex_gift_member_discount")
            values = order._flex_gift_member_discount_values()
            if not values and not current:
                continue
            order.write(
                {"order_line": [Command.delete(line.id) for line in current] + [Command.create(v) for v in values]}
            )
            wallet = order._flex_gift_wallet_lines()
            if wallet:
                reward, card = wallet[:1].reward_id, wallet[:1].coupon_id
                wallet._reset_loyalty()  # out of the total it pays, as Odoo does before re-pricing a reward
                order._write_vals_from_reward_vals(order._get_reward_line_values(reward, card), wallet)

    def _flex_gift_check_member_discount(self):
        """An order carrying the member discount is paid in full with stored value: refused
        otherwise (a third-party payment, a tampered cart, a balance spent meanwhile)."""
        for order in self:
            if order.order_line.filtered("flex_gift_member_discount") and not order.currency_id.is_zero(
                order.amount_total
            ):
                raise ValidationError(
                    order.env._(
                        "The member discount is only for orders paid in full with stored value. "
                        "Please review your cart."
                    )
                )

    def action_confirm(self):
        wallets = {order: order._flex_gift_wallet_lines() for order in self}
        paid = {order: sum(lines.mapped("price_total")) for order, lines in wallets.items()}
        self._flex_gift_check_topups()
        for order, lines in wallets.items():  # one checkout at a time spends a card
            if not lines:
                continue
            if lines.coupon_id.partner_id != order.partner_id:
                raise ValidationError(order.env._("Only its member pays with a member's stored value."))
            # wait for another checkout spending the card (lock_for_update would fail at once): once
            # it commits, this transaction cannot update the card and Odoo retries the request,
            # which then sees the new balance
            self.env.cr.execute(
                SQL("SELECT id FROM loyalty_card WHERE id IN %s FOR NO KEY UPDATE", tuple(lines.coupon_id.ids)),
                log_exceptions=False,
            )
            if order.currency_id.compare_amounts(sum(lines.coupon_id.mapped("points")), -paid[order]) < 0:
                order._flex_gift_raise_balance_changed()
        res = super().action_confirm()
        for order, amount in paid.items():
            if order.currency_id.compare_amounts(sum(order._flex_gift_wallet_lines().mapped("price_total")), amount):
                order._flex_gift_raise_balance_changed()
        self._flex_gift_record_stored_value()
        return res

    def _flex_gift_stored_value_moves(self):
        """{card: (topped up, spent)} of this order's alliance stored value."""
        self.ensure_one()
        program = self._flex_gift_alliance().program_id
        moves = {}
        if not program:
            return moves
        for points in self.coupon_point_ids.filtered(lambda p: p.coupon_id.program_id == program):
            topped_up, spent = moves.get(points.coupon_id, (0.0, 0.0))
            moves[points.coupon_id] = (topped_up + points.points, spent)
        for line in self._flex_gift_wallet_lines():
            topped_up, spent = moves.get(line.coupon_id, (0.0, 0.0))
            moves[line.coupon_id] = (topped_up, spent + line.points_cost)
        return moves

    def _flex_gift_record_stored_value(self, cancel=False):
        """Record who holds the stored value this order tops up and who pays what it spends
        (on cancellation: the top-up taken back, the spending given back)."""
        for order in self:
            alliance = order._flex_gift_alliance()
            for card, (topped_up, spent) in order.sudo()._flex_gift_stored_value_moves().items():
                if topped_up > 0:
                    alliance._flex_gift_record_topup(order, card, topped_up, "topup_cancel" if cancel else "topup")
                    bonus = order._flex_gift_bonus_given(card) if cancel else alliance._flex_gift_bonus(topped_up)
                    if bonus > 0:
                        alliance._flex_gift_record_bonus(order, card, bonus, "bonus_cancel" if cancel else "bonus")
                if spent > 0:
                    alliance._flex_gift_record_spend(order, card, spent, "refund" if cancel else "spend")
                    if not cancel:
                        alliance._flex_gift_notify_spend(order, card, spent)

    def _flex_gift_cart_topup(self, amount):
        """Put a top-up of ``amount`` in this cart (sudo), in place of any top-up it held."""
        self.ensure_one()
        topup = self._flex_gift_alliance().topup_product_id
        self.order_line.filtered(lambda line: line.product_id == topup).unlink()
        return self._cart_add(product_id=topup.id, quantity=amount)

    def _flex_gift_bonus_given(self, card):
        """The top-up bonus this order gave ``card`` and did not take back."""
        self.ensure_one()
        entries = (
            self.env["flex.gift.alliance.entry"]
            .sudo()
            .search([("order_id", "=", self.id), ("card_id", "=", card.id), ("kind", "in", ("bonus", "bonus_cancel"))])
        )
        return sum(entry.amount if entry.kind == "bonus" else -entry.amount for entry in entries)

    def _flex_gift_check_topups(self):
        """A top-up is a positive amount no larger than the alliance allows, sold by one of
        the alliance's venues."""
        topups = self.env["flex.gift.alliance"]._flex_gift_topup_templates()  # cached: every confirmation asks
        for order in self:
            lines = order.order_line.filtered(lambda line: line.product_id.product_tmpl_id.id in topups)
            if not lines:
                continue
            alliance = order._flex_gift_alliance()
            if lines.product_id != alliance.topup_product_id:
                raise ValidationError(order.env._("Stored value of an alliance is topped up at its venues only."))
            amount = sum(lines.mapped("price_total"))
            if any(line.product_uom_qty <= 0 or line.price_total <= 0 for line in lines) or (
                order.currency_id.compare_amounts(amount, alliance.max_topup) > 0
            ):
                raise ValidationError(
                    order.env._(
                        "A top-up is a positive amount of at most %(max)s.",
                        max=tools.format_amount(order.env, alliance.max_topup, alliance.currency_id),
                    )
                )

    def _flex_gift_raise_balance_changed(self):
        raise ValidationError(
            self.env._(
                "Your stored value balance changed while you checked out: nothing was charged. Please review your cart."
            )
        )

    def _flex_gift_venue_library_lines(self):
        return self.order_line.filtered(
            lambda line: line.product_id.product_tmpl_id.is_library_work and line.product_uom_qty > 0
        )

    def _flex_gift_commission_company(self):
        """The company paying referral commissions on this order: the platform."""
        self.ensure_one()
        venue = self._flex_gift_venue()
        return venue.platform_company_id if venue else self.company_id

    def _action_confirm(self):
        self._flex_gift_check_member_discount()
        res = super()._action_confirm()
        self.env["flex.gift.commission"]._flex_gift_earn(self)
        for order in self:
            venue = order._flex_gift_venue()
            if venue:
                order._flex_gift_venue_book_confirmed(venue)
        return res

    def _flex_gift_venue_book_confirmed(self, venue):
        """The venue owes the platform its platform price for each library unit it sold,
        and the service fee in force on each of its own products' units, from confirmation
        on (the booking job books both in both companies)."""
        lines = self._flex_gift_venue_library_lines().sudo()
        for line in lines:
            line.flex_gift_platform_price_unit = venue._flex_gift_platform_price(line._flex_gift_library_price())
            line.flex_gift_platform_currency_id = venue.platform_currency_id
        date = self.date_order.date()
        own = self._flex_gift_venue_fee_lines().sudo()
        if own:
            platform = venue.platform_company_id
            rate = self.env["flex.gift.rate"]._flex_gift_rate("merchant_fee", date, platform)
            own = own if rate else own.browse()
            for line in own:
                unit = line.price_subtotal / line.product_uom_qty * rate / 100.0
                line.flex_gift_platform_price_unit = self.currency_id._convert(
                    unit, venue.platform_currency_id, platform, date, round=False
                )
                line.flex_gift_platform_currency_id = venue.platform_currency_id
        lines |= own
        lines._flex_gift_venue_owe({line: line.product_uom_qty for line in lines}, date)

    def _flex_gift_venue_fee_lines(self):
        """The lines of the venue's own products sold (the platform's service fee applies):
        no library work, reward, member discount, stored value top-up or delivery."""
        topups = self.env["flex.gift.alliance"]._flex_gift_topup_templates()
        return self.order_line.filtered(
            lambda line: (
                not line.display_type
                and not line.product_id.is_library_work
                and not line.reward_id
                and not line.flex_gift_member_discount
                and not getattr(line, "is_delivery", False)
                and line.product_id.product_tmpl_id.id not in topups
                and line.product_uom_qty > 0
                and line.price_subtotal > 0
            )
        )

    def _action_cancel(self):
        confirmed = self.filtered(lambda order: order.state == "sale")
        confirmed._flex_gift_record_stored_value(cancel=True)
        self.env["flex.gift.commission"]._flex_gift_reverse(confirmed)
        res = super()._action_cancel()
        today = fields.Date.context_today(self)
        for order in self:
            lines = order.order_line.sudo().filtered("flex_gift_venue_due_qty")
            if lines and order._flex_gift_venue():
                lines._flex_gift_venue_owe(dict.fromkeys(lines, 0.0), today)
        return res

    def _check_cart_is_ready_to_be_paid(self):
        """A cart holding a library work the library withdrew, or the venue stopped
        selling, cannot be paid; the visitor is told which."""
        gone = self.order_line.product_id.product_tmpl_id.filtered(
            lambda t: t.is_library_work and not t.sudo()._flex_gift_sold_on_website(self.website_id)
        )
        self._flex_gift_check_member_discount()
        if gone:
            raise ValidationError(
                self.env._(
                    "“%s” is no longer sold here. Please remove it from your cart to check out.",
                    ", ".join(gone.mapped("name")),
                )
            )
        return super()._check_cart_is_ready_to_be_paid()
