from odoo import fields, models, tools
from odoo.fields import Domain


class Website(models.Model):
    _inherit = "website"

    flex_gift_venue_id = fields.Many2one(
        "flex.gift.venue",
        string="Venue",
        compute="_compute_flex_gift_venue_id",
        help="The venue this website is the shop of, if any.",
    )

    def _compute_flex_gift_venue_id(self):
        for website in self:
            website.flex_gift_venue_id = self.env["flex.gift.venue"].sudo().browse(website._flex_gift_venue_key())

    @tools.ormcache("self.id")
    def _flex_gift_venue_key(self):
        """The id of the venue of this website, or None: cached, since every shop request
        asks (the cache is cleared when a venue's website changes)."""
        venue = (
            self.env["flex.gift.venue"]
            .sudo()
            .with_context(active_test=False)
            .search([("website_id", "=", self.id)], limit=1)
        )
        return venue.id or None

    def sale_product_domain(self):
        """A venue's shop shows the library works it imported, and no other: a library
        work is shared by every company, so Odoo's own company filter lets it through. The
        same goes for an alliance's top-up, shown by the alliance's venues only."""
        domain = super().sale_product_domain()
        website = self or self.get_current_website()
        venue = website.sudo().flex_gift_venue_id
        # an alliance's top-up is sold by its venues only
        own = venue.alliance_id.filtered("active").topup_product_id.product_tmpl_id.ids
        topups = self.env["flex.gift.alliance"]._flex_gift_topup_templates()
        hidden = [template for template in topups if template not in own]
        if hidden:
            domain = Domain.AND([domain, Domain("id", "not in", hidden)])
        if not venue:
            return domain
        return Domain.AND(
            [
                domain,
                Domain("is_library_work", "=", False)
                | (
                    # the visitor cannot read listings: the venue's works are looked up as superuser
                    Domain("id", "in", venue.listing_ids.product_tmpl_id.ids)
                    & Domain("library_state", "=", "published")
                ),
            ]
        )
