from odoo import models

from ..tools import link_html


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _personalize_outgoing_body(self, body, partner=False, doc_to_followers=None):
        """Put the real gift links and QR codes in the e-mail that leaves for the buyer;
        the stored message and mail keep placeholders (see ``tools.link_html``)."""
        body = super()._personalize_outgoing_body(body, partner=partner, doc_to_followers=doc_to_followers)
        if self.model != "sale.order" or not self.res_id or not partner or "flex_gift_link=" not in (body or ""):
            return body
        order = self.env["sale.order"].sudo().browse(self.res_id)
        if partner != order.partner_id:
            return body  # a follower or salesperson gets the link to the order, not the gift links
        wanted = set(link_html.placeholder_ids(body))
        links = order.flex_gift_link_ids.filtered(lambda link: link.id in wanted and link.state == "pending")
        base = order.get_base_url()
        urls = {link.id: link._flex_gift_url() for link in links}
        return link_html.fill_placeholders(
            body, {link.id: (urls[link.id], base + link._flex_gift_qr_url(urls[link.id])) for link in links}
        )
