from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.flex_gift_catalog.tools import text

from ..tools import link_html

# the longest sender name and message a gift takes (the cart's form says so too)
GIFT_MAX_LENGTHS = {"sender_name": 80, "message": 500}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    flex_gift_is_gift = fields.Boolean(string="Send as a Gift", copy=False)
    flex_gift_sender_name = fields.Char(string="Gift Sender Name", copy=False)
    flex_gift_message = fields.Text(string="Gift Message", copy=False)
    flex_gift_allow_swap = fields.Boolean(
        string="Recipient May Choose",
        copy=False,
        help="The recipient may switch to another combination of the same work at the same or a lower price.",
    )
    flex_gift_link_ids = fields.One2many("flex.gift.link", "order_id", string="Gift Links", readonly=True)
    flex_gift_link_count = fields.Integer(compute="_compute_flex_gift_link_count")

    @api.depends("flex_gift_link_ids")
    def _compute_flex_gift_link_count(self):
        for order in self:
            order.flex_gift_link_count = len(order.flex_gift_link_ids)

    def _action_confirm(self):
        # before Odoo's confirmation e-mail (sent by action_confirm after this), which carries the links
        res = super()._action_confirm()
        self.filtered("flex_gift_is_gift")._flex_gift_create_links()
        return res

    def action_view_flex_gift_links(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("flex_gift_share.flex_gift_link_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def _flex_gift_form_values(self):
        """The gift options of this cart as the cart's gift form shows them: the sender name
        defaults to the buyer's name once the cart has one (never to the public user's)."""
        self.ensure_one()
        sender_name = self.flex_gift_sender_name
        if not sender_name and not self._is_anonymous_cart():
            sender_name = self.partner_id.name
        return {
            "is_gift": self.flex_gift_is_gift,
            "sender_name": sender_name or "",
            "message": self.flex_gift_message or "",
            "allow_swap": self.flex_gift_allow_swap,
        }

    def _flex_gift_check_gift(self, is_gift, sender_name, message=""):
        """Check gift options for this order without writing anything: the one place they are
        validated (the cart's form, its autosave and ``_flex_gift_set_gift``).

        :return: a dict mapping each wrong field of the cart's gift form (``is_gift``,
            ``sender_name``, ``message``) to its message, in the visitor's language (empty:
            the options may be saved)
        """
        self.ensure_one()
        _ = self.env._
        if self.state not in ("draft", "sent"):
            return {"is_gift": _("Only a cart can be turned into a gift.")}
        errors = {}
        if not is_gift:
            return errors  # the sender name and message are dropped: nothing to check
        typed = {"sender_name": sender_name, "message": message}
        for field, value in typed.items():
            if not text.is_text(value):
                errors[field] = _("Please enter text.")
        cleaned = self._flex_gift_clean_gift(sender_name, message)
        if not cleaned["sender_name"] and "sender_name" not in errors:
            errors["sender_name"] = _("Please enter the sender name shown to the recipient.")
        for field, value in cleaned.items():
            if field not in errors and len(value) > GIFT_MAX_LENGTHS[field]:
                errors[field] = _(
                    "Please enter at most %(max)s characters (%(count)s now).",
                    max=GIFT_MAX_LENGTHS[field],
                    count=len(value),
                )
        return errors

    @api.model
    def _flex_gift_clean_gift(self, sender_name, message):
        """The sender name and message as they are checked and stored: control characters,
        escape sequences and bidi overrides removed, trimmed; the name on one line, the message
        with its line breaks (``flex_gift_catalog.tools.text``). Not text (a list): empty."""
        return {
            "sender_name": text.clean(sender_name) if text.is_text(sender_name) else "",
            "message": text.clean(message, multiline=True) if text.is_text(message) else "",
        }

    def _flex_gift_set_gift(self, is_gift, sender_name="", message="", allow_swap=False):
        """Mark a cart as a gift (or not), from the shop.

        :raise UserError: the options are refused (``_flex_gift_check_gift``); nothing written
        """
        self.ensure_one()
        errors = self._flex_gift_check_gift(is_gift, sender_name, message)
        if errors:
            raise UserError("\n".join(dict.fromkeys(errors.values())))
        cleaned = self._flex_gift_clean_gift(sender_name, message)
        sender_name, message = cleaned["sender_name"], cleaned["message"]
        self.write(
            {
                "flex_gift_is_gift": bool(is_gift),
                "flex_gift_sender_name": sender_name if is_gift else False,
                "flex_gift_message": message if is_gift else False,
                "flex_gift_allow_swap": bool(is_gift and allow_swap),
            }
        )
        if is_gift and self.partner_invoice_id and self.partner_id != self.website_id.user_id.partner_id:
            # no delivery address is asked for a gift: the recipient gives it when claiming
            self.partner_shipping_id = self.partner_invoice_id

    def _flex_gift_lines(self):
        return self.order_line.filtered(
            lambda line: not line.display_type and line.product_id.type == "consu" and line.product_uom_qty > 0
        )

    def _flex_gift_create_links(self):
        """One link per unit of every deliverable line (quantity N, N links)."""
        vals_list = []
        for order in self:
            if order.flex_gift_link_ids:
                continue
            expiry = self.env["flex.gift.link"]._flex_gift_expiry(order.website_id)
            for line in order._flex_gift_lines():
                units = int(line.product_uom_qty)
                vals_list += [
                    {
                        "order_id": order.id,
                        "order_line_id": line.id,
                        "combination_id": line.flex_gift_combination_id.id,
                        "expiry_date": expiry,
                    }
                    for _unit in range(units)
                ]
        return self.env["flex.gift.link"].sudo().with_context(mail_create_nosubscribe=True).create(vals_list)

    def _send_order_notification_mail(self, mail_template, *args, **kwargs):
        """Odoo's confirmation e-mail of a gift order carries its gift links (see ``message_post``);
        the arguments pass through as received (Odoo's tests check the call)."""
        if self.flex_gift_is_gift and mail_template and mail_template == self._get_confirmation_template():
            self = self.with_context(flex_gift_links_in_mail=self.id)
        return super()._send_order_notification_mail(mail_template, *args, **kwargs)

    def message_post(self, **kwargs):
        order_id = self.env.context.get("flex_gift_links_in_mail")
        if order_id and self.ids == [order_id] and kwargs.get("body"):
            pending = self.flex_gift_link_ids.filtered(lambda link: link.state == "pending")
            if pending:
                block = self.with_context(lang=self.partner_id.lang)._flex_gift_links_block(pending)
                kwargs["body"] = Markup(kwargs["body"]) + block
            self = self.with_context(flex_gift_links_in_mail=False)
        return super().message_post(**kwargs)

    def _flex_gift_links_block(self, links):
        """The gift links of an e-mail as stored: placeholders, never tokens. The e-mail to
        the buyer gets the real links and QR codes when it is sent (``mail.mail``)."""
        self.ensure_one()
        order_url = self.get_base_url() + self.get_portal_url()
        items = Markup("").join(
            Markup("<li>%s</li>")
            % link_html.placeholder(
                order_url,
                link.id,
                self.env._("Gift link %(number)s: %(product)s", number=index, product=link.product_id.display_name),
            )
            for index, link in enumerate(links, start=1)
        )
        return Markup(
            '<div class="o_flex_gift_links"><p><strong>%s</strong></p><p>%s</p><ol>%s</ol><p>%s</p></div>'
        ) % (
            self.env._("Your gift links"),
            self.env._(
                "Share each link below with one recipient: they choose the delivery address and date. "
                "Anyone with a link can claim its gift, so share it privately."
            ),
            items,
            self.env._("Your links and their QR codes are also on your order in your account."),
        )

    def _flex_gift_send_links(self, links):
        """E-mail the buyer these gift links again (the message keeps placeholders only)."""
        self.ensure_one()
        as_buyer = self.with_context(lang=self.partner_id.lang)
        self.message_post(
            body=as_buyer._flex_gift_links_block(links),
            subject=as_buyer.env._("Your gift links for %(order)s", order=self.name),
            partner_ids=self.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
