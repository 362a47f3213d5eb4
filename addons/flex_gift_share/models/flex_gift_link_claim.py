from datetime import date, datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date, get_lang

from odoo.addons.flex_gift_catalog.tools import concurrency, text

from ..tools import postcode
from .flex_gift_link import FlexGiftUnavailableError

# the recipient's contact fields a claim takes (the claim page's form, a backend claim)
CLAIM_ADDRESS_FIELDS = ("name", "phone", "street", "street2", "city", "zip", "country_id", "state_id")
# the longest value each text field of a claim takes: enough for any real name, street line or
# city (Odoo's own checkout sets none), short enough that a pasted page is refused, not stored
CLAIM_MAX_LENGTHS = {
    "name": 128,
    "phone": 32,
    "street": 128,
    "street2": 128,
    "city": 64,
    "zip": postcode.MAX_LENGTH,
}


class FlexGiftLink(models.Model):
    """The claim of a gift link: its validation, the claim itself, the release of the
    delivery (right away, or by the release job for a claim made on the public page) and
    the notices."""

    _inherit = "flex.gift.link"

    # ------------------------------------------------------------- choices

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

    def _flex_gift_delivery_bounds(self, combination=None):
        """The earliest and latest delivery dates the recipient may ask for."""
        self.ensure_one()
        combination = combination or self.combination_id or self.order_line_id.flex_gift_combination_id
        today = fields.Date.context_today(self)
        website = self._flex_gift_website()
        earliest = today + timedelta(days=max(combination.lead_days or 0, 1))
        latest = today + timedelta(days=max(website.flex_gift_max_delivery_days or 120, (earliest - today).days))
        return earliest, latest

    def _flex_gift_delivery_bounds_text(self):
        """The dates the recipient may choose from, as the claim page says them."""
        earliest, latest = self._flex_gift_delivery_bounds()
        return self.env._(
            "Between %(earliest)s and %(latest)s",
            earliest=self._flex_gift_date_label(earliest),
            latest=self._flex_gift_date_label(latest),
        )

    def _flex_gift_claimed_text(self, delivery_date):
        """What the claim page says once the gift is claimed."""
        self.ensure_one()
        return self.env._(
            "%(product)s will be delivered around %(date)s. You will get a text message.",
            product=self.order_line_id.product_id.product_tmpl_id.name,
            date=self._flex_gift_date_label(delivery_date),
        )

    # ---------------------------------------------------------- validation

    def _flex_gift_validate_claim(self, form):
        """Check a claim of this link without writing anything: the one place a claim is
        validated (the claim page renders what it returns, ``_flex_gift_claim`` refuses on it).

        Checked as Odoo's checkout checks an address (the fields it requires, the country's
        state and zip when the country asks for them), plus what a gift needs: the lengths of
        ``CLAIM_MAX_LENGTHS``, the country's postcode format (``tools.postcode``), a mobile
        number of that country, a delivery date within the bounds and an allowed version.

        :param dict form: the recipient's ``name``, ``phone`` (as the recipient types it),
            ``street``, ``street2``, ``city``, ``zip``, ``country_id``, ``state_id``, the
            ``delivery_date`` (a date, ISO or in the visitor's language format) and the
            ``combination_id`` chosen (none: the ordered one), as the form posts them
            (strings) or as typed values
        :return: ``(values, errors)``: ``values`` are the arguments of ``_flex_gift_claim``
            (``recipient_values`` with the phone in E.164 and the visitor's language,
            ``delivery_date``, ``combination``); ``errors`` maps each wrong field to its
            message in the visitor's language, all at once (empty: the claim may go)
        """
        self.ensure_one()
        link = self.sudo()
        _ = self.env._
        recipient = self._flex_gift_recipient_values(form)
        errors = {}
        for name, value in recipient.items():
            if not text.is_text(value):
                errors[name] = _("Please enter text.")
                recipient[name] = False
        # the country and its fields in one query (a missing id gives none)
        country = self.env["res.country"].sudo().search_fetch([("id", "=", recipient["country_id"])])
        recipient["country_id"] = country.id
        required = {"name", "phone", "street", "city", "country_id"}
        required |= {"state_id"} if country.state_required else set()
        required |= {"zip"} if country.zip_required else set()
        for name in sorted(required - set(errors)):
            if not recipient[name]:
                errors[name] = _("Some required fields are empty.")
        for name, limit in CLAIM_MAX_LENGTHS.items():
            if recipient[name] and len(recipient[name]) > limit:
                errors[name] = _(
                    "Please enter at most %(max)s characters (%(count)s now).", max=limit, count=len(recipient[name])
                )
        if recipient["zip"] and "zip" not in errors and not postcode.is_valid(country.code, recipient["zip"]):
            errors["zip"] = _(
                "This is not a postcode of %(country)s: it looks like %(example)s.",
                country=country.name,
                example=postcode.example(country.code),
            )
        if recipient["state_id"] and recipient["state_id"] not in country.state_ids.ids:
            errors["state_id"] = _("Please choose a state of the chosen country.")
        if recipient["phone"] and country and "phone" not in errors:
            phone = self.env["res.partner"]._phone_format(number=recipient["phone"], country=country)
            if phone:
                recipient["phone"] = phone
            else:
                errors["phone"] = _("Please enter a valid mobile number for the chosen country.")
        lang = self.env.lang
        if lang and lang in dict(self.env["res.lang"].get_installed()):
            recipient["lang"] = lang  # the SMS and later notices speak the recipient's language
        combination, error = link._flex_gift_chosen_combination(form.get("combination_id"))
        if error:
            errors["combination_id"] = error
        delivery_date, error = link._flex_gift_chosen_delivery_date(form.get("delivery_date"), combination)
        if error:
            errors["delivery_date"] = error
        values = {"recipient_values": recipient, "delivery_date": delivery_date, "combination": combination}
        return values, errors

    @api.model
    def _flex_gift_recipient_values(self, form):
        """The recipient's contact fields of ``form``, normalised before anything is checked
        or stored (``flex_gift_catalog.tools.text``): control characters, escape sequences and
        bidi overrides removed, white space made single spaces (a claim takes no line break),
        trimmed, the postcode uppercased, many2one ids as integers (False when not an id).
        A value that is not text (a list, a dict) is left as it is: the validation refuses it."""
        Partner = self.env["res.partner"]
        values = {}
        for name in CLAIM_ADDRESS_FIELDS:
            value = form.get(name)
            field = Partner._fields[name]
            if field.type == "many2one":
                value = text.to_id(value) or False
            elif text.is_text(value):
                cleaned = text.clean(value)
                value = postcode.normalize(cleaned) if name == "zip" else cleaned
                value = (field.convert_to_cache(value, Partner) or False) if value else False
            values[name] = value
        return values

    def _flex_gift_chosen_combination(self, value):
        """``(combination, error)``: the combination of id ``value`` when the recipient may
        receive it (enforced here, on the server), else the ordered one and why not."""
        self.ensure_one()
        _ = self.env._
        ordered = self.order_line_id.flex_gift_combination_id
        if not value:
            return ordered, False
        chosen = self.env["flex.gift.combination"].sudo().browse(text.to_id(value) or ()).exists()
        if not chosen:
            return ordered, _("Invalid choice.")
        if chosen == ordered:
            return ordered, False
        if not self.allow_swap:
            return ordered, _("The sender did not allow choosing another version of this gift.")
        if chosen.product_tmpl_id != ordered.product_tmpl_id:
            return ordered, _("You can only choose another version of the same work.")
        if chosen.currency_id.compare_amounts(chosen.price, ordered.price) > 0:
            return ordered, _("You cannot choose a version that costs more than the gift.")
        return chosen, False

    def _flex_gift_chosen_delivery_date(self, value, combination):
        """``(date, error)``: the delivery date ``value`` (see ``_flex_gift_parse_date``) when
        it is within the bounds of ``combination``, else why not."""
        _ = self.env._
        try:
            delivery_date = self._flex_gift_parse_date(value)
        except (TypeError, ValueError):
            return False, _("Invalid delivery date.")
        if not delivery_date:
            return False, _("Please choose a delivery date.")
        earliest, latest = self._flex_gift_delivery_bounds(combination)
        label = self._flex_gift_date_label
        if delivery_date < earliest:
            return False, _("The earliest possible delivery date is %(date)s.", date=label(earliest))
        if delivery_date > latest:
            return False, _("The latest possible delivery date is %(date)s.", date=label(latest))
        return delivery_date, False

    @api.model
    def _flex_gift_parse_date(self, value):
        """A date from a date, an ISO string or a date written in the visitor's language format
        (as the claim page shows it); None when empty.

        :raise ValueError: not a date
        """
        if not value:
            return None
        if isinstance(value, date):
            return fields.Date.to_date(value)
        if not isinstance(value, str) or len(value) > 64:
            raise ValueError("not a date")
        typed = text.clean(value)
        try:
            return fields.Date.to_date(typed)
        except ValueError:
            return datetime.strptime(typed, get_lang(self.env).date_format).date()

    @api.model
    def _flex_gift_date_label(self, value, lang=None):
        """``value`` (a date) as the visitor reads it: Odoo's ``format_date`` in the language of
        the context, or ``lang``."""
        return format_date(self.env, value, lang_code=lang) if value else ""

    @api.model
    def _flex_gift_date_input(self, value):
        """A delivery date as typed, for the claim page's field: in the visitor's format when it
        is a date, else as it was typed (its error says why)."""
        try:
            return self._flex_gift_date_label(self._flex_gift_parse_date(value))
        except (TypeError, ValueError):
            return text.clean(value)[:64] if text.is_text(value) else ""

    # --------------------------------------------------------------- claim

    def _flex_gift_claim(self, recipient_values, delivery_date, combination=None, defer_release=False):
        """Claim this link: validate everything first (``_flex_gift_validate_claim``: nothing is
        written on bad input), then win the link (``_flex_gift_transition``), create the hidden
        recipient contact and release one delivery for it, log, send the SMS and tell the buyer.

        :param dict recipient_values: the recipient's contact fields (``CLAIM_ADDRESS_FIELDS``)
        :param combination: the combination the recipient chose (none: the ordered one)
        :param defer_release: leave the delivery and the notices to the release job
        :raise ValidationError: bad phone, address, date or combination (nothing written)
        :raise FlexGiftUnavailableError: the link was claimed, expired or revoked meanwhile
        """
        self.ensure_one()
        link = self.sudo()
        form = dict(
            recipient_values, delivery_date=delivery_date, combination_id=combination.id if combination else False
        )
        values, errors = link._flex_gift_validate_claim(form)
        if errors:
            raise ValidationError("\n".join(dict.fromkeys(errors.values())))
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
                    values["recipient_values"],
                    type="delivery",
                    parent_id=False,
                    company_id=order.company_id.id,
                    comment=self.env._("Gift recipient of %(order)s", order=order.name),
                )
            )
        )
        delivery_date = values["delivery_date"]
        link.write(
            {
                "recipient_partner_id": recipient.id,
                "delivery_date": delivery_date,
                "combination_id": values["combination"].id,
            }
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

        Each link is locked first and read again, so two runs never release one twice."""
        domain = [("release_pending", "=", True)]
        in_cron = bool(self.env.context.get("cron_id"))
        pending = self.search(domain, limit=batch)
        if in_cron:
            # Odoo's cron runs the job again while the progress says records remain
            self.env["ir.cron"]._commit_progress(remaining=self.search_count(domain))
        for link in pending:
            with concurrency.quiet_serialization_failures():
                locked = link.try_lock_for_update(allow_referencing=True)
            locked.invalidate_recordset(["release_pending"])
            if not locked.release_pending:
                continue  # another run is releasing it, or released it meanwhile
            locked.release_pending = False
            locked._flex_gift_release_delivery()
            locked._flex_gift_notify_claim()
            if in_cron:
                self.env["ir.cron"]._commit_progress(1)
        return len(pending)

    def _flex_gift_release_delivery(self):
        """Launch the procurement of this one unit (the unclaimed units have no delivery at
        all: see ``sale.order.line._get_qty_procurement``); its procurement values carry the
        recipient as the partner, so ``picking_ids`` then holds a delivery to the recipient."""
        for link in self:
            link.order_line_id.with_context(flex_gift_link_id=link.id)._action_launch_stock_rule()
            if link.combination_id and link.combination_id != link.order_line_id.flex_gift_combination_id:
                # the recipient chose another version: the warehouse must read it
                moves = link.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")).move_ids
                words = link.product_id.product_tmpl_id.flex_gift_component_ids._flex_gift_words(
                    link.order_line_id.flex_gift_personalization or {}
                )
                moves.filtered(lambda m, link=link: m.flex_gift_link_id == link).description_picking = "\n".join(
                    [link.combination_id.name, *words]
                )

    def _flex_gift_notify_claim(self):
        """Log the claim on the order, e-mail the buyer and text the recipient, each in their
        own language (dates in its format)."""
        for link in self:
            order = link.order_id
            order.message_post(
                body=self.env._(
                    "Gift %(link)s claimed: delivery %(pickings)s planned on %(date)s.",
                    link=link.name,
                    pickings=", ".join(link.picking_ids.mapped("name")),
                    date=link._flex_gift_date_label(link.delivery_date),
                ),
                subtype_xmlid="mail.mt_note",
            )
            # the buyer's notice: never the recipient's address or phone. A plain queued e-mail,
            # not a chatter notification: notifying a portal customer rewrites their partner
            # row (signup token), which serializes concurrent claims of one buyer's gifts
            as_buyer = link.with_context(lang=order.partner_id.lang or self.env.lang)
            as_buyer._flex_gift_mail_buyer(
                as_buyer.env._("Your gift was claimed"),
                as_buyer.env._(
                    "Good news: your gift %(product)s was claimed. It will be delivered around %(date)s.",
                    product=as_buyer.product_id.display_name,
                    date=as_buyer._flex_gift_date_label(link.delivery_date),
                ),
            )
            recipient = link.recipient_partner_id
            as_recipient = link.with_context(lang=recipient.lang or self.env.lang)
            body = as_recipient.env._(
                "%(sender)s sent you a gift (order %(order)s). Expected delivery: %(date)s.",
                sender=link.sender_name or order.company_id.name,
                order=order.name,
                date=as_recipient._flex_gift_date_label(link.delivery_date),
            )
            # queued: the SMS cron sends it, a slow or failing gateway never delays the claim
            link._message_sms(
                body, partner_ids=recipient.ids, sms_pid_to_number={recipient.id: recipient.phone}, put_in_queue=True
            )
