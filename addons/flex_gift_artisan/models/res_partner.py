from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    flex_gift_handmade_order_ids = fields.One2many(
        "flex.gift.handmade.order", "studio_id", string="Handmade Orders (Studio)"
    )

    def _flex_gift_payout_moves(self):
        """Posted payout bills and credit notes of this studio, oldest first."""
        self.ensure_one()
        return (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.commercial_partner_id.id),
                    ("move_type", "in", ("in_invoice", "in_refund")),
                    ("state", "=", "posted"),
                    ("line_ids.product_id", "=", self.env.ref("flex_gift_artisan.product_artisan_payout").id),
                ],
                order="invoice_date, id",
            )
        )

    def _flex_gift_payout_statement(self):
        """Rows (move, signed amount) and the balance of this studio's payouts."""
        moves = self._flex_gift_payout_moves()
        rows = [(move, -move.amount_total_signed) for move in moves]
        return {"rows": rows, "total": sum(amount for _move, amount in rows), "moves": moves}
