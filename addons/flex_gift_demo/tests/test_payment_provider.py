from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoPaymentProvider(TransactionCase):
    def test_demo_provider_is_offered_on_the_demo_website(self):
        if not self.env["ir.module.module"]._get("flex_gift_demo").demo:
            self.skipTest("flex_gift_demo is installed without demo data: it enables nothing then")
        provider = self.env.ref("payment.payment_provider_demo")
        self.assertEqual(provider.code, "demo")
        self.assertEqual(provider.state, "test", "test mode: no real money, no outside service")
        self.assertTrue(provider.is_published)
        self.assertIn(self.env.ref("payment_demo.payment_method_demo"), provider.payment_method_ids)
        website = self.env.ref("website.default_website")
        customer = self.env.ref("base.partner_demo_portal")
        offered = self.env["payment.provider"]._get_compatible_providers(
            website.company_id.id,
            customer.id,
            100.0,
            currency_id=website.currency_id.id,
            website_id=website.id,
        )
        self.assertIn(provider, offered, "the demo website's checkout offers the demo provider")
