#!/usr/bin/env python3
"""flex_gift_catalog benchmarks, measured side by side in one run.

    python3 bench/bench_catalog.py [--rounds N]

Runs against the demo database of `bin/flexgift serve` (created if missing).

(a) combination price + lead lookup: the 15,625-combination demo work vs the
    25-combination one, interleaved; queries per lookup and time ratio
    (target: same query count, ratio <= 1.1).
(b) what an anonymous visitor waits for on a product page, on a running 2-worker
    server: the page, then the requests the page itself sends once loaded (website_sale's
    price request on both pages; the configurator's first configuration request when
    the page does not carry it), with the visitor's session cookie, median of the rounds
    after a warm-up. The 15,625-combination work vs the stock "Customizable Desk" (a
    stock product with attributes: the same page and requests), and vs a stock product
    without attributes for reference; target <= 1.0 against the desk. The page alone is
    printed too (what this bench measured before: it left out the configurator's first
    request), with the query counts Odoo's werkzeug log line reports for each page.
(c) preview render: median ms of a 1024 px preview with 3 text layers.
(d) first view of a configuration (its preview rendered) vs the same request again
    (the preview found in the store), over HTTP.
(e) 20 identical first-view configuration requests at once: how many succeed, how
    many previews they name, how many rows store it.
(f) a first-view configuration (preview rendered and stored) by a website visitor with
    the quota check vs without it (the bench-only context key flex_gift_catalog_no_quota),
    interleaved in one process, with 5,000 visitors' blobs in the window; target <= 1.05.
(g) one visitor hammering uploads (a new image on every configuration request) for
    --hammer-seconds on a 2-worker server: bytes written, bounded by the per-visitor quota.
"""

import argparse
import base64
import io
import random
import re
import secrets
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

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
        Combination = env["flex.gift.combination"]

        def combos(work, count):
            lines = work._flex_gift_lines()
            return [Ptav.browse([rng.choice(values) for values in lines]) for _ in range(count)]

        samples = {"big": combos(big, rounds), "small": combos(small, rounds)}
        works = {"big": big, "small": small}
        times = {"big": [], "small": []}
        queries = {"big": 0, "small": 0}
        for name, work in works.items():  # warm-up
            for combination in samples[name][:20]:
                Combination._flex_gift_lookup(work, combination)
        for i in range(rounds):
            for name in ("big", "small") if i % 2 else ("small", "big"):
                combination = samples[name][i]
                env.invalidate_all()
                cr.cache.clear()  # the lookup's per-transaction memo: measure the query itself
                before = sql_db.sql_counter
                start = time.perf_counter()
                row = Combination._flex_gift_lookup(works[name], combination)
                _ = (row.price, row.lead_days)
                times[name].append(time.perf_counter() - start)
                queries[name] += sql_db.sql_counter - before
        counts = (big.flex_gift_combination_count, small.flex_gift_combination_count)
        return counts, times, queries


def parse_request_queries(logfile, path):
    """Query counts of the GET requests of `path` from Odoo's werkzeug log lines."""
    pattern = re.compile(r'"GET ' + re.escape(path) + r' HTTP/[\d.]+" 200 - (\d+) ')
    return [int(m.group(1)) for m in pattern.finditer(logfile.read_text(encoding="utf-8", errors="replace"))]


def xmlids(cli, host, port, db, names):
    import psycopg2  # noqa: PLC0415

    conn = psycopg2.connect(host=host, port=port, user=cli.ROLE, dbname=db)
    with conn.cursor() as cr:
        cr.execute(
            "SELECT module || '.' || name, res_id FROM ir_model_data WHERE module || '.' || name = ANY(%s)",
            [list(names)],
        )
        ids = dict(cr.fetchall())
    conn.close()
    return ids


def jsonrpc(session, url, params):
    response = session.post(url, json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}, timeout=120)
    response.raise_for_status()
    return response.json()


