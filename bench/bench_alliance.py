#!/usr/bin/env python3
"""flex_gift_venue alliance benchmarks, measured side by side in one run (rolled back).

    python3 bench/bench_alliance.py [--db flexgift_demo] [--orders 200] [--payments 1000,10000]

Uses the demo's West Lake Alliance (Harbour Gifts and Lakeside Studio).

(a) checkout paid with stored value vs the same checkout paid through a payment provider:
    --orders orders of one 30.00 own product at Lakeside Studio, each built as the cart
    does (order, line, programs updated), then either paid with the member's stored value
    (the cart's "Use", then Odoo's confirmation of a cart of amount 0, e-mail included) or
    paid through Odoo's demo payment provider (a transaction set done and post-processed,
    which confirms the order and sends the e-mail), one order at a time, interleaved
    batches of 50: median time ratio (target <= 1.3) and queries per order.
(b) settling N stored value payments spread over the two venue pairs (Harbour's stored
    value spent at Lakeside and the other way round): the booking job, then the netting,
    for each N of --payments: queries (target: per venue pair, not per payment) and time.
    The payments' movements are created directly (their orders are not needed to book
    them).
"""

import argparse
import statistics
import sys
import time

from _common import load_flexgift, open_registry


def counted(env, call):
    """(seconds, queries, result) of ``call``, flushed."""
    from odoo import sql_db  # noqa: PLC0415

    before = sql_db.sql_counter
    start = time.perf_counter()
    result = call()
    env.flush_all()
    return time.perf_counter() - start, sql_db.sql_counter - before, result


def venue_env(env, venue):
    return env(context=dict(env.context, allowed_company_ids=[venue.company_id.id, venue.platform_company_id.id]))


def cart(env, venue, partner, product):
    """An order as the venue's cart makes it, its programs updated."""
    env = venue_env(env, venue)
    order = (
        env["sale.order"]
        .with_company(venue.company_id)
        .create(
            {
                "partner_id": partner.id,
                "company_id": venue.company_id.id,
                "pricelist_id": venue.pricelist_id.id,
                "website_id": venue.website_id.id,
            }
        )
    )
    order.order_line = [(0, 0, {"product_id": product.id, "product_uom_qty": 1})]
    order._update_programs_and_rewards()
    return order


def pay_with_stored_value(order, card):
    order._apply_program_reward(order._get_claimable_rewards()[card], card)
    order._update_programs_and_rewards()
    assert order.currency_id.is_zero(order.amount_total), order.amount_total
    order._flex_gift_check_member_discount()  # what /shop/payment/validate adds (no shipping method here)
    order._validate_order()  # as /shop/payment/validate confirms a cart of amount 0 (confirmation e-mail)


def pay_with_provider(order, provider):
    tx = (
        order.env["payment.transaction"]
        .sudo()
        .create(
            {
                "provider_id": provider.id,
                "payment_method_id": provider.payment_method_ids[:1].id,
                "amount": order.amount_total,
                "currency_id": order.currency_id.id,
                "partner_id": order.partner_id.id,
                "sale_order_ids": [(6, 0, order.ids)],
                "reference": f"BENCH-{order.id}",
            }
        )
    )
    tx._set_done()
    tx._post_process()
    assert order.state == "sale", order.state


