import base64
import binascii

from odoo import Command, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.flex_gift_venue.tools import documents

KINDS = [("merchant", "Merchant"), ("agent", "Agent")]
STATES = [("submitted", "Submitted"), ("approved", "Approved"), ("rejected", "Rejected")]
# (field, kinds that must send it)
DOCUMENTS = [("licence_file", ("merchant",)), ("id_file", ("merchant", "agent"))]


class FlexGiftApplication(models.Model):
    """A merchant's or an agent's application to the platform, sent from the website's
    sign-up pages with qualification documents and reviewed by the platform: approving a
    merchant creates its venue and its manager's account; approving an agent gives it a
    portal account, a referral code and link. The applicant follows it by e-mail and on
    its status page (portal token), and never sees anyone else's."""

    _name = "flex.gift.application"
    _description = "Merchant or Agent Application"
    _inherit = ["portal.mixin", "mail.thread"]
    _order = "create_date desc, id desc"

    name = fields.Char(string="Business Name", required=True, tracking=True)
    kind = fields.Selection(KINDS, required=True, readonly=True, tracking=True)
    contact_name = fields.Char(string="Contact Name", required=True)
    email = fields.Char(required=True)
    email_normalized = fields.Char(compute="_compute_email_normalized", store=True)
    phone = fields.Char()
    country_id = fields.Many2one("res.country", string="Country")
    currency_id = fields.Many2one(
        "res.currency", string="Currency", help="A merchant's: the currency its shop sells in."
    )
    description = fields.Text(string="About the Business")
    licence_file = fields.Binary(string="Business Licence", attachment=True)
    licence_filename = fields.Char()
    id_file = fields.Binary(string="Identity Document", attachment=True)
    id_filename = fields.Char()
    state = fields.Selection(STATES, default="submitted", required=True, readonly=True, tracking=True, index=True)
    reject_reason = fields.Text(string="Reason for Rejection", readonly=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Applicant", readonly=True, ondelete="restrict")
    venue_id = fields.Many2one("flex.gift.venue", string="Venue", readonly=True)
    user_id = fields.Many2one("res.users", string="User Account", readonly=True)
    referral_code = fields.Char(related="partner_id.flex_gift_referral_code", string="Referral Code")
    referral_url = fields.Char(compute="_compute_referral_url", string="Referral Link")

    _one_open_application = models.UniqueIndex(
        "(kind, email_normalized) WHERE state != 'rejected'",
        "An application of this kind from this e-mail address is already under review or approved.",
    )

    @api.depends("email")
    def _compute_email_normalized(self):
        for application in self:
            application.email_normalized = tools.email_normalize(application.email) or False

    @api.depends("referral_code")
    def _compute_referral_url(self):
        for application in self:
            code = application.referral_code
            application.referral_url = code and f"{application.get_base_url()}/referral/{code}"

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for application in self:
            application.access_url = f"/apply/status/{application.id}"
        return res

    # ------------------------------------------------------------------
    # submission (the website's sign-up pages, as superuser)
    # ------------------------------------------------------------------

    @api.model
    def _flex_gift_submit(self, kind, values, files):
        """Create an application of ``kind`` from the sign-up form's ``values`` and the
        uploaded ``files`` ({field: (filename, bytes)}), all checked first: a clear error
        and nothing created, or the application, its applicant and an e-mail to them."""
        if kind not in dict(KINDS):
            raise ValidationError(self.env._("Unknown kind of application."))
        name, contact = (values.get("name") or "").strip(), (values.get("contact_name") or "").strip()
        email = tools.email_normalize(values.get("email") or "")
        if not name or not contact:
            raise ValidationError(self.env._("Please give the business name and the contact's name."))
        if not email:
            raise ValidationError(self.env._("Please give a valid e-mail address."))
        vals = {
            "kind": kind,
            "name": name[:200],
            "contact_name": contact[:200],
            "email": email,
            "phone": (values.get("phone") or "").strip()[:64] or False,
            "description": (values.get("description") or "").strip()[:4000] or False,
        }
        for field, model in (("country_id", "res.country"), ("currency_id", "res.currency")):
            value = str(values.get(field) or "")
            if value.isdigit():
                vals[field] = self.env[model].browse(int(value)).exists().id or False
        for field, kinds in DOCUMENTS:
            filename, data = files.get(field) or ("", b"")
            if not data:
                if kind in kinds:
                    raise ValidationError(
                        self.env._("Please attach your %(document)s.", document=self._flex_gift_document_label(field))
                    )
                continue
            vals[field] = base64.b64encode(self._flex_gift_check_document(field, data))
            vals[field.replace("_file", "_filename")] = (filename or field).rsplit("/", 1)[-1][:128]
        self._flex_gift_check_duplicate(kind, email)
        partner = self.env["res.partner"].create(
            {"name": contact, "email": email, "phone": vals["phone"], "country_id": vals.get("country_id")}
        )
        application = self.create(dict(vals, partner_id=partner.id))
        application.message_subscribe(partner_ids=partner.ids)
        application._flex_gift_notify("flex_gift_venue.mail_template_flex_gift_application_received")
        return application

    @api.model
    def _flex_gift_document_label(self, field):
        if field == "licence_file":
            return self.env._("business licence")
        return self.env._("identity document")

    @api.model
    def _flex_gift_check_document(self, field, data):
        label = self._flex_gift_document_label(field)
        try:
            documents.document_type(data)
        except documents.DocumentError as error:
            messages = {
                "empty": self.env._("The %(document)s is empty.", document=label),
                "size": self.env._(
                    "The %(document)s is larger than %(max)s MB.",
                    document=label,
                    max=documents.MAX_BYTES // (1024 * 1024),
                ),
                "type": self.env._("The %(document)s must be a PDF, PNG or JPEG file.", document=label),
            }
            raise ValidationError(messages[error.reason]) from None
        return data

    @api.model
    def _flex_gift_check_duplicate(self, kind, email):
        if self.sudo().search_count(
            [("kind", "=", kind), ("email_normalized", "=", email), ("state", "!=", "rejected")], limit=1
        ):
            raise ValidationError(
                self.env._("An application from %(email)s is already under review or approved.", email=email)
            )

    @api.constrains("licence_file", "id_file")
    def _check_documents(self):
        """Documents set from the back office or over RPC are checked like uploads."""
        for application in self:
            for field, _kinds in DOCUMENTS:
                value = application.with_context(bin_size=False)[field]
                if value:
                    try:
                        data = base64.b64decode(value, validate=True)
                    except (binascii.Error, ValueError):
                        data = b"?"
                    application._flex_gift_check_document(field, data)

    # ------------------------------------------------------------------
    # review (the platform)
    # ------------------------------------------------------------------

    def _flex_gift_check_platform(self):
        if not self.env.user.has_group("flex_gift_venue.group_venue_platform"):
            raise AccessError(self.env._("Only the platform reviews applications."))
        if self.filtered(lambda application: application.state != "submitted"):
            raise UserError(self.env._("Only applications under review can be approved or rejected."))

    def action_approve(self):
        """Approve: a merchant gets its venue and its manager's account (the venue's
        creation), an agent a portal account and a referral code; each an e-mail."""
        self._flex_gift_check_platform()
        for application in self:
            if application.kind == "merchant":
                application._flex_gift_approve_merchant()
            else:
                application._flex_gift_approve_agent()
            application.state = "approved"
            application._flex_gift_notify("flex_gift_venue.mail_template_flex_gift_application_approved")
        return True

    def _flex_gift_approve_merchant(self):
        if self.env["res.users"].sudo().with_context(active_test=False).search_count([("login", "=", self.email)]):
            raise UserError(self.env._("The login “%s” is already taken.", self.email))
        venue = (
            self.env["flex.gift.venue.create"]
            .create(
                {
                    "name": self.name,
                    "currency_id": (self.currency_id or self.env.company.currency_id).id,
                    "country_id": self.country_id.id or self.env.company.country_id.id,
                    "manager_name": self.contact_name,
                    "manager_login": self.email,
                }
            )
            ._flex_gift_create_venue()
        )
        manager = venue.manager_ids[:1].sudo()
        manager.partner_id.write({"email": self.email, "phone": self.phone})
        self.write({"venue_id": venue.id, "user_id": manager.id})
        manager.with_context(create_user=True).action_reset_password()  # Odoo's invitation: set a password

    def _flex_gift_approve_agent(self):
        Users = self.env["res.users"].sudo()
        user = Users.with_context(active_test=False).search([("login", "=", self.email)], limit=1)
        if user and not user._is_portal():
            raise UserError(self.env._("The login “%s” is already taken.", self.email))
        if not user:
            user = Users.with_context(no_reset_password=True).create(
                {
                    "name": self.contact_name,
                    "login": self.email,
                    "partner_id": self.partner_id.id,
                    "group_ids": [Command.set(self.env.ref("base.group_portal").ids)],
                }
            )
            user.with_context(create_user=True).action_reset_password()
        user.partner_id._flex_gift_ensure_referral_code()
        user.partner_id.sudo().flex_gift_is_agent = True
        self.write({"user_id": user.id, "partner_id": user.partner_id.id})

    def action_reject(self, reason):
        self._flex_gift_check_platform()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give the applicant the reason for the rejection."))
        self.write({"state": "rejected", "reject_reason": reason})
        for application in self:
            application._flex_gift_notify("flex_gift_venue.mail_template_flex_gift_application_rejected")
        return True

    def _flex_gift_notify(self, template_xmlid):
        """E-mail the applicant (a follower) from the template, logged in the chatter."""
        self.ensure_one()
        self.sudo().message_post_with_source(
            template_xmlid,
            subtype_xmlid="mail.mt_comment",
            author_id=self.env.company.partner_id.id,
        )
