#!/usr/bin/env python3
"""flex_gift_venue referral commission benchmarks, measured side by side in one run (rolled back).

    python3 bench/bench_referral.py [--db flexgift_demo] [--orders 1000] [--commissions 1000,10000]

(a) confirming --orders orders of customers referred by the demo's agent (each earns a
    commission at the agent bonus in force) vs the same orders of customers referred by
    nobody, one order at a time, interleaved batches of 50: median time ratio (target <=
    1.2) and queries per order.
(b) the commission run (one vendor bill per referrer) for N commissions spread over 5
    referrers, for each N of --commissions: queries (target: per referrer, not per order)
    and time. The commissions are created directly (their orders are not needed to bill).
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


def bench_confirmation(env, count, batch=50):
    agent = env.ref("flex_gift_venue.res_partner_agent_wei_demo")
    product = env.ref("flex_gift_venue.product_template_gift_wrapping_demo").product_variant_id
    referred = env["res.partner"].create({"name": "Bench Referred", "flex_gift_referrer_id": agent.id})
    unreferred = env["res.partner"].create({"name": "Bench Walk-in"})

    def confirm(partner):
        order = env["sale.order"].create(
            {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1})]}
        )
        env.flush_all()
        return counted(env, order.action_confirm)

    runs = {"referred": lambda: confirm(referred), "unreferred": lambda: confirm(unreferred)}
    for call in runs.values():  # warm-up
        for _ in range(3):
            call()
    totals = {name: [[], 0] for name in runs}
    for index in range(max(1, count // batch)):
        order = list(runs.items()) if index % 2 else list(reversed(runs.items()))
        for name, call in order:
            for _ in range(batch):
                seconds, queries, _ = call()
                totals[name][0].append(seconds)
                totals[name][1] += queries
    commissions = env["flex.gift.commission"].search_count([("customer_id", "=", referred.id)])
    assert commissions == len(totals["referred"][0]) + 3, commissions
    return totals


def bench_billing(env, sizes, referrers=5):
    Commission = env["flex.gift.commission"].sudo()
    order = env["sale.order"].search([("state", "=", "sale")], limit=1)
    partners = env["res.partner"].create([{"name": f"Bench Referrer {i}"} for i in range(referrers)])
    Commission._flex_gift_bill_pending()  # the demo's own, first
    results = []
    for size in [10, *sizes]:  # the first, small, warms the caches up and is not shown
        env.cr.execute("SAVEPOINT bench_billing")
        Commission.create(
            [
                {
                    "referrer_id": partners[index % referrers].id,
                    "customer_id": order.partner_id.id,
                    "order_id": order.id,
                    "date": order.date_order.date(),
                    "company_id": order.company_id.id,
                    "currency_id": order.company_id.currency_id.id,
                    "base": 100.0,
                    "rate": 5.0,
                    "amount": 5.0 + index % 3,
                }
                for index in range(size)
            ]
        )
        env.flush_all()
        env.invalidate_all()
        bill = counted(env, Commission._flex_gift_bill_pending)
        assert len(bill[2]) == referrers, bill[2]
        results.append((size, bill))
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_billing")
        env.invalidate_all()
    return results[1:]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="database (default: the demo database of bin/flexgift serve)")
    parser.add_argument("--orders", type=int, default=1000, help="orders confirmed on each side (a)")
    parser.add_argument("--commissions", default="1000,10000", help="commissions billed (b)")
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
                totals = bench_confirmation(env, args.orders)
                (t_ref, q_ref), (t_plain, q_plain) = totals["referred"], totals["unreferred"]
                n = len(t_ref)
                print(
                    f"(a) confirming {n} orders each, one at a time: referred customers "
                    f"{statistics.median(t_ref) * 1000:.1f} ms/order ({q_ref / n:.1f} queries), unreferred "
                    f"{statistics.median(t_plain) * 1000:.1f} ms/order ({q_plain / n:.1f} queries), ratio "
                    f"{statistics.median(t_ref) / statistics.median(t_plain):.3f} (target <= 1.2)"
                )
                cr.rollback()
            if "b" in args.only:
                sizes = [int(n) for n in args.commissions.split(",")]
                print("(b) the commission run (one vendor bill per referrer, 5 referrers):")
                for size, bill in bench_billing(env, sizes):
                    print(f"    N={size:>6}: {bill[0] * 1000:8.1f} ms, {bill[1]} queries")
        finally:
            cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
