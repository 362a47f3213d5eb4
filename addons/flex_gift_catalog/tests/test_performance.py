from odoo.tests import tagged

from odoo.addons.website.tests.test_performance import UtilPerf

# Hot query counts, pinned: a change here is a change of what a page costs.
# The demo work's page: 63 without a shop category, 66 in its sub-category (breadcrumb), 67 on a
# website with two languages. The stock "Customizable Desk" page (in a top category) measures 64.
PRODUCT_PAGE_QUERIES = 67
CONFIGURATION_INFO_QUERIES = 16  # 9 of them are Odoo's attribute/exclusion checks


@tagged("post_install", "-at_install")
class TestShopPerformance(UtilPerf):
    def test_product_page_queries(self):
        """A library work's page costs at most 5 queries more than a stock product's."""
        work = self.env.ref("flex_gift_catalog.product_template_tea_set_demo")
        stock = self.env.ref("product.product_product_4_product_template")
        ours = self._get_url_hot_query(work.website_url)
        theirs = self._get_url_hot_query(stock.website_url)
        self.assertLessEqual(ours - theirs, 5, f"library work page {ours} queries, stock {theirs}")
        self.assertEqual(ours, PRODUCT_PAGE_QUERIES)

    def test_configuration_info_queries(self):
        """Lead time, date and (cached) preview of a combination of the 15,625 matrix."""
        work = self.env.ref("flex_gift_catalog.product_template_tea_set_demo")
        combination = self.env["product.template.attribute.value"].browse(
            [values[1] for values in work._flex_gift_lines()]
        )
        engraving, ribbon = work.flex_gift_component_ids[:2]
        values = {str(engraving.id): "福", str(ribbon.id): ribbon.option_ids[0].id}
        work._flex_gift_configuration_info(combination, values)  # renders and caches the preview
        self.env.invalidate_all()
        with self.assertQueryCount(CONFIGURATION_INFO_QUERIES):
            info = work._flex_gift_configuration_info(combination, values)
        self.assertTrue(info["available"])
