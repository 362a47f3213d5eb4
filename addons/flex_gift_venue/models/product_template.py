from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext

CHANGED_WORKS = "flex_gift_venue.changed_works"
LISTING_STATES = [
    ("draft", "Not Submitted"),
    ("submitted", "Awaiting Approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    flex_gift_venue_listing_ids = fields.One2many("flex.gift.venue.listing", "product_tmpl_id", string="Venue Listings")
    flex_gift_is_venue_product = fields.Boolean(
        compute="_compute_flex_gift_is_venue_product",
        store=True,
        string="Venue's Own Product",
        help="A product of a venue's own company (not a library work): published on the venue's website "
        "once the platform approves it.",
    )
    flex_gift_listing_state = fields.Selection(
        LISTING_STATES, string="Listing Approval", default="draft", copy=False, tracking=True, index=True
    )
    flex_gift_listing_reason = fields.Text(string="Reason for Rejection", copy=False, tracking=True)
    flex_gift_abnormal = fields.Char(
        compute="_compute_flex_gift_abnormal",
        store=True,
        string="Abnormal",
        help="What the platform should look at before approving: a zero price, no image, no description.",
    )

    @api.depends("company_id", "is_library_work")
    def _compute_flex_gift_is_venue_product(self):
        venue_companies = self.env["flex.gift.venue"]._flex_gift_company_venues()
        for template in self:
            template.flex_gift_is_venue_product = (
                not template.is_library_work and template.company_id.id in venue_companies
            )

    @api.depends("flex_gift_is_venue_product", "list_price", "image_1920", "description_sale", "description_ecommerce")
    def _compute_flex_gift_abnormal(self):
        for template in self.with_context(bin_size=True):
            problems = []
            if template.flex_gift_is_venue_product:
                if template.currency_id.is_zero(template.list_price):
                    problems.append(self.env._("zero price"))
                if not template.image_1920:
                    problems.append(self.env._("no image"))
                if not (template.description_sale or html2plaintext(template.description_ecommerce or "").strip()):
                    problems.append(self.env._("no description"))
            template.flex_gift_abnormal = ", ".join(problems) or False

    # ------------------------------------------------------------------
    # listing approval: a venue's own products go on its website once the platform approves
    # ------------------------------------------------------------------

    def _flex_gift_venue_products(self):
        return self.filtered("flex_gift_is_venue_product")

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        templates._flex_gift_check_listing_publication(approve=True)
        return templates

    def _flex_gift_check_listing_publication(self, approve=False):
        """A venue's own product is published only once approved: the platform publishing it
        approves it; anyone else is told to submit it."""
        published = self._flex_gift_venue_products().filtered(
            lambda t: t.is_published and t.flex_gift_listing_state != "approved"
        )
        if not published:
            return
        if self.env["flex.gift.venue"]._flex_gift_is_platform():
            published.sudo().write({"flex_gift_listing_state": "approved", "flex_gift_listing_reason": False})
            return
        raise UserError(
            self.env._(
                "“%s” needs the platform's approval before it is published: submit it for approval.",
                published[:1].name,
            )
        )

    def action_flex_gift_submit_listing(self):
        """The venue asks the platform to approve its products for its website."""
        products = self._flex_gift_venue_products().filtered(
            lambda t: t.flex_gift_listing_state in ("draft", "rejected")
        )
        if not products:
            raise UserError(self.env._("Only a venue's own products not yet approved are submitted."))
        products.write({"flex_gift_listing_state": "submitted"})
        for product in products:
            product.message_post(body=self.env._("Submitted to the platform for approval."))
        return True

    def _flex_gift_check_reviewer(self):
        if not self.env["flex.gift.venue"]._flex_gift_is_platform():
            raise AccessError(self.env._("Only the platform approves listings."))
        if self.filtered(lambda t: not t.flex_gift_is_venue_product or t.flex_gift_listing_state != "submitted"):
            raise UserError(self.env._("Only submitted products of venues are approved or rejected."))

    def action_flex_gift_approve_listing(self):
        self._flex_gift_check_reviewer()
        self.sudo().write(
            {"flex_gift_listing_state": "approved", "flex_gift_listing_reason": False, "is_published": True}
        )
        for product in self:
            product.message_post(body=self.env._("Approved by the platform: published on the venue's website."))
        return True

    def action_flex_gift_reject_listing(self, reason):
        self._flex_gift_check_reviewer()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give the venue the reason for the rejection."))
        self.sudo().write(
            {"flex_gift_listing_state": "rejected", "flex_gift_listing_reason": reason, "is_published": False}
        )
        for product in self:
            product.message_post(body=self.env._("Rejected by the platform: %s", reason))
        return True

    def _flex_gift_library_prices(self):
        """The distinct prices of this work's matrix (its list price without a matrix)."""
        self.ensure_one()
        groups = self.env["flex.gift.combination"].sudo()._read_group([("product_tmpl_id", "=", self.id)], ["price"])
        return [price for [price] in groups] or [self.list_price]

    def _flex_gift_sold_on_website(self, website):
        """Whether a library work may be bought on ``website``: published by the library
        and, on a venue's website, imported by that venue."""
        self.ensure_one()
        if self.library_state != "published" or not self.sale_ok:
            return False
        venue = website.sudo().flex_gift_venue_id if website else False
        return not venue or bool(self.sudo().flex_gift_venue_listing_ids.filtered(lambda item: item.venue_id == venue))

    def _flex_gift_venue_listing(self):
        """This work's listing on the current request's website, if it is a venue's."""
        website = self.env["website"].get_current_website(fallback=False)
        venue = website.sudo().flex_gift_venue_id if website else False
        if not venue:
            return self.env["flex.gift.venue.listing"]
        return self.sudo().flex_gift_venue_listing_ids.filtered(lambda item: item.venue_id == venue)[:1]

    def _flex_gift_configuration_info(self, combination, personalization):
        """On a venue's website, the lead time is the library's plus the venue's handling days."""
        info = super()._flex_gift_configuration_info(combination, personalization)
        listing = self._flex_gift_venue_listing()
        if listing and info["available"] and listing.venue_id.handling_days:
            days = listing.venue_id.handling_days
            info["lead_days"] += days
            info["delivery_date"] = fields.Date.to_string(
                fields.Date.from_string(info["delivery_date"]) + timedelta(days=days)
            )
        return info

    def action_library_publish(self):
        """A published work is shared by every company of the database, so that venues can
        read and sell it (the library still owns it: only its users can change it)."""
        res = super().action_library_publish()
        self._flex_gift_share_with_venues()
        return res

    def _flex_gift_share_with_venues(self):
        shared = self.sudo().filtered(lambda t: t.is_library_work and t.library_state == "published" and t.company_id)
        if shared:
            shared.write({"company_id": False})

    def write(self, vals):
        withdrawn = self.browse()
        if "library_state" in vals and vals["library_state"] != "published":
            withdrawn = self.sudo().filtered(lambda t: t.library_state == "published" and t.flex_gift_venue_listing_ids)
        res = super().write(vals)
        if vals.get("is_published") or vals.get("website_published"):
            self._flex_gift_check_listing_publication()
        if withdrawn:
            for work in withdrawn:
                work.flex_gift_venue_listing_ids._flex_gift_notify(
                    self.env._(
                        "The library withdrew “%s”: it has left your shop. Confirmed orders are not affected.",
                        work.name,
                    )
                )
        if {"list_price", "name"} & set(vals):
            for work in self.sudo().filtered("flex_gift_venue_listing_ids"):
                work.flex_gift_venue_listing_ids._flex_gift_notify(
                    self.env._("The library changed “%s” (name or base price): your shop shows the change.", work.name)
                )
        return res

    def _flex_gift_venue_changed_at_commit(self):
        """Tell the venues selling these works, once, when the transaction commits, that the
        library changed prices or lead times of their combinations (a matrix regeneration
        writes thousands of rows: nothing is read or posted per row)."""
        data = self.env.cr.precommit.data
        pending = data.get(CHANGED_WORKS)
        if pending is None:
            pending = data[CHANGED_WORKS] = set()
            self.env.cr.precommit.add(self._flex_gift_venue_notify_changed)
        pending.update(self.ids)

    def _flex_gift_venue_notify_changed(self):
        ids = self.env.cr.precommit.data.pop(CHANGED_WORKS, set())
        works = self.env["product.template"].sudo().browse(ids).exists()
        for work in works.filtered("flex_gift_venue_listing_ids"):
            work.flex_gift_venue_listing_ids._flex_gift_notify(
                self.env._(
                    "The library changed the price or lead time of combinations of “%s”: your shop shows "
                    "the new figures with your price rule.",
                    work.name,
                )
            )

    @api.model
    def _flex_gift_venue_post_init(self):
        self.search(
            [("is_library_work", "=", True), ("library_state", "=", "published")]
        )._flex_gift_share_with_venues()
