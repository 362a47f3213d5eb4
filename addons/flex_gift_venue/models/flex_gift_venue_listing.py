from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.image import is_image_size_above

from odoo.addons.flex_gift_venue.tools import pricing

from .flex_gift_venue import ROUNDING_SELECTION

IMAGE_FIELDS = {"image_1920", "image_1024", "image_512", "image_256", "image_128"}
RULE_FIELDS = {"use_venue_rule", "markup_percent", "markup_fixed", "rounding", "venue_id"}


class FlexGiftVenueListing(models.Model):
    """A library work a venue sells on its website.

    The listing copies nothing of the work's matrix: the venue's shop shows the library's
    own product with the venue's price rule applied by one pricelist item of the venue's
    pricelist (markup, rounding, fixed amount), so a price or lead time the library
    changes shows at once, and a work the library withdraws leaves every venue shop."""

    _name = "flex.gift.venue.listing"
    _description = "Venue Listing"
    _inherit = ["mail.thread", "image.mixin"]
    _order = "venue_id, id"
    _rec_name = "product_tmpl_id"

    venue_id = fields.Many2one("flex.gift.venue", string="Venue", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="venue_id.company_id", store=True, index=True)
    website_id = fields.Many2one(related="venue_id.website_id", store=True, index=True)
    product_tmpl_id = fields.Many2one(
        "product.template",
        string="Library Work",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_library_work", "=", True), ("library_state", "=", "published")],
    )
    library_state = fields.Selection(related="product_tmpl_id.library_state", string="Library State")
    use_venue_rule = fields.Boolean(
        string="Venue's Default Rule", default=True, help="Price this work with the venue's default rule."
    )
    markup_percent = fields.Float(string="Markup (%)")
    markup_fixed = fields.Float(string="Fixed Amount")
    rounding = fields.Selection(ROUNDING_SELECTION, string="Rounding", default="none", required=True)
    pricelist_item_id = fields.Many2one(
        "product.pricelist.item", string="Price Rule", readonly=True, ondelete="set null"
    )
    name = fields.Char(string="Name on the Venue's Shop", help="Leave empty to show the library's name.")
    description = fields.Html(string="Description on the Venue's Shop", sanitize=True)
    image_1920 = fields.Image(string="Image on the Venue's Shop", max_width=1920, max_height=1920)
    # read by website_sale's product page, as for the product's own images
    can_image_1024_be_zoomed = fields.Boolean(compute="_compute_can_image_1024_be_zoomed")
    lead_days_extra = fields.Integer(related="venue_id.handling_days", string="Handling Days")

    _work_unique = models.Constraint("UNIQUE (venue_id, product_tmpl_id)", "A venue imports a work once.")

    @api.depends("image_1920", "image_1024")
    def _compute_can_image_1024_be_zoomed(self):
        for listing in self:
            listing.can_image_1024_be_zoomed = bool(
                listing.image_1920 and is_image_size_above(listing.image_1920, listing.image_1024)
            )

    @api.model_create_multi
    def create(self, vals_list):
        listings = super().create(vals_list)
        listings._check_flex_gift_importable()
        listings._flex_gift_sync_rule()
        return listings

    def write(self, vals):
        rule_changed = bool(RULE_FIELDS & set(vals))
        if rule_changed:  # refused before anything is written
            for listing in self:
                listing._check_flex_gift_margin(*listing._flex_gift_rule(vals))
        res = super().write(vals)
        if rule_changed:
            self._flex_gift_sync_rule(check=False)
        return res

    def unlink(self):
        self.pricelist_item_id.sudo().unlink()
        return super().unlink()

    def _can_return_content(self, field_name=None, access_token=None):
        """The image a venue shows for a work on its shop is public while the work is on
        sale there; the listing's other fields are not."""
        if field_name in IMAGE_FIELDS and self.sudo()._flex_gift_on_sale():
            return True
        return super()._can_return_content(field_name, access_token)

    def _flex_gift_on_sale(self):
        """Whether this listing is on its venue's shop now."""
        self.ensure_one()
        return bool(
            self.venue_id.active
            and self.venue_id.website_id
            and self.product_tmpl_id._flex_gift_sold_on_website(self.venue_id.website_id)
        )

    def _check_flex_gift_importable(self):
        for listing in self:
            work = listing.product_tmpl_id.sudo()
            if not work.is_library_work or work.library_state != "published":
                raise ValidationError(
                    self.env._("“%s” is not a published library work: only published works can be imported.", work.name)
                )

    def _flex_gift_rule(self, vals=None):
        """(markup %, fixed amount, rounding) this listing is priced with (once ``vals`` are written)."""
        self.ensure_one()
        vals = vals or {}
        if vals.get("use_venue_rule", self.use_venue_rule):
            venue = self.env["flex.gift.venue"].browse(vals.get("venue_id", self.venue_id.id))
            return venue.markup_percent, venue.markup_fixed, venue.rounding
        return (
            vals.get("markup_percent", self.markup_percent),
            vals.get("markup_fixed", self.markup_fixed),
            vals.get("rounding", self.rounding),
        )

    def _flex_gift_sync_rule(self, check=True):
        """Write each listing's rule on its pricelist item (created on first use), after
        checking that no combination would sell under what the venue owes for it."""
        Item = self.env["product.pricelist.item"].sudo()
        for listing in self:
            venue = listing.venue_id.sudo()
            markup, fixed, rounding = listing._flex_gift_rule()
            if check:
                listing._check_flex_gift_margin(markup, fixed, rounding)
            step, after = pricing.ROUNDINGS[rounding]
            values = {
                "pricelist_id": venue.pricelist_id.id,
                "applied_on": "1_product",
                "product_tmpl_id": listing.product_tmpl_id.id,
                "compute_price": "formula",
                "base": "list_price",
                "price_markup": markup,
                "price_round": step,
                "price_surcharge": after + fixed,
            }
            if listing.pricelist_item_id:
                listing.pricelist_item_id.sudo().write(values)
            else:
                listing.sudo().pricelist_item_id = Item.create(values)

    def _check_flex_gift_margin(self, markup, fixed, rounding):
        """A venue may not sell a combination under its platform price."""
        self.ensure_one()
        venue = self.venue_id.sudo()
        work = self.product_tmpl_id.sudo()
        prices = work._flex_gift_library_prices()
        rate = venue.platform_currency_id._get_conversion_rate(
            venue.platform_currency_id, venue.currency_id, venue.company_id, fields.Date.context_today(self)
        )
        margin = pricing.lowest_margin([p * rate for p in prices], markup, fixed, rounding, venue.commission_rate)
        if margin < 0:
            raise ValidationError(
                self.env._(
                    "This price rule sells some combinations of “%(work)s” under what %(venue)s owes the platform "
                    "for them (short by %(amount).2f %(currency)s). Raise the markup or the fixed amount.",
                    work=work.name,
                    venue=venue.name,
                    amount=-margin,
                    currency=venue.currency_id.name,
                )
            )

    def _flex_gift_notify(self, body):
        """Tell the venues' managers what the library changed about their listings."""
        for listing in self.sudo():
            listing.message_post(
                body=body,
                partner_ids=listing.venue_id.manager_ids.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )

    def action_open_product(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/shop/{self.product_tmpl_id.id}",
            "target": "new",
        }