def bench_checkout(env, count, batch=50):
    venue = env.ref("flex_gift_venue.venue_lakeside_demo")
    alliance = venue.alliance_id
    product = env.ref("flex_gift_venue.product_template_lakeside_teapot_demo").product_variant_id
    member = env["res.partner"].create({"name": "Bench Member", "email": "bench.member@example.com"})
    stranger = env["res.partner"].create({"name": "Bench Shopper", "email": "bench.shopper@example.com"})
    topup = cart(env, env.ref("flex_gift_venue.venue_harbour_demo"), member, alliance.topup_product_id)
    topup.order_line.product_uom_qty = alliance.max_topup
    topup.action_confirm()
    card = env["loyalty.card"].search([("partner_id", "=", member.id), ("program_id", "=", alliance.program_id.id)])
    provider = env["payment.provider"].search(
        [("code", "=", "demo"), ("company_id", "=", venue.company_id.id)], limit=1
    ) or env.ref("payment.payment_provider_demo")
    provider.sudo().write({"state": "test", "company_id": venue.company_id.id})
    provider.sudo().payment_method_ids.active = True

    runs = {
        "stored value": lambda: pay_with_stored_value(cart(env, venue, member, product), card),
        "provider": lambda: pay_with_provider(cart(env, venue, stranger, product), provider),
    }
    for call in runs.values():  # warm-up
        for _ in range(3):
            call()
    totals = {name: [[], 0] for name in runs}
    for index in range(max(1, count // batch)):
        order = list(runs.items()) if index % 2 else list(reversed(runs.items()))
        for name, call in order:
            for _ in range(batch):
                seconds, queries, _ = counted(env, call)
                totals[name][0].append(seconds)
                totals[name][1] += queries
    return totals


def bench_settlement(env, sizes):
    harbour = env.ref("flex_gift_venue.venue_harbour_demo")
    lakeside = env.ref("flex_gift_venue.venue_lakeside_demo")
    alliance = harbour.alliance_id
    card = env["loyalty.card"].search([("program_id", "=", alliance.program_id.id)], limit=1)
    Entry = env["flex.gift.alliance.entry"].sudo()
    alliance._flex_gift_book_pending()
    results = []
    for size in [10, *sizes]:  # the first, small, warms the caches up and is not shown
        cr = env.cr
        cr.execute("SAVEPOINT bench_settlement")
        values = [
            {
                "alliance_id": alliance.id,
                "card_id": card.id,
                "kind": "spend",
                "venue_id": (lakeside if index % 2 else harbour).id,
                "holder_venue_id": (harbour if index % 2 else lakeside).id,
                "amount": 10.0 + index % 7,
                "to_book": True,
            }
            for index in range(size)
        ]
        Entry.create(values)
        env.flush_all()
        env.invalidate_all()
        book = counted(env, alliance._flex_gift_book_pending)
        env.invalidate_all()
        settle = counted(env, alliance.action_settle)
        assert len(book[2]) == 4, book[2]  # each pair's entry in both companies, whatever N
        results.append((size, book, settle))
        cr.execute("ROLLBACK TO SAVEPOINT bench_settlement")
        env.invalidate_all()
    return results[1:]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="database (default: the demo database of bin/flexgift serve)")
    parser.add_argument("--orders", type=int, default=200, help="orders checked out on each side (a)")
    parser.add_argument("--payments", default="1000,10000", help="stored value payments settled (b)")
    parser.add_argument("--only", default="ab")
    args = parser.parse_args()

    cli = load_flexgift()
    db = args.db or cli.DEMO_DB
    host, port = cli.ensure_demo_database() if db == cli.DEMO_DB else cli.database_server()
    from odoo import api  # noqa: PLC0415

    registry = open_registry(cli, db, host, port)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        try:
            if "a" in args.only:
                totals = bench_checkout(env, args.orders)
                (t_wallet, q_wallet), (t_provider, q_provider) = totals["stored value"], totals["provider"]
                n = len(t_wallet)
                print(
                    f"(a) checkout of one 30.00 product at Lakeside Studio, {n} orders each, one at a time: "
                    f"stored value {statistics.median(t_wallet) * 1000:.1f} ms/order ({q_wallet / n:.1f} queries), "
                    f"provider {statistics.median(t_provider) * 1000:.1f} ms/order ({q_provider / n:.1f} queries), "
                    f"ratio {statistics.median(t_wallet) / statistics.median(t_provider):.3f} (target <= 1.3); "
                    f"totals {sum(t_wallet):.1f} s vs {sum(t_provider):.1f} s"
                )
                cr.rollback()
            if "b" in args.only:
                sizes = [int(n) for n in args.payments.split(",")]
                print("(b) settling N stored value payments over 2 venue pairs (booking job, then netting):")
                for size, book, settle in bench_settlement(env, sizes):
                    print(
                        f"    N={size:>6}: booking {book[0] * 1000:8.1f} ms, {book[1]} queries; "
                        f"netting {settle[0] * 1000:8.1f} ms, {settle[1]} queries"
                    )
        finally:
            cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
