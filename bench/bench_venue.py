#!/usr/bin/env python3
"""flex_gift_venue benchmarks, measured side by side in one run.

    python3 bench/bench_venue.py [--db flexgift_demo] [--http-port 8074] [--page-rounds 30]
                                 [--orders 1000] [--report-sizes 100,10000] [--venues 200]

Sets up, once and committed, "Bench Venue" (a full venue: company, chart of accounts,
website, pricelist, settlement accounts) importing the 15,625-combination demo work
(Tea Set) and the 25-combination one (Tea Cup) with its default price rule, a few
confirmed and invoiced orders, and a host name for the venue's and the platform's
websites. Then:

(a) product page of the imported 15,625-combination work on the venue's website vs the
    same work on the platform's website: an anonymous visitor's warm GET of the page,
    interleaved, median of --page-rounds, on one server; queries per page from Odoo's
    werkzeug log line (target <= 1.1).
(b) the venue's financial report figures (``_flex_gift_report_figures``) over 100 vs
    10,000 orders' journal entries: queries (target: constant) and time. The entries
    of 5 real orders (confirmation booked in both companies, customer invoice) are
    copied by SQL to reach each size, in a transaction rolled back at the end.
(c) confirming --orders sale orders of one library line at the venue vs the same orders
    at the platform, one order at a time as the shop does, interleaved batches of 100
    (rolled back): time ratio (target <= 1.3) and queries per order; then the booking
    job's cost, run once after each venue batch, and the ratio of confirmation plus
    booking to the platform's confirmation.
(d) the venue's /shop page and its report figures and balance with --venues venues in the
    database vs 2: the database is copied (with its filestore) and the extra venues are
    added to the copy as lightweight venues (SQL copies of the bench venue's partner,
    company, website, pricelist and venue rows; no chart of accounts, warehouse or
    sequences, which cost Odoo about 2 s a company), one server serves both databases
    (X-Odoo-Database header), interleaved (target <= 1.1, query counts equal).

Every server this script starts listens on --http-port (one at a time).
"""

import argparse
import contextlib
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date

from _common import load_flexgift, open_registry

BENCH_VENUE = "Bench Venue"
VENUE_HOST = "venue.bench.localhost"
PLATFORM_HOST = "platform.bench.localhost"
EXTRA_PREFIX = "Bench Extra Venue"


def ms(values):
    return statistics.median(values) * 1000


def timed(env, call):
    """(seconds, queries, result) of ``call`` from a cold cache, flushed."""
    from odoo import sql_db  # noqa: PLC0415

    env.invalidate_all()
    before = sql_db.sql_counter
    start = time.perf_counter()
    result = call()
    env.flush_all()
    return time.perf_counter() - start, sql_db.sql_counter - before, result


# ----------------------------------------------------------------------
# set-up (committed, once)
# ----------------------------------------------------------------------


def library_line(work):
    """(ptav ids of the work's first combination, required personalization)."""
    combination = [values[0] for values in work._flex_gift_lines()]
    required = {
        str(c.id): c.option_ids[0].id if c.component_type == "choice" else "福"
        for c in work.flex_gift_component_ids
        if c.required and c.component_type in ("choice", "text")
    }
    return combination, required


def make_orders(env, partner, count, work, venue=None):
    """``count`` draft orders of one unit of ``work``: the venue's (its company, pricelist
    and website) or the platform's."""
    values = {"partner_id": partner.id}
    if venue:
        company = venue.company_id
        env = env(context=dict(env.context, allowed_company_ids=[company.id, venue.platform_company_id.id]))
        values.update(company_id=company.id, pricelist_id=venue.pricelist_id.id, website_id=venue.website_id.id)
        env = env["sale.order"].with_company(company).env
    orders = env["sale.order"].create([dict(values) for _ in range(count)])
    combination, required = library_line(work)
    for order in orders:
        order.with_context(skip_cart_verification=True)._cart_add(
            product_id=work.product_variant_id.id,
            quantity=1,
            no_variant_attribute_value_ids=combination,
            flex_gift_personalization=required,
        )
    env.flush_all()
    return orders