class Visit:
    """A visitor on a product page: the page, then what the page sends once loaded."""

    def __init__(self, url, template_id):
        import requests  # noqa: PLC0415

        self.url, self.template_id = url, template_id
        self.session = requests.Session()
        page = self.session.get(f"{url}/shop/{template_id}", timeout=120)
        page.raise_for_status()
        self.path = urllib.parse.urlsplit(page.url).path  # /shop/<id> redirects to /shop/<slug>-<id>
        html = page.text
        self.product_id = int(re.search(r'name="product_id"\s+value="(\d+)"', html).group(1))
        inputs = re.findall(r"<input[^>]*js_variant_change[^>]*>", html)
        self.ptav_ids = [int(re.search(r'value="(\d+)"', i).group(1)) for i in inputs if "checked" in i]
        configurator = re.search(r'<div class="o_flex_gift_configurator[^>]*>', html)
        # what the page's scripts send once loaded: website_sale asks for the price of the
        # combination shown; the configurator its lead time and preview. A library work's
        # page that carries its first configuration (data-key) sends neither, unless it
        # reports views to Google Analytics (data-tracking): the price request does that
        carried = bool(configurator) and "data-key=" in configurator.group(0)
        self.price_request = not carried or "data-tracking=" in configurator.group(0)
        self.configurator_request = bool(configurator) and not carried
        self.personalization = {}
        if configurator:
            for component in re.finditer(r'data-component-id="(\d+)"\s+data-component-type="choice"', html):
                option = re.search(r'<option value="(\d+)"', html[component.end() :])
                self.personalization[component.group(1)] = option.group(1)

    def page(self):
        start = time.perf_counter()
        self.session.get(self.url + self.path, timeout=120).raise_for_status()
        return time.perf_counter() - start

    @property
    def request_count(self):
        return self.price_request + self.configurator_request

    def requests_on_load(self):
        start = time.perf_counter()
        if self.price_request:
            params = {
                "product_template_id": self.template_id,
                "product_id": self.product_id,
                "combination": self.ptav_ids,
                "add_qty": 1,
                "context": {},
            }
            if self.personalization:
                params["flex_gift_personalization"] = self.personalization
            answer = jsonrpc(self.session, f"{self.url}/website_sale/get_combination_info", params)
            assert "result" in answer, answer
        if self.configurator_request:
            answer = jsonrpc(
                self.session,
                f"{self.url}/flex_gift/configuration_info",
                {
                    "product_template_id": self.template_id,
                    "ptav_ids": self.ptav_ids,
                    "personalization": self.personalization,
                },
            )
            assert "result" in answer, answer
        return time.perf_counter() - start


def bench_pages(cli, host, port, db, rounds):
    names = {
        "ours": "flex_gift_catalog.product_template_tea_set_demo",
        "stock": "product.product_product_4_product_template",  # Customizable Desk
        "plain": "product.product_delivery_01_product_template",  # a stock product without attributes
    }
    ids = xmlids(cli, host, port, db, names.values())
    logfile = cli.LOGS / "bench-server.log"
    if logfile.exists():
        logfile.unlink()
    with cli.odoo_server(host, port, db, logfile) as url:
        visits = {name: Visit(url, ids[xmlid]) for name, xmlid in names.items()}
        for visit in visits.values():  # warm-up
            for _ in range(5):
                visit.page()
                visit.requests_on_load()
        pages = {name: [] for name in visits}
        loads = {name: [] for name in visits}
        for i in range(rounds):
            order = list(visits)
            for name in order[i % 3 :] + order[: i % 3]:
                pages[name].append(visits[name].page())
                loads[name].append(visits[name].requests_on_load())
        time.sleep(1)  # let the workers flush their log lines
    queries = {name: parse_request_queries(logfile, urllib.parse.unquote(v.path))[5:] for name, v in visits.items()}
    return visits, pages, loads, queries


