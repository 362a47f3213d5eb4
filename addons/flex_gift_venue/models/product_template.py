from datetime import timedelta

from odoo import api, fields, models

CHANGED_WORKS = "flex_gift_venue.changed_works"


class ProductTemplate(models.Model):
    _inherit = "product.template"

    flex_gift_venue_listing_ids = fields.One2many("flex.gift.venue.listing", "product_tmpl_id", string="Venue Listings")

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