def ensure_bench_venue(env):
    """The bench venue, its listings, orders and host names (created on first use)."""
    big = env.ref("flex_gift_catalog.product_template_tea_set_demo")
    small = env.ref("flex_gift_catalog.product_template_tea_cup_demo")
    platform = env.ref("base.main_company")
    venue = env["flex.gift.venue"].search([("name", "=", BENCH_VENUE)], limit=1)
    if not venue:
        wizard = (
            env["flex.gift.venue.create"]
            .with_company(platform)
            .create(
                {
                    "name": BENCH_VENUE,
                    "currency_id": platform.currency_id.id,
                    "commission_rate": 20.0,
                    "markup_percent": 30.0,
                    "rounding": "x90",
                    "handling_days": 2,
                    "manager_name": "Bench Venue Manager",
                    "manager_login": "bench_venue_manager",
                }
            )
        )
        venue = wizard._flex_gift_create_venue()
        env["flex.gift.venue.listing"].create(
            [{"venue_id": venue.id, "product_tmpl_id": work.id} for work in big | small]
        )
        partner = env["res.partner"].create(
            {"name": "Bench Venue Customer", "street": "1 Bench Rd", "city": "Hangzhou"}
        )
        orders = make_orders(env, partner, 5, small, venue=venue)
        for order in orders:  # each booked by its own run of the booking job, as a quiet shop's are
            order.action_confirm()
            venue._flex_gift_book_pending()
        company = venue.company_id
        invoices = orders.with_company(company).with_context(allowed_company_ids=company.ids)._create_invoices()
        invoices.action_post()
    if env["flex.gift.venue"].search_count([]) < 2:  # a second full venue, in another currency
        cny = env.ref("base.CNY")
        cny.active = True
        env["flex.gift.venue.create"].with_company(platform).create(
            {
                "name": f"{BENCH_VENUE} CNY",
                "currency_id": cny.id,
                "manager_name": "Bench Venue CNY Manager",
                "manager_login": "bench_venue_cny_manager",
            }
        )._flex_gift_create_venue()
    venue.website_id.domain = f"http://{VENUE_HOST}"
    platform_website = env["website"].search([("company_id", "=", platform.id)], order="sequence, id", limit=1)
    platform_website.domain = f"http://{PLATFORM_HOST}"
    env.flush_all()
    return venue, big


def table_columns(cr, table, skip=("id",)):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != ALL(%s)",
        [table, list(skip)],
    )
    return [c for (c,) in cr.fetchall()]


def copy_row(cr, table, row_id, overrides):
    """A copy of one row of ``table`` with ``overrides`` (column: value); its id."""
    columns = table_columns(cr, table)
    select = ", ".join(f"%({c})s" if c in overrides else f'"{c}"' for c in columns)
    cr.execute(
        f"""INSERT INTO "{table}" ({", ".join(f'"{c}"' for c in columns)})
            SELECT {select} FROM "{table}" WHERE id = %(__id)s RETURNING id""",  # noqa: S608  (catalog names)
        dict(overrides, __id=row_id),
    )
    return cr.fetchone()[0]


def add_light_venues(env, total):
    """Lightweight venues up to ``total``: copies of the bench venue's rows (partner, company,
    website, pricelist, venue record) made in SQL, without what Odoo makes for a new company
    (chart of accounts, warehouse, sequences: about 2 s each on this machine)."""
    cr = env.cr
    missing = total - env["flex.gift.venue"].search_count([])
    if missing <= 0:
        return 0
    venue = env["flex.gift.venue"].search([("name", "=", BENCH_VENUE)])
    company, website, pricelist = venue.company_id, venue.website_id, venue.pricelist_id
    env.flush_all()
    for i in range(missing):
        name = f"{EXTRA_PREFIX} {i:03d}"
        partner_id = copy_row(cr, "res_partner", company.partner_id.id, {"name": name, "complete_name": name})
        company_id = copy_row(cr, "res_company", company.id, {"name": name, "partner_id": partner_id})
        cr.execute(
            "UPDATE res_partner SET company_id = %s, commercial_partner_id = id WHERE id = %s", [company_id, partner_id]
        )
        cr.execute("UPDATE res_company SET parent_path = id || '/' WHERE id = %s", [company_id])
        website_id = copy_row(cr, "website", website.id, {"name": name, "company_id": company_id, "domain": None})
        pricelist_id = copy_row(
            cr, "product_pricelist", pricelist.id, {"company_id": company_id, "website_id": website_id}
        )
        overrides = dict.fromkeys(
            ("venue_journal_id", "venue_due_account_id", "venue_cost_account_id"),
        )
        overrides.update(name=name, company_id=company_id, website_id=website_id, pricelist_id=pricelist_id)
        copy_row(cr, "flex_gift_venue", venue.id, overrides)
    env.invalidate_all()
    env.registry.clear_cache()
    return missing


