from odoo import fields, models
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
        venues = self.env["flex.gift.venue"].sudo().search([("website_id", "in", self.ids)])
        by_website = {venue.website_id: venue for venue in venues}
        for website in self:
            website.flex_gift_venue_id = by_website.get(website, venues.browse())

    def sale_product_domain(self):
        """A venue's shop shows the library works it imported, and no other: a library
        work is shared by every company, so Odoo's own company filter lets it through."""
        domain = super().sale_product_domain()
        website = self or self.get_current_website()
        venue = website.sudo().flex_gift_venue_id
        if not venue:
            return domain
        return Domain.AND(
            [
                domain,
                Domain("is_library_work", "=", False)
                | (
                    Domain("flex_gift_venue_listing_ids.venue_id", "=", venue.id)
                    & Domain("library_state", "=", "published")
                ),
            ]
        )
