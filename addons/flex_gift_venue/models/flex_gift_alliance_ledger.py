from collections import defaultdict

from odoo import Command, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL


class FlexGiftAlliance(models.Model):
    """The alliance's money: stored value spent at one venue and held by another is owed
    by the holder to the venue it was spent at, booked in both companies (the netting of
    each pair of venues is in flex_gift_alliance_settlement.py)."""

    _inherit = "flex.gift.alliance"

    # ------------------------------------------------------------------
    # recording movements (sale.order calls these at confirmation)
    # ------------------------------------------------------------------

    def _flex_gift_record_topup(self, order, card, amount, kind="topup"):
        """``amount`` of stored value topped up (or, cancelled, taken back) at ``order``'s
        venue, which holds it. The venue of a member's first top-up is their referring venue."""
        venue = order._flex_gift_venue()
        if kind == "topup" and not card.flex_gift_referring_venue_id:
            card.sudo().flex_gift_referring_venue_id = venue
        self.env["flex.gift.alliance.entry"].sudo().create(
            self._flex_gift_entry_values(order, card, kind, venue, amount, order.date_order.date(), to_book=False)
        )

    def _flex_gift_entry_values(self, order, card, kind, holder, amount, date, to_book=True):
        """Values of a movement of ``card`` at ``order``'s venue, held by ``holder``."""
        return {
            "alliance_id": self.id,
            "card_id": card.id,
            "kind": kind,
            "venue_id": order._flex_gift_venue().id,
            "holder_venue_id": holder.id,
            "amount": amount,
            "order_id": order.id,
            "date": date,
            "to_book": to_book,
        }

    def _flex_gift_record_spend(self, order, card, amount, kind="spend"):
        """Take ``amount`` of ``card``'s stored value, spent at ``order``'s venue, from the
        oldest holdings first (a refund gives it back to the holders it was taken from,
        newest first); the entries await the booking job."""
        Entry = self.env["flex.gift.alliance.entry"].sudo()
        if kind == "spend":
            sources = [(holder, held) for holder, held in Entry._flex_gift_holdings(card).items() if held > 0]
        else:
            taken = defaultdict(float)
            for entry in Entry.search([("order_id", "=", order.id), ("card_id", "=", card.id)], order="id desc"):
                taken[entry.holder_venue_id] += entry.amount if entry.kind == "spend" else -entry.amount
            sources = [(holder, spent) for holder, spent in taken.items() if spent > 0]
        values = []
        for holder, available in sources:
            part = min(available, amount)
            if self.currency_id.is_zero(part):
                continue
            values.append(
                self._flex_gift_entry_values(
                    order, card, kind, holder, self.currency_id.round(part), fields.Date.context_today(self)
                )
            )
            amount -= part
            if self.currency_id.is_zero(amount):
                break
        if not self.currency_id.is_zero(amount):
            raise UserError(self.env._("This stored value is not held by any venue of the alliance."))
        entries = Entry.create(values)
        self._flex_gift_trigger_booking()
        return entries

    def _flex_gift_record_bonus(self, order, card, amount, kind="bonus"):
        """Credit (or, cancelled, take back) the bonus ``amount`` of a preset top-up sold at
        ``order``'s venue: the venue gives it, holds it and books it as an expense."""
        venue = order._flex_gift_venue()
        card = card.sudo()
        if kind == "bonus":
            card.points += amount
            self.env["loyalty.history"].sudo().create(
                {
                    "card_id": card.id,
                    "order_model": order._name,
                    "order_id": order.id,
                    "description": self.env._("Top-up bonus, order %s", order.display_name),
                    "issued": amount,
                }
            )
        else:
            card.points -= amount
        entry = (
            self.env["flex.gift.alliance.entry"]
            .sudo()
            .create(self._flex_gift_entry_values(order, card, kind, venue, amount, fields.Date.context_today(self)))
        )
        self._flex_gift_trigger_booking()
        return entry

    def _flex_gift_trigger_booking(self):
        """Wake the booking job once per transaction."""
        data = self.env.cr.postcommit.data
        if not data.get("flex_gift_alliance.book"):
            data["flex_gift_alliance.book"] = True
            self.env.ref("flex_gift_venue.ir_cron_flex_gift_alliance_book").sudo()._trigger()

    def _flex_gift_notify_spend(self, order, card, amount):
        """Tell the member what the stored value paid, where, and what is left: by SMS
        (queued, sent by Odoo's SMS job) when the member has a phone number, else by e-mail."""
        member = card.partner_id
        if not member:
            return
        body = self.env._(
            "%(venue)s: %(amount)s paid with your stored value (order %(order)s). New balance: %(balance)s.",
            venue=order._flex_gift_venue().name,
            amount=tools.format_amount(self.env, amount, self.currency_id),
            order=order.name,
            balance=tools.format_amount(self.env, card.points, self.currency_id),
        )
        card = card.sudo().with_context(lang=member.lang or self.env.lang)
        if member.phone:
            card._message_sms(body, partner_ids=member.ids, put_in_queue=True)
        elif member.email:
            card.message_post(
                body=body,
                partner_ids=member.ids,
                subject=self.env._("Stored value payment"),
                subtype_xmlid="mail.mt_comment",
                message_type="notification",
            )

    # ------------------------------------------------------------------
    # booking: one entry per venue pair, company and date
    # ------------------------------------------------------------------

    @api.model
    def _cron_flex_gift_book(self):
        for alliance in self.sudo().search([]):
            alliance._flex_gift_book_pending()
            if self.env.context.get("ir_cron_progress_id"):
                self.env["ir.cron"]._commit_progress(1)

    def _flex_gift_book_pending(self):
        """Book every movement awaiting booking; returns the posted moves. As many queries
        for 10,000 movements as for 10: the movements are summed per venue pair and date in
        the database and marked booked with one statement per pair."""
        self.ensure_one()
        Entry = self.env["flex.gift.alliance.entry"].sudo()
        entries = Entry.search([("alliance_id", "=", self.id), ("to_book", "=", True)]).try_lock_for_update()
        if not entries:
            return self.env["account.move"]
        Entry.flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT holder_venue_id, venue_id, date, kind IN ('bonus', 'bonus_cancel'), array_agg(id),
                          sum(CASE WHEN kind IN ('spend', 'topup_cancel', 'bonus_cancel') THEN amount ELSE -amount END)
                     FROM flex_gift_alliance_entry
                    WHERE id = ANY(%s)
                    GROUP BY holder_venue_id, venue_id, date, kind IN ('bonus', 'bonus_cancel')
                    ORDER BY date, holder_venue_id, venue_id""",
                entries.ids,
            )
        )
        Venue = self.env["flex.gift.venue"].sudo()
        moves = self.env["account.move"]
        for holder_id, venue_id, date, bonus, ids, amount in self.env.cr.fetchall():
            if bonus:
                pair_moves = self._flex_gift_book_bonus(Venue.browse(holder_id), self.currency_id.round(-amount), date)
            else:
                pair_moves = self._flex_gift_book_pair(
                    Venue.browse(holder_id), Venue.browse(venue_id), self.currency_id.round(amount), date
                )
            self.env.cr.execute(SQL("UPDATE flex_gift_alliance_entry SET to_book = false WHERE id = ANY(%s)", ids))
            if pair_moves:
                self.env.cr.execute(
                    SQL(
                        """INSERT INTO flex_gift_alliance_entry_move_rel (entry_id, move_id)
                           SELECT entry_id, move_id FROM unnest(%s) entry_id CROSS JOIN unnest(%s) move_id""",
                        ids,
                        pair_moves.ids,
                    )
                )
            moves |= pair_moves
        Entry.invalidate_model(["to_book", "move_ids"])
        return moves

    def _flex_gift_book_pair(self, holder, venue, amount, date):
        """``amount`` of stored value held by ``holder`` paid at ``venue`` (negative: given
        back): the holder's liability to its members goes down; if another venue took it,
        the holder owes it that much and the venue books it as owed by the holder."""
        if self.currency_id.is_zero(amount):
            return self.env["account.move"]
        label = self.env._("Stored value of %(holder)s spent at %(venue)s", holder=holder.name, venue=venue.name)

        def item(account, balance, partner=False):
            return Command.create({"name": label, "account_id": account.id, "balance": balance, "partner_id": partner})

        if holder == venue:
            vals = [
                (
                    holder,
                    [
                        item(holder.alliance_deposit_account_id, amount),
                        item(holder.alliance_clearing_account_id, -amount),
                    ],
                )
            ]
        else:
            vals = [
                (
                    holder,
                    [
                        item(holder.alliance_deposit_account_id, amount),
                        item(holder.alliance_due_to_account_id, -amount, venue.partner_id.id),
                    ],
                ),
                (
                    venue,
                    [
                        item(venue.alliance_due_from_account_id, amount, holder.partner_id.id),
                        item(venue.alliance_clearing_account_id, -amount),
                    ],
                ),
            ]
        moves = (
            self.env["account.move"]
            .sudo()
            .with_company(holder.company_id)
            .create(
                [
                    {
                        "move_type": "entry",
                        "date": date,
                        "ref": label,
                        "company_id": owner.company_id.id,
                        "journal_id": owner.alliance_journal_id.id,
                        "line_ids": items,
                    }
                    for owner, items in vals
                ]
            )
        )
        moves.action_post()
        return moves

    def _flex_gift_book_bonus(self, venue, amount, date):
        """``amount`` of top-up bonuses given by ``venue`` (negative: taken back): an expense
        of the venue, added to its members' stored value."""
        if self.currency_id.is_zero(amount):
            return self.env["account.move"]
        if not venue.alliance_bonus_account_id:  # joined before bonuses existed
            self._flex_gift_join(venue)
        label = self.env._("Top-up bonuses given by %(venue)s", venue=venue.name)
        return self._flex_gift_post_entry(
            venue,
            label,
            [
                Command.create({"name": label, "account_id": venue.alliance_bonus_account_id.id, "balance": amount}),
                Command.create({"name": label, "account_id": venue.alliance_deposit_account_id.id, "balance": -amount}),
            ],
            date,
        )

    def _flex_gift_post_entry(self, venue, label, items, date=None):
        """Post a journal entry of ``items`` in ``venue``'s alliance journal."""
        values = {
            "move_type": "entry",
            "ref": label,
            "company_id": venue.company_id.id,
            "journal_id": venue.alliance_journal_id.id,
            "line_ids": items,
        }
        if date:
            values["date"] = date
        move = self.env["account.move"].sudo().with_company(venue.company_id).create(values)
        move.action_post()
        return move
