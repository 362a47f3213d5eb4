#!/usr/bin/env python3
"""flex_gift_catalog benchmarks, measured side by side in one run.

    python3 bench/bench_catalog.py [--rounds N]

Runs against the demo database of `bin/flexgift serve` (created if missing).

(a) combination price + lead lookup: the 15,625-combination demo work vs the
    25-combination one, interleaved; queries per lookup and time ratio
    (target: same query count, ratio <= 1.1).
(b) product page: a customizable library work vs a stock Odoo demo product
    ("Customizable Desk", the stock product with attributes), on a running
    2-worker server; median time ratio (target <= 1.2) and extra queries per
    page (target <= 5). The query counts are the ones Odoo's werkzeug log line
    reports for each request.
(c) preview render: median ms of a 1024 px preview with 3 text layers.
"""

import argparse
import random
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

from _common import ROOT, load_flexgift, open_registry


def bench_lookup(cli, db, host, port, rounds):
    from odoo import api, sql_db  # noqa: PLC0415

    registry = open_registry(cli, db, host, port)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        big = env.ref("flex_gift_catalog.product_template_tea_set_demo")
        small = env.ref("flex_gift_catalog.product_template_tea_cup_demo")
        rng = random.Random(42)
        Ptav = env["product.template.attribute.value"]

        def combos(work, count):
            lines = work._flex_gift_lines()
            return [Ptav.browse([rng.choice(values) for values in lines]) for _ in range(count)]

        samples = {"big": combos(big, rounds), "small": combos(small, rounds)}
        works = {"big": big, "small": small}
        times = {"big": [], "small": []}
        queries = {"big": 0, "small": 0}
        for name, work in works.items():  # warm-up
            for combination in samples[name][:20]:
                work._flex_gift_get_combination(combination)
        for i in range(rounds):
            for name in ("big", "small") if i % 2 else ("small", "big"):
                combination = samples[name][i]
                before = sql_db.sql_counter
                start = time.perf_counter()
                row = works[name]._flex_gift_get_combination(combination)
                _ = (row.price, row.lead_days)
                times[name].append(time.perf_counter() - start)
                queries[name] += sql_db.sql_counter - before
                env.invalidate_all()
        counts = (big.flex_gift_combination_count, small.flex_gift_combination_count)
        return counts, times, queries


def parse_request_queries(logfile, path):
    """Query counts of the GET requests of `path` from Odoo's werkzeug log lines."""
    pattern = re.compile(r'"GET ' + re.escape(path) + r' HTTP/[\d.]+" 200 - (\d+) ')
    return [int(m.group(1)) for m in pattern.finditer(logfile.read_text(encoding="utf-8", errors="replace"))]


def bench_pages(cli, host, port, db, rounds):
    import psycopg2  # noqa: PLC0415

    conn = psycopg2.connect(host=host, port=port, user=cli.ROLE, dbname=db)
    with conn.cursor() as cr:
        cr.execute(
            "SELECT module, name, res_id FROM ir_model_data WHERE (module, name) IN "
            "(('flex_gift_catalog', 'product_template_tea_set_demo'), "
            "('product', 'product_product_4_product_template'))"
        )
        ids = {name: res_id for _module, name, res_id in cr.fetchall()}
    conn.close()
    paths = {
        "ours": f"/shop/{ids['product_template_tea_set_demo']}",
        "stock": f"/shop/{ids['product_product_4_product_template']}",
    }
    logfile = cli.LOGS / "bench-server.log"
    if logfile.exists():
        logfile.unlink()
    with cli.odoo_server(host, port, db, logfile) as url:
        # /shop/<id> redirects to the canonical /shop/<slug>-<id>: measure the page itself
        for name, path in paths.items():
            with urllib.request.urlopen(url + path, timeout=60) as response:
                paths[name] = urllib.parse.urlsplit(response.geturl()).path

        def get(path):
            start = time.perf_counter()
            with urllib.request.urlopen(url + path, timeout=60) as response:
                response.read()
            return time.perf_counter() - start

        for path in paths.values():
            for _ in range(5):
                get(path)
        times = {"ours": [], "stock": []}
        for i in range(rounds):
            for name in ("ours", "stock") if i % 2 else ("stock", "ours"):
                times[name].append(get(paths[name]))
        time.sleep(1)  # let the workers flush their log lines
    queries = {name: parse_request_queries(logfile, urllib.parse.unquote(path))[5:] for name, path in paths.items()}
    return {name: urllib.parse.unquote(path) for name, path in paths.items()}, times, queries


def bench_preview(rounds):
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import load_tools  # noqa: PLC0415

    preview = load_tools("flex_gift_catalog").preview
    base = (ROOT / "addons/flex_gift_catalog/static/img/tea_set.png").read_bytes()
    font = preview.find_cjk_font()
    times = []
    for i in range(rounds):
        layers = [
            {"type": "text", "text": f"生日快乐 {i}", "x": 0.1, "y": 0.7, "w": 0.8, "h": 0.18, "font_size": 72},
            {"type": "text", "text": "Gold 金色", "x": 0.1, "y": 0.04, "w": 0.8, "h": 0.08, "font_size": 36},
            {"type": "text", "text": "Size 尺寸: XL 特大", "x": 0.02, "y": 0.93, "w": 0.96, "h": 0.06, "font_size": 28},
        ]
        start = time.perf_counter()
        preview.render_preview(base, layers, 1024, font)
        times.append(time.perf_counter() - start)
    return font, times


def ms(values):
    return statistics.median(values) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=300, help="lookups per work (a)")
    parser.add_argument("--page-rounds", type=int, default=40, help="page loads per product (b)")
    parser.add_argument("--preview-rounds", type=int, default=30, help="renders (c)")
    args = parser.parse_args()

    cli = load_flexgift()
    host, port = cli.ensure_demo_database()
    db = cli.DEMO_DB

    (n_big, n_small), times, queries = bench_lookup(cli, db, host, port, args.rounds)
    q_big, q_small = queries["big"] / args.rounds, queries["small"] / args.rounds
    ratio = ms(times["big"]) / ms(times["small"])
    print(
        f"(a) lookup: {n_big} combinations {ms(times['big']):.3f} ms, {q_big:.2f} queries/lookup | "
        f"{n_small} combinations {ms(times['small']):.3f} ms, {q_small:.2f} queries/lookup | "
        f"time ratio {ratio:.3f} (target <= 1.1), same query count: {q_big == q_small}"
    )

    paths, times, queries = bench_pages(cli, host, port, db, args.page_rounds)
    ratio = ms(times["ours"]) / ms(times["stock"])
    q_ours = statistics.median(queries["ours"]) if queries["ours"] else float("nan")
    q_stock = statistics.median(queries["stock"]) if queries["stock"] else float("nan")
    print(
        f"(b) product page: library work {paths['ours']} {ms(times['ours']):.1f} ms, {q_ours:.0f} queries | "
        f"stock {paths['stock']} {ms(times['stock']):.1f} ms, {q_stock:.0f} queries | "
        f"time ratio {ratio:.3f} (target <= 1.2), extra queries {q_ours - q_stock:+.0f} (target <= 5)"
    )

    font, times = bench_preview(args.preview_rounds)
    print(
        f"(c) preview render, 1024 px, 3 text layers: median {ms(times):.1f} ms "
        f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}) over {len(times)} renders; font {font}"
    )


if __name__ == "__main__":
    main()
