#!/usr/bin/env python3
"""flex_gift_artisan benchmarks, measured side by side in one run (rolled back).

    python3 bench/bench_artisan.py [--db flexgift_demo] [--sizes 10,100] [--payouts 10,100]

(a) confirming N sales orders of one library work each vs the same N orders of a
    stock product, interleaved batches: time ratio, and queries per order at every N
    (the handmade orders are created in batch: the queries per order stay constant as
    N grows); then the dispatch job that sends their studio e-mails after the commit,
    which the confirmation no longer waits for: seconds and queries per order.
(b) a payout run (monthly, two studios) over M shipped handmade orders: queries per
    run stay constant per studio whatever M.
"""

import argparse
import sys
import time
from datetime import date, datetime

from _common import load_flexgift, open_registry


def make_orders(env, partner, count, work=None, product=None):
    orders = env["sale.order"].create([{"partner_id": partner.id} for _ in range(count)])
    if work:
        combination = env["product.template.attribute.value"].browse([v[0] for v in work._flex_gift_lines()])
        required = {
            str(c.id): c.option_ids[0].id if c.component_type == "choice" else "福"
            for c in work.flex_gift_component_ids
            if c.required and c.component_type in ("choice", "text")
        }
        for order in orders:
            order.with_context(skip_cart_verification=True)._cart_add(
                product_id=work.product_variant_id.id,
                quantity=1,
                no_variant_attribute_value_ids=combination.ids,
                flex_gift_personalization=required,
            )
    else:
        from odoo.fields import Command  # noqa: PLC0415

        for order in orders:
            order.order_line = [Command.create({"product_id": product.id, "product_uom_qty": 1})]
    env.flush_all()
    return orders


def timed(env, call):
    """(seconds, queries) of ``call`` from a cold cache, flushed."""
    from odoo import sql_db  # noqa: PLC0415

    env.invalidate_all()
    before = sql_db.sql_counter
    start = time.perf_counter()
    call()
    env.flush_all()
    return time.perf_counter() - start, sql_db.sql_counter - before


def measure(env, orders):
    return timed(env, orders.action_confirm)


def bench_confirm(env, sizes):
    work = env.ref("flex_gift_catalog.product_template_tea_cup_demo")
    product = env["product.product"].create({"name": "Bench Stock Mug", "type": "consu", "list_price": 10})
    partner = env["res.partner"].create({"name": "Bench Member", "street": "1 Bench Rd", "city": "Hangzhou"})
    # warm-up both paths
    measure(env, make_orders(env, partner, 3, work=work))
    measure(env, make_orders(env, partner, 3, product=product))
    print("(a) confirming N sales orders: library work vs stock product (one line each)")
    header = ("N", 6), ("work s", 9), ("stock s", 9), ("ratio", 6), ("work q/order", 13), ("stock q/order", 14)
    print(
        " ".join(f"{name:>{width}}" for name, width in header),
        f"{'extra q/order':>14} {'dispatch s':>11} {'dispatch q/order':>17}",
    )
    Handmade = env["flex.gift.handmade.order"]
    Handmade._cron_dispatch(batch=10_000)  # what earlier confirmations queued
    for n in sizes:
        library, stock = make_orders(env, partner, n, work=work), make_orders(env, partner, n, product=product)
        t_stock, q_stock = measure(env, stock)
        t_work, q_work = measure(env, library)
        assert len(library.flex_gift_handmade_order_ids) == n
        t_dispatch, q_dispatch = timed(env, lambda n=n: Handmade._cron_dispatch(batch=n))
        print(
            f"{n:>6} {t_work:>9.2f} {t_stock:>9.2f} {t_work / t_stock:>6.2f} {q_work / n:>13.1f} "
            f"{q_stock / n:>14.1f} {(q_work - q_stock) / n:>14.1f} {t_dispatch:>11.2f} {q_dispatch / n:>17.1f}"
        )


def bench_payouts(env, sizes):
    from odoo import sql_db  # noqa: PLC0415

    Handmade = env["flex.gift.handmade.order"]
    cup = env.ref("flex_gift_catalog.product_template_tea_cup_demo")
    seal = env.ref("flex_gift_catalog.product_template_name_seal_demo")
    partner = env["res.partner"].create({"name": "Bench Payout Member", "street": "2 Bench Rd", "city": "Suzhou"})
    env.company.flex_gift_payout_period = "monthly"
    # leave earlier shipped orders of the database out of the measure
    Handmade.search(Handmade._flex_gift_billable_domain()).write({"artisan_cost": 0})
    print("(b) payout run, monthly, 2 studios: M shipped handmade orders")
    header = ("M", 6), ("bills", 6), ("queries", 8), ("queries/studio", 15), ("seconds", 8), ("total billed", 13)
    print(" ".join(f"{name:>{width}}" for name, width in header), f"{'sum of costs':>13}")
    for index, m in enumerate([2, *sizes]):  # the first run (M=2) warms the caches and is not printed
        orders = make_orders(env, partner, m // 2, work=cup) | make_orders(env, partner, m - m // 2, work=seal)
        orders.action_confirm()
        handmade = orders.flex_gift_handmade_order_ids
        # shipped in a closed month (the shipping flow itself is not what is measured here)
        month = index + 1
        handmade.write({"state": "shipped", "date_shipped": datetime(2025, month, 10, 12), "tracking_ref": "B"})
        env.flush_all()
        env.invalidate_all()
        before = sql_db.sql_counter
        start = time.perf_counter()
        moves = Handmade._flex_gift_run_payouts(date=date(2025, month + 1, 1))
        env.flush_all()
        seconds = time.perf_counter() - start
        queries = sql_db.sql_counter - before
        billed = sum(moves.mapped("amount_total"))
        costs = sum(handmade.mapped("artisan_cost"))
        assert abs(billed - costs) < 0.01 and not Handmade._flex_gift_run_payouts(date=date(2025, month + 1, 1))
        if index == 0:
            continue
        print(
            f"{m:>6} {len(moves):>6} {queries:>8} {queries / len(moves):>15.1f} {seconds:>8.2f} "
            f"{billed:>13.2f} {costs:>13.2f}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="flexgift_demo")
    parser.add_argument("--sizes", default="10,100")
    parser.add_argument("--payouts", default="10,100")
    args = parser.parse_args()
    cli = load_flexgift()
    host, port = cli.ensure_demo_database() if args.db == cli.DEMO_DB else cli.database_server()
    registry = open_registry(cli, args.db, host, port)
    from odoo import api  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"mail_notify_force_send": False, "tracking_disable": False})
        try:
            bench_confirm(env, [int(n) for n in args.sizes.split(",")])
            bench_payouts(env, [int(n) for n in args.payouts.split(",")])
        finally:
            cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
