import contextlib

from odoo.tests import tagged

from .common import FlexGiftShareCommon

# Pinned query budgets of the public claim path (cold cache, as a fresh request starts):
# the token lookup, and the claim itself up to the queued release (the delivery, SMS and
# buyer notice are made by the release job, after the answer). A change that adds queries
# here must say why.
FIND_QUERIES = 1
CLAIM_QUERIES = 28


@tagged("post_install", "-at_install")
class TestGiftQueryBudgets(FlexGiftShareCommon):
    def test_token_lookup_is_one_query(self):
        link = self.make_gift_order().flex_gift_link_ids
        token = link._flex_gift_token()
        self.env.invalidate_all()
        with self.assertQueryCount(FIND_QUERIES):
            found = self.env["flex.gift.link"]._flex_gift_find(token)
        self.assertEqual(found, link)
        with self.assertQueryCount(FIND_QUERIES):
            self.assertFalse(self.env["flex.gift.link"]._flex_gift_find("A" * 43))
        with self.assertQueryCount(0):
            self.assertFalse(self.env["flex.gift.link"]._flex_gift_find("not a token"))

    def test_claim_query_budget_does_not_grow_with_the_order(self):
        counts = []
        for quantity in (1, 1, 5):  # the first claim warms the registry caches (field metadata)
            order = self.make_gift_order(quantity=quantity)
            link = order.flex_gift_link_ids[:1]
            date = self.good_date(link)
            self.env.flush_all()
            self.env.cr.precommit.run()  # the order's own tracking, from its confirmation
            self.env.invalidate_all()
            link = self.env["flex.gift.link"].with_user(self.env.ref("base.public_user")).sudo().browse(link.id)
            with self.assertQueryCount(CLAIM_QUERIES) if counts else contextlib.nullcontext():
                link._flex_gift_claim(self.recipient_values(), date, defer_release=True)
                self.env.flush_all()
                self.env.cr.precommit.run()  # the claim's tracking messages, as at commit
            counts.append(link.state)
        self.assertEqual(counts, ["claimed"] * 3)