def bench_first_view(cli, host, port, db, rounds):
    """(d) and (e): first-view configuration requests, over HTTP."""
    import requests  # noqa: PLC0415

    ids = xmlids(cli, host, port, db, ["flex_gift_catalog.product_template_tea_set_demo"])
    template_id = next(iter(ids.values()))
    logfile = cli.LOGS / "bench-first-view.log"
    if logfile.exists():
        logfile.unlink()
    with cli.odoo_server(host, port, db, logfile, backlog=1024) as url:
        visit = Visit(url, template_id)
        text_id = re.search(
            r'data-component-id="(\d+)"\s+data-component-type="text"', visit.session.get(url + visit.path).text
        ).group(1)

        def params(text):
            personalization = dict(visit.personalization, **{text_id: text})
            return {"product_template_id": template_id, "ptav_ids": visit.ptav_ids, "personalization": personalization}

        def timed(text):
            start = time.perf_counter()
            answer = jsonrpc(visit.session, f"{url}/flex_gift/configuration_info", params(text))
            assert "result" in answer, answer
            return time.perf_counter() - start

        timed("warm")
        first, cached = [], []
        for _ in range(rounds):
            text = "B" + secrets.token_hex(4)  # a configuration nobody asked for before
            first.append(timed(text))
            cached.append(timed(text))

        burst = params("C" + secrets.token_hex(4))
        barrier = threading.Barrier(20)

        def at_once(_index):
            session = requests.Session()
            barrier.wait()
            response = session.post(
                f"{url}/flex_gift/configuration_info",
                json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": burst},
                timeout=120,
            )
            return response.json() if response.status_code == 200 else {"error": response.status_code}

        with ThreadPoolExecutor(max_workers=20) as pool:
            answers = list(pool.map(at_once, range(20)))
    ok = [a["result"] for a in answers if "result" in a and not a["result"]["error"]]
    urls = {a["preview_url"] for a in ok}
    import psycopg2  # noqa: PLC0415

    conn = psycopg2.connect(host=host, port=port, user=cli.ROLE, dbname=db)
    with conn.cursor() as cr:
        digests = [u.rsplit("/", 2)[1] for u in urls]  # /flex_gift/preview/<digest>/<token>
        cr.execute("SELECT count(*) FROM flex_gift_preview WHERE digest = ANY(%s)", [digests])
        rows = cr.fetchone()[0]
    conn.close()
    retries = logfile.read_text(encoding="utf-8", errors="replace").count("ConcurrencyError")
    return first, cached, len(ok), len(urls), rows, retries


def bench_quota_check(cli, db, host, port, rounds):
    """(f): the quota check's cost on a first view, side by side in one process."""
    import types  # noqa: PLC0415

    from odoo import api, http  # noqa: PLC0415

    registry = open_registry(cli, db, host, port)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        work = env.ref("flex_gift_catalog.product_template_tea_set_demo")
        text_id = str(env.ref("flex_gift_catalog.flex_gift_component_tea_set_engraving_demo").id)
        combination = env["product.template.attribute.value"].browse([values[0] for values in work._flex_gift_lines()])
        public = env.ref("base.public_user")
        # a busy window: 5,000 blobs of other visitors (rolled back with the transaction)
        cr.execute(
            """INSERT INTO flex_gift_preview (digest, kind, file_size, visitor_ip, visitor_key, is_kept,
                                              create_date, write_date, create_uid, write_uid)
               SELECT md5(random()::text) || md5(random()::text), 'preview', 100000,
                      '198.51.100.' || (i % 250), md5(i::text), false,
                      now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 1, 1
                 FROM generate_series(1, 5000) i"""
        )

        class Session(dict):
            sid = secrets.token_hex(20)

        website = env["website"].search([], limit=1)
        fake = types.SimpleNamespace(
            env=env(user=public),
            httprequest=types.SimpleNamespace(remote_addr="203.0.113.50"),
            session=Session(bench=True),
            is_frontend=False,
        )
        work = work.with_context(website_id=website.id)
        initial = work.flex_gift_component_ids._flex_gift_initial_values()
        cr.execute("SELECT count(*) FROM flex_gift_preview")
        blobs_before = cr.fetchone()[0]
        http._request_stack.push(fake)
        try:
            times = {"with": [], "without": []}
            for i in range(rounds + 3):
                for name in ("with", "without") if i % 2 else ("without", "with"):
                    template = work.with_context(flex_gift_catalog_no_quota=name == "without")
                    personalization = dict(initial, **{text_id: "Q" + secrets.token_hex(4)})
                    start = time.perf_counter()
                    template._flex_gift_configuration_info(combination, personalization)
                    if i >= 3:  # warm-up
                        times[name].append(time.perf_counter() - start)
            cr.execute("SELECT count(*) FROM flex_gift_preview")
            rendered = cr.fetchone()[0] - blobs_before
            check = []
            Preview = env["flex.gift.preview"]
            for _ in range(rounds):
                start = time.perf_counter()
                Preview._flex_gift_check_quota(*Preview._flex_gift_visitor())
                check.append(time.perf_counter() - start)
        finally:
            http._request_stack.pop()
            cr.rollback()
    return times, check, rendered


