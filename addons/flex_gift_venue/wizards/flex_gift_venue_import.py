from odoo import Command, fields, models
from odoo.exceptions import UserError


class FlexGiftVenueImport(models.TransientModel):
    """Import library works into a venue's shop with the venue's price rule."""

    _name = "flex.gift.venue.import"
    _description = "Import from Library"

    venue_id = fields.Many2one(
        "flex.gift.venue",
        string="Venue",
        required=True,
        default=lambda s: s.env["flex.gift.venue"].search([("company_id", "=", s.env.company.id)], limit=1),
    )
    product_tmpl_ids = fields.Many2many(
        "product.template",
        string="Library Works",
        domain=[("is_library_work", "=", True), ("library_state", "=", "published")],
    )

    def action_import(self):
        self.ensure_one()
        if not self.product_tmpl_ids:
            raise UserError(self.env._("Pick at least one library work to import."))
        already = self.venue_id.listing_ids.product_tmpl_id
        new = self.product_tmpl_ids - already
        self.venue_id.listing_ids = [Command.create({"product_tmpl_id": work.id}) for work in new]
        return {"type": "ir.actions.act_window_close"}