def copy_database(cli, host, port, source, target):
    """``target`` as a copy of ``source`` (no connection may be open on it), filestore included."""
    import psycopg2  # noqa: PLC0415
    from psycopg2 import sql  # noqa: PLC0415

    cli.drop_database(host, port, target)
    conn = psycopg2.connect(host=host, port=port, user=cli.ROLE, dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(target), sql.Identifier(source)))
    conn.close()
    filestore = cli.LOCAL / "data" / "filestore"
    if (filestore / source).is_dir():
        shutil.copytree(filestore / source, filestore / target, dirs_exist_ok=True)
    key = cli.LOCAL / "data" / "flex_gift_share" / f"{source}.key"
    if key.is_file():
        shutil.copy(key, key.with_name(f"{target}.key"))


# ----------------------------------------------------------------------
# HTTP: (a) and the pages of (d)
# ----------------------------------------------------------------------


@contextlib.contextmanager
def odoo_server(cli, host, port, dbs, http_port, logfile):
    """A threaded Odoo server (no cron) on ``http_port`` serving ``dbs``."""
    import os  # noqa: PLC0415
    import signal  # noqa: PLC0415

    if logfile.exists():
        logfile.unlink()
    cmd = cli.odoo_command(
        host, port, "--db-filter", "^(" + "|".join(re.escape(db) for db in dbs) + ")$",
        "--http-port", str(http_port), "--http-interface", "127.0.0.1", "--workers", "0",
        "--max-cron-threads", "0", "--logfile", str(logfile),
    )  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=cli.ROOT, start_new_session=True)
    url = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.time() + 180
        while True:
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(url + "/web/health", timeout=5) as resp:
                    if resp.status == 200:
                        break
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"Odoo server did not start, see {logfile}")
            time.sleep(1)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


class Page:
    """One page of one website of one database, fetched as an anonymous visitor."""

    def __init__(self, url, db, host, path):
        import requests  # noqa: PLC0415

        self.url, self.db, self.host, self.path = url, db, host, path
        self.session = requests.Session()
        self.headers = {"Host": host, "X-Odoo-Database": db}

    def get(self):
        start = time.perf_counter()
        response = self.session.get(self.url + self.path, headers=self.headers, timeout=120, allow_redirects=False)
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (self.db, self.host, self.path, response.status_code)
        return elapsed, response.text


def page_queries(logfile, db, path):
    """Query counts of the GET requests of ``path`` on ``db`` from Odoo's werkzeug log lines."""
    pattern = re.compile(
        r" INFO " + re.escape(db) + r" werkzeug: .*\"GET " + re.escape(path) + r' HTTP/[\d.]+" 200 - (\d+) '
    )
    return [int(m.group(1)) for m in pattern.finditer(logfile.read_text(encoding="utf-8", errors="replace"))]


def measure_pages(pages, rounds, warm=5):
    for page in pages.values():
        for _ in range(warm):
            page.get()
    times = {name: [] for name in pages}
    names = list(pages)
    for i in range(rounds):
        for name in names if i % 2 else reversed(names):
            times[name].append(pages[name].get()[0])
    return times


# ----------------------------------------------------------------------
# (b) the report over 100 vs 10,000 orders
# ----------------------------------------------------------------------


