from odoo.tests import tagged

from .common import FlexGiftArtisanCommon

# queries of the handmade part of confirming sales orders, pinned: 1 order vs 5 in a batch
HANDMADE_QUERIES_1 = 53
HANDMADE_QUERIES_5 = 150
PER_ORDER_QUERIES = 25  # mostly the dispatch e-mail (composer, message, mail)


@tagged("post_install", "-at_install")
class TestPerformance(FlexGiftArtisanCommon):
    def _orders(self, count):
        return self.env["sale.order"].concat(
            *[
                self.make_order(self.member_1.partner_id, [(self.work_a, (i % 5, 1), None, 1)], confirm=False)
                for i in range(count)
            ]
        )

    def _queries_of_creation(self, orders):
        """Queries of `_create_from_sale_lines` (dispatch e-mail included), alone."""
        self.env.flush_all()
        self.env.invalidate_all()
        lines = orders.order_line
        before = self.cr.sql_log_count
        self.Handmade._create_from_sale_lines(lines)
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_queries_per_confirmed_order_are_constant(self):
        """Creating and dispatching the handmade orders of a batch of confirmed orders
        costs the same number of queries for every added order."""
        self._queries_of_creation(self._orders(2))  # warm up (sequences, templates, caches)
        q = {count: self._queries_of_creation(self._orders(count)) for count in (2, 5, 8, 11)}
        steps = [(q[5] - q[2]) / 3, (q[8] - q[5]) / 3, (q[11] - q[8]) / 3]
        self.assertLessEqual(max(steps) - min(steps), 1, f"queries per added order do not grow: {q}")
        self.assertLessEqual(max(steps), PER_ORDER_QUERIES, q)
        for count, budget in ((1, HANDMADE_QUERIES_1), (5, HANDMADE_QUERIES_5)):
            lines = self._orders(count).order_line
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(budget):
                self.Handmade._create_from_sale_lines(lines)
                self.env.flush_all()
