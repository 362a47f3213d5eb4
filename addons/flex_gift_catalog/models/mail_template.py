import logging

from odoo import models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _generate_template_attachments(self, res_ids, render_fields, render_results=None):
        """In an order notification e-mail (context key set by ``sale.order``'s
        ``_send_order_notification_mail``), report attachments the PDF engine cannot
        render (wkhtmltopdf missing or failing) are left out with one warning: the
        e-mail still goes, and the confirmation of a paid order is never undone by it."""
        if not (
            self.env.context.get("flex_gift_catalog_optional_reports")
            and "report_template_ids" in render_fields
            and self.report_template_ids
        ):
            return super()._generate_template_attachments(res_ids, render_fields, render_results=render_results)
        try:
            return super()._generate_template_attachments(res_ids, render_fields, render_results=render_results)
        except (UserError, OSError) as error:
            # Odoo's PDF engine errors are plain UserErrors (wkhtmltopdf not found, failed);
            # an access, validation or missing-record error is not the engine's: raise it
            if isinstance(error, UserError) and type(error) is not UserError:
                raise
            _logger.warning(
                "E-mail %r on %s %s sent without its report(s) %s: the PDF could not be rendered (%s). "
                "Install wkhtmltopdf (apt-get install wkhtmltopdf) to attach them.",
                self.name,
                self.model,
                res_ids,
                ", ".join(self.report_template_ids.mapped("report_name")),
                error,
            )
        render_results = {} if render_results is None else render_results
        for res_id in res_ids:
            # drop what the failed run attached before it failed
            render_results.get(res_id, {}).pop("attachments", None)
        fields_without_reports = [fname for fname in render_fields if fname != "report_template_ids"]
        super()._generate_template_attachments(res_ids, fields_without_reports, render_results=render_results)
        for res_id in res_ids:
            render_results.setdefault(res_id, {}).setdefault("attachments", [])
        return render_results