def copy_moves(cr, move_ids, copies, start):
    """``copies`` copies of each move of ``move_ids`` and of its items, posted, named apart."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != 'id'",
        ["account_move"],
    )
    move_cols = [c for (c,) in cr.fetchall()]
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name NOT IN ('id', 'move_id')",
        ["account_move_line"],
    )
    line_cols = [c for (c,) in cr.fetchall()]
    # a posted entry's name is unique per journal
    move_select = ", ".join("m.name || '/B' || g" if c == "name" else f'm."{c}"' for c in move_cols)
    for move_id in move_ids:
        cr.execute(
            f"""
            WITH new AS (
                INSERT INTO account_move ({", ".join(f'"{c}"' for c in move_cols)})
                SELECT {move_select} FROM account_move m, generate_series(%s, %s) g WHERE m.id = %s
                RETURNING id
            )
            INSERT INTO account_move_line (move_id, {", ".join(f'"{c}"' for c in line_cols)})
            SELECT new.id, {", ".join(f'l."{c}"' for c in line_cols)} FROM new, account_move_line l WHERE l.move_id = %s
            """,  # noqa: S608  (column names from the catalog)
            [start, start + copies - 1, move_id, move_id],
        )


def bench_report(env, venue, sizes):
    from odoo import sql_db  # noqa: PLC0415

    cr = env.cr
    Move = env["account.move"]
    orders = env["sale.order"].search([("company_id", "=", venue.company_id.id), ("state", "=", "sale")])
    # one order's entries: its two settlement moves and its customer invoice
    seeds = orders[:5]
    # each seed booked by its own run of the booking job (ensure_bench_venue)
    moves = Move.search([("flex_gift_venue_order_id", "in", seeds.ids)]) | seeds.invoice_ids.filtered(
        lambda m: m.state == "posted"
    )
    env.flush_all()
    per_order = len(moves) / len(seeds)
    has_figures = hasattr(venue, "_flex_gift_report_figures")
    today = date.today()

    def figures():
        if has_figures:
            return venue._flex_gift_report_figures(date(today.year - 1, 1, 1), today)
        return venue._flex_gift_balances()

    figures()  # warm-up
    done = len(orders)
    results = []
    for size in sizes:
        copies = max(0, size - done) // len(seeds)
        if copies:
            copy_moves(cr, moves.ids, copies, done)
            done += copies * len(seeds)
        env.invalidate_all()
        samples = []
        for _ in range(5):
            env.invalidate_all()
            before = sql_db.sql_counter
            start = time.perf_counter()
            result = figures()
            samples.append((time.perf_counter() - start, sql_db.sql_counter - before))
        seconds = statistics.median(s for s, _ in samples)
        queries = samples[-1][1]
        balance = venue._flex_gift_balances()
        results.append((done, seconds, queries, result, balance))
    return has_figures, per_order, results


# ----------------------------------------------------------------------
# (c) confirming venue orders vs platform orders
# ----------------------------------------------------------------------


def bench_confirm(env, venue, count, batch=100):
    """Confirm ``count`` orders one at a time, as the shop does after each payment, at the
    venue and at the platform, interleaved in batches; after each venue batch, the
    booking job books the batch's waiting sales. {name: [seconds, queries]}."""
    work = env.ref("flex_gift_catalog.product_template_tea_cup_demo")
    partner = env["res.partner"].create({"name": "Bench Confirm Member", "street": "1 Bench Rd", "city": "Hangzhou"})
    venue_env = env(context=dict(env.context, allowed_company_ids=[venue.company_id.id, venue.platform_company_id.id]))

    def confirm_each(orders):
        return lambda: [order.action_confirm() for order in orders]

    # warm-up both paths
    confirm_each(make_orders(venue_env, partner, 3, work, venue=venue))()
    confirm_each(make_orders(env, partner, 3, work))()
    venue._flex_gift_book_pending()
    totals = {"venue": [0.0, 0], "platform": [0.0, 0], "booking": [0.0, 0]}
    for index in range(max(1, count // batch)):
        venue_orders = make_orders(venue_env, partner, batch, work, venue=venue)
        platform_orders = make_orders(env, partner, batch, work)
        runs = [("venue", venue_orders), ("platform", platform_orders)]
        for name, orders in runs if index % 2 else reversed(runs):
            seconds, queries, _ = timed(orders.env, confirm_each(orders))
            totals[name][0] += seconds
            totals[name][1] += queries
        seconds, queries, moves = timed(env, venue._flex_gift_book_pending)
        totals["booking"][0] += seconds
        totals["booking"][1] += queries
        assert len(moves) == 2 and venue_orders.order_line.mapped("flex_gift_venue_booked_qty") == [1.0] * batch
    return totals


# ----------------------------------------------------------------------
# (d) the report with 200 venues vs 2, in process
# ----------------------------------------------------------------------


def bench_report_venues(envs, rounds=20):
    from odoo import sql_db  # noqa: PLC0415

    today = date.today()
    results = {name: {"time": [], "queries": set(), "balance_time": [], "balance_queries": set()} for name in envs}
    for i in range(rounds + 3):
        for name in list(envs) if i % 2 else list(envs)[::-1]:
            env = envs[name]
            venue = env["flex.gift.venue"].search([("name", "=", BENCH_VENUE)])
            for key, call in (
                ("", lambda venue=venue: venue._flex_gift_report_figures(date(today.year - 1, 1, 1), today)),
                ("balance_", lambda venue=venue: venue._flex_gift_balances()),
            ):
                if not key and not hasattr(venue, "_flex_gift_report_figures"):
                    continue
                env.invalidate_all()
                before = sql_db.sql_counter
                start = time.perf_counter()
                call()
                if i >= 3:
                    results[name][key + "time"].append(time.perf_counter() - start)
                    results[name][key + "queries"].add(sql_db.sql_counter - before)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="database (default: the demo database of bin/flexgift serve)")
    parser.add_argument("--http-port", type=int, default=8074)
    parser.add_argument("--page-rounds", type=int, default=30)
    parser.add_argument("--orders", type=int, default=1000, help="orders confirmed on each side (c)")
    parser.add_argument("--report-sizes", default="100,10000", help="orders behind the report (b)")
    parser.add_argument("--venues", type=int, default=200, help="venues in the copied database (d)")
    parser.add_argument("--only", default="abcd")
    args = parser.parse_args()

    cli = load_flexgift()
    db = args.db or cli.DEMO_DB
    host, port = cli.ensure_demo_database() if db == cli.DEMO_DB else cli.database_server()
    from odoo import api, sql_db  # noqa: PLC0415

    registry = open_registry(cli, db, host, port)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        venue, big = ensure_bench_venue(env)
        venue_id, big_path = venue.id, big.website_url
        venue_count = env["flex.gift.venue"].search_count([])
        cr.commit()
    many_db = f"{db}_venues{args.venues}"
    dbs = [db]
    if "d" in args.only:
        sql_db.close_db(db)
        copy_database(cli, host, port, db, many_db)
        many_registry = open_registry(cli, many_db, host, port)
        with many_registry.cursor() as cr:
            start = time.perf_counter()
            added = add_light_venues(api.Environment(cr, api.SUPERUSER_ID, {}), args.venues)
            cr.commit()
            print(
                f"(d) set-up: {many_db} = {db} ({venue_count} venues) + {added} lightweight venues (copies of "
                f"the bench venue's partner, company, website, pricelist and venue rows, made in SQL: no chart of "
                f"accounts, warehouse or sequences), in {time.perf_counter() - start:.0f} s"
            )
        sql_db.close_db(many_db)
        dbs.append(many_db)

    if set("ad") & set(args.only):
        logfile = cli.LOGS / "bench-venue-server.log"
        with odoo_server(cli, host, port, dbs, args.http_port, logfile) as url:
            if "a" in args.only:
                # the same page; a query string of its own for each site, to tell their log lines apart
                pages = {
                    "venue": Page(url, db, VENUE_HOST, big_path + "?site=venue"),
                    "platform": Page(url, db, PLATFORM_HOST, big_path + "?site=platform"),
                }
                a_times = measure_pages(pages, args.page_rounds)
            if "d" in args.only:
                shops = {"few": Page(url, db, VENUE_HOST, "/shop"), "many": Page(url, many_db, VENUE_HOST, "/shop")}
                assert "Bench Venue" in shops["many"].get()[1]
                d_times = measure_pages(shops, args.page_rounds)
            time.sleep(1)  # the log lines
        if "a" in args.only:
            q = {
                name: statistics.median(page_queries(logfile, db, page.path)[5:] or [float("nan")])
                for name, page in pages.items()
            }
            ratio = ms(a_times["venue"]) / ms(a_times["platform"])
            print(
                f"(a) product page of the imported 15,625-combination work {big_path}, anonymous, warm, median of "
                f"{args.page_rounds}: venue website {ms(a_times['venue']):.1f} ms, platform website "
                f"{ms(a_times['platform']):.1f} ms, ratio {ratio:.3f} (target <= 1.1); queries/page "
                f"{q['venue']:.0f} vs {q['platform']:.0f}"
            )
        if "d" in args.only:
            few, many = page_queries(logfile, db, "/shop")[5:], page_queries(logfile, many_db, "/shop")[5:]
            ratio = ms(d_times["many"]) / ms(d_times["few"])
            print(
                f"(d) venue's /shop, median of {args.page_rounds}: {venue_count} venues {ms(d_times['few']):.1f} ms, "
                f"{args.venues} venues {ms(d_times['many']):.1f} ms, ratio {ratio:.3f} (target <= 1.1); "
                f"queries/page {sorted(set(few))} vs {sorted(set(many))}"
            )

    if "d" in args.only:
        with registry.cursor() as cr_few, many_registry.cursor() as cr_many:
            envs = {
                "few": api.Environment(cr_few, api.SUPERUSER_ID, {}),
                "many": api.Environment(cr_many, api.SUPERUSER_ID, {}),
            }
            res = bench_report_venues(envs)
        for key, label in (("", "report figures"), ("balance_", "balance with the platform")):
            if not res["few"][key + "time"]:
                print("(d) report figures: _flex_gift_report_figures is not there; only the balance is measured")
                continue
            few, many = ms(res["few"][key + "time"]), ms(res["many"][key + "time"])
            print(
                f"(d) {label}, median of 20: {venue_count} venues {few:.2f} ms, {args.venues} venues {many:.2f} ms, "
                f"ratio {many / few:.3f} (target <= 1.1); queries {sorted(res['few'][key + 'queries'])} vs "
                f"{sorted(res['many'][key + 'queries'])}"
            )

    if set("bc") & set(args.only):
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": False})
            venue = env["flex.gift.venue"].browse(venue_id)
            try:
                if "b" in args.only:
                    sizes = [int(n) for n in args.report_sizes.split(",")]
                    has_figures, per_order, results = bench_report(env, venue, sizes)
                    what = "_flex_gift_report_figures" if has_figures else "_flex_gift_balances (no report figures)"
                    print(f"(b) {what} over N orders' entries ({per_order:.1f} journal entries per order):")
                    for n, seconds, queries, result, balance in results:
                        shown = (
                            ", ".join(f"{k} {v:.2f}" for k, v in result.items()) if isinstance(result, dict) else result
                        )
                        print(
                            f"    N={n:>6}: {seconds * 1000:8.1f} ms, {queries} queries; {shown}; "
                            f"balance venue/platform {balance[0]:.2f}/{balance[1]:.2f}"
                        )
                    cr.rollback()
                if "c" in args.only:
                    totals = bench_confirm(env, venue, args.orders)
                    (t_venue, q_venue), (t_platform, q_platform) = totals["venue"], totals["platform"]
                    t_book, q_book = totals["booking"]
                    n = max(1, args.orders // 100) * 100
                    print(
                        f"(c) confirming {n} orders of one library line, one at a time: venue {t_venue:.1f} s "
                        f"({q_venue / n:.1f} queries/order), platform {t_platform:.1f} s "
                        f"({q_platform / n:.1f} queries/order), ratio {t_venue / t_platform:.3f} (target <= 1.3)\n"
                        f"    booking job, run after each 100 venue orders: {t_book:.1f} s in all "
                        f"({t_book / n * 1000:.1f} ms and {q_book / n:.1f} queries/order, "
                        f"{q_book / (n // 100):.0f} queries/run); confirmation + booking vs platform: "
                        f"ratio {(t_venue + t_book) / t_platform:.3f}"
                    )
            finally:
                cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(main())