def bench_hammer(cli, host, port, db, seconds):
    """(g): one visitor sending a new upload with every configuration request."""
    import psycopg2  # noqa: PLC0415
    import requests  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    ids = xmlids(
        cli,
        host,
        port,
        db,
        ["flex_gift_catalog.product_template_tea_set_demo", "flex_gift_catalog.flex_gift_component_tea_set_motif_demo"],
    )
    template_id = ids["flex_gift_catalog.product_template_tea_set_demo"]
    motif_id = str(ids["flex_gift_catalog.flex_gift_component_tea_set_motif_demo"])
    conn = psycopg2.connect(host=host, port=port, user=cli.ROLE, dbname=db)
    conn.autocommit = True

    def written():
        with conn.cursor() as cr:
            cr.execute("SELECT COALESCE(SUM(file_size), 0), count(*) FROM flex_gift_preview")
            return cr.fetchone()

    with conn.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'flex_gift_catalog.quota_visitor_mb'")
        quota_mb = int((cr.fetchone() or [20])[0])
    logfile = cli.LOGS / "bench-hammer.log"
    with cli.odoo_server(host, port, db, logfile, backlog=1024) as url:
        visit = Visit(url, template_id)
        session = requests.Session()
        session.cookies.update(visit.session.cookies)
        rng = random.Random(7)
        before = written()
        answers = {"stored": 0, "refused": 0, "other": 0}
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            image = Image.frombytes("RGB", (400, 400), rng.randbytes(400 * 400 * 3))  # noise: ~480 kB as PNG
            buffer = io.BytesIO()
            image.save(buffer, "PNG")
            data_url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
            personalization = dict(visit.personalization, **{motif_id: data_url})
            params = {
                "product_template_id": template_id,
                "ptav_ids": visit.ptav_ids,
                "personalization": personalization,
            }
            result = jsonrpc(session, f"{url}/flex_gift/configuration_info", params).get("result") or {}
            key = "refused" if result.get("status") == 429 else "stored" if result.get("preview_url") else "other"
            answers[key] += 1
        after = written()
    conn.close()
    return after[0] - before[0], after[1] - before[1], answers, quota_mb


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
    parser.add_argument("--first-view-rounds", type=int, default=10, help="first-view requests (d)")
    parser.add_argument("--quota-rounds", type=int, default=40, help="first views with and without the check (f)")
    parser.add_argument("--hammer-seconds", type=int, default=60, help="one visitor hammering uploads (g)")
    parser.add_argument("--only", default="abcdefg", help="the measures to run, e.g. fg")
    args = parser.parse_args()

    cli = load_flexgift()
    host, port = cli.ensure_demo_database()
    db = cli.DEMO_DB

    if "a" in args.only:
        (n_big, n_small), times, queries = bench_lookup(cli, db, host, port, args.rounds)
        q_big, q_small = queries["big"] / args.rounds, queries["small"] / args.rounds
        ratio = ms(times["big"]) / ms(times["small"])
        print(
            f"(a) lookup: {n_big} combinations {ms(times['big']):.3f} ms, {q_big:.2f} queries/lookup | "
            f"{n_small} combinations {ms(times['small']):.3f} ms, {q_small:.2f} queries/lookup | "
            f"time ratio {ratio:.3f} (target <= 1.1), same query count: {q_big == q_small}"
        )

    if "b" in args.only:
        visits, pages, loads, queries = bench_pages(cli, host, port, db, args.page_rounds)
        visit = {name: [p + r for p, r in zip(pages[name], loads[name], strict=True)] for name in visits}
        q = {name: statistics.median(queries[name]) if queries[name] else float("nan") for name in visits}
        sent = {name: visits[name].request_count for name in visits}
        print(
            f"(b) product page, as an anonymous visitor waits for it (the page, then the requests it sends once "
            f"loaded: library work {sent['ours']}, stock pages {sent['stock']}), median of {args.page_rounds}:\n"
            f"    library work {visits['ours'].path}: {ms(visit['ours']):.1f} ms "
            f"(page {ms(pages['ours']):.1f} + {ms(loads['ours']):.1f}), {q['ours']:.0f} queries/page\n"
            f"    stock Customizable Desk: {ms(visit['stock']):.1f} ms "
            f"(page {ms(pages['stock']):.1f} + {ms(loads['stock']):.1f}), {q['stock']:.0f} queries/page\n"
            f"    stock product without attributes: {ms(visit['plain']):.1f} ms "
            f"(page {ms(pages['plain']):.1f} + {ms(loads['plain']):.1f}), {q['plain']:.0f} queries/page\n"
            f"    ratio vs the desk {ms(visit['ours']) / ms(visit['stock']):.3f} (target <= 1.0), "
            f"page alone {ms(pages['ours']) / ms(pages['stock']):.3f}; "
            f"extra queries/page {q['ours'] - q['stock']:+.0f} "
            f"(target <= 5); vs the product without attributes {ms(visit['ours']) / ms(visit['plain']):.3f} "
            f"(page alone {ms(pages['ours']) / ms(pages['plain']):.3f})"
        )

    if "c" in args.only:
        font, times = bench_preview(args.preview_rounds)
        print(
            f"(c) preview render, 1024 px, 3 text layers: median {ms(times):.1f} ms "
            f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}) over {len(times)} renders; font {font}"
        )

    if set("de") & set(args.only):
        first, cached, ok, urls, rows, retries = bench_first_view(cli, host, port, db, args.first_view_rounds)
        print(
            f"(d) configuration request over HTTP, median of {len(first)}: first view (preview rendered) "
            f"{ms(first):.1f} ms, the same again (preview stored) {ms(cached):.1f} ms"
        )
        print(
            f"(e) 20 identical first-view configuration requests at once: {ok}/20 succeeded, naming {urls} preview(s), "
            f"stored in {rows} row(s); {retries} request(s) retried after waiting for the one that rendered it"
        )

    if "f" in args.only:
        quota_times, check, rendered = bench_quota_check(cli, db, host, port, args.quota_rounds)
        with_check, without = ms(quota_times["with"]), ms(quota_times["without"])
        print(
            f"(f) first-view configuration by a website visitor, median of {args.quota_rounds}, 5,000 blobs in the "
            f"window: with the quota check {with_check:.1f} ms, without {without:.1f} ms, ratio "
            f"{with_check / without:.3f} (target <= 1.05); the check alone {ms(check):.2f} ms "
            f"(it runs only when a new blob is stored; a stored preview costs nothing); {rendered} previews rendered"
        )

    if "g" in args.only:
        size, rows, answers, quota_mb = bench_hammer(cli, host, port, db, args.hammer_seconds)
        print(
            f"(g) one visitor sending a new ~480 kB upload with every request for {args.hammer_seconds} s: "
            f"{sum(answers.values())} requests, {answers['stored']} stored, {answers['refused']} refused (429), "
            f"{answers['other']} other; {rows} blobs, {size / 1024 / 1024:.1f} MB written "
            f"(per-visitor quota {quota_mb} MB per window)"
        )


if __name__ == "__main__":
    main()
