from odoo import api, models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    @api.model_create_multi
    def create(self, vals_list):
        """No third-party payment for an order carrying the member discount, whatever the
        route (checkout, portal "Pay now"): the discount is for stored value only."""
        transactions = super().create(vals_list)
        transactions.sale_order_ids._flex_gift_check_member_discount()
        return transactions
