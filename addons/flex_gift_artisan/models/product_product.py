from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _flex_gift_setup_payout_accounts(self):
        """Give the "Artisan payout" product an expense account in every company with a
        chart of accounts (an "Artisan Payouts" account, created when missing)."""
        product = self.env.ref("flex_gift_artisan.product_artisan_payout", raise_if_not_found=False)
        if not product:
            return
        Account = self.env["account.account"].sudo()
        for company in self.env["res.company"].sudo().search([("chart_template", "!=", False)]):
            product = product.with_company(company)
            if product.property_account_expense_id:
                continue
            account = Account.with_company(company).search(
                [*Account._check_company_domain(company), ("name", "=", "Artisan Payouts")], limit=1
            )
            if not account:
                code = "611000"
                while Account.with_company(company).search_count(
                    [*Account._check_company_domain(company), ("code", "=", code)], limit=1
                ):
                    code = str(int(code) + 1)
                account = Account.with_company(company).create(
                    {"name": "Artisan Payouts", "code": code, "account_type": "expense", "company_ids": company.ids}
                )
            product.sudo().property_account_expense_id = account
