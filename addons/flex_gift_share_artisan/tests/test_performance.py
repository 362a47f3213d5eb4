from odoo.tests import tagged

from .common import FlexGiftShareArtisanCommon

# Pinned query budgets of a claimed handmade gift, the same for an order of 2 units as of 50:
# the public claim (until the answer), and the release job's work for that one unit (its
# delivery, the SMS, the buyer's notice and the studio's handmade order). A change that adds
# queries here must say why.
CLAIM_QUERIES = 29
RELEASE_QUERIES = 125


@tagged("post_install", "-at_install")
class TestHandmadeGiftQueryBudgets(FlexGiftShareArtisanCommon):
    def _claim_and_release(self, quantity):
        order = self.make_gift_order(quantity=quantity)
        link = order.flex_gift_link_ids.sorted("id")[-1]
        date = self.good_date(link)
        self.env.flush_all()
        self.env.cr.precommit.run()  # the order's own tracking, from its confirmation
        self.env.invalidate_all()
        public_link = self.env["flex.gift.link"].with_user(self.env.ref("base.public_user")).sudo().browse(link.id)
        counts = []
        for step in (
            lambda: public_link._flex_gift_claim(self.recipient_values(), date, defer_release=True),
            lambda: self.env["flex.gift.link"]._cron_release_claimed(),
        ):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            step()
            self.env.flush_all()
            self.env.cr.precommit.run()  # tracking messages, as at commit
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(len(link.handmade_order_ids), 1)
        return counts

    def test_claim_and_release_queries_do_not_grow_with_the_order(self):
        self._claim_and_release(2)  # warm-up: registry caches, sequences, templates
        small, large = self._claim_and_release(2), self._claim_and_release(50)
        self.assertEqual(small, large, "queries per claim are the same for 2 and 50 units")
        self.assertEqual(large, [CLAIM_QUERIES, RELEASE_QUERIES], "pinned: a change must say why")
