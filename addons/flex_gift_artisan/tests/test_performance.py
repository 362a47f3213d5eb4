from odoo.tests import tagged

from .common import FlexGiftArtisanCommon

# queries of the handmade part of confirming sales orders, pinned: 1 order vs 5 in a batch
# (the studio's e-mail is queued: the dispatch job sends it after the commit)
HANDMADE_QUERIES_1 = 21
HANDMADE_QUERIES_5 = 38
PER_ORDER_QUERIES = 5
# queries of the dispatch job sending the studio e-mails of 1 vs 5 new handmade orders
DISPATCH_QUERIES_1 = 45
DISPATCH_QUERIES_5 = 125


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
        # warm up (sequences, templates, caches) with every combination the batches use: a
        # combination's first use costs queries of its own, which would land on one batch
        self._queries_of_creation(self._orders(5))
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

    def test_dispatch_job_queries(self):
        """The dispatch job renders and queues the studio e-mails of a batch at once."""
        self._queries_of_creation(self._orders(2))
        self.Handmade._cron_dispatch()  # warm up
        for count, budget in ((1, DISPATCH_QUERIES_1), (5, DISPATCH_QUERIES_5)):
            self._queries_of_creation(self._orders(count))
            self.env.invalidate_all()
            with self.assertQueryCount(budget):
                self.assertEqual(self.Handmade._cron_dispatch(), count)
                self.env.flush_all()
