#!/usr/bin/env python3
"""flex_gift_share benchmarks, measured side by side in one run.

    python3 bench/bench_share.py --serve [--db flexgift_demo] [--rounds 20] [--nginx]
    python3 bench/bench_share.py --url http://127.0.0.1:8371 --db flexgift_demo [--nginx]

`--serve` starts the 2-worker Odoo servers itself (no cron worker, `--proxy-mode`) and
measures, in one run, the same server code started two ways:
  1. Odoo opening its own listening socket: its prefork server listens with a backlog of
     8 x workers = 16, so a burst of new connections overflows the kernel's accept queue;
  2. the socket made by the launcher with a backlog of 1024 and handed over as systemd
     socket activation does (LISTEN_FDS), which Odoo supports (`odoo/service/server.py`).
`--url` measures a server you started. `--nginx` also measures through Debian's `nginx`
(package nginx-light) in front of server 1, the deployment Odoo recommends.
Gift links are made straight in the database, as the integration test does.

(a) claim request vs a stock /shop/cart/update request, interleaved on the same
    server: median time ratio (target <= 1.5).
(b) 100 concurrent claim attempts on 50 links (two per link, all fired at once):
    claimed, duplicates, server errors, throughput (target: 50 / 0 / 0).
"""

import argparse
import contextlib
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg2
import requests
from _common import load_claim_helpers, load_flexgift


def jsonrpc(session, url, params):
    response = session.post(url, json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}, timeout=60)
    response.raise_for_status()
    body = response.json()
    assert "error" not in body, body
    return body["result"]


def stock_product(conn):
    """A published, sellable, non-library product with no attributes (a plain shop product)."""
    with conn.cursor() as cr:
        cr.execute(
            """SELECT p.id, t.id FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
                WHERE t.sale_ok AND t.is_published AND t.active AND p.active AND NOT coalesce(t.is_library_work, false)
                  AND t.type = 'consu'
                  AND NOT EXISTS (SELECT 1 FROM product_template_attribute_line l WHERE l.product_tmpl_id = t.id)
                ORDER BY t.id LIMIT 1"""
        )
        return cr.fetchone()


def bench_ratio(url, conn, helpers, rounds):
    product_id, template_id = stock_product(conn)
    cart = requests.Session()
    cart.get(f"{url}/shop", timeout=60)
    jsonrpc(cart, f"{url}/shop/cart/add", {"product_template_id": template_id, "product_id": product_id, "quantity": 1})
    tokens = helpers.make_pending_links(conn, rounds + 2, tag="ratio")
    country_id = helpers.belgium_id(conn)
    cart_times, claim_times = [], []
    for index, token in enumerate(tokens):
        session, form = helpers.prepare_claim(url, token, country_id)
        start = time.perf_counter()
        jsonrpc(
            cart, f"{url}/shop/cart/update", {"line_id": False, "product_id": product_id, "quantity": 1 + index % 2}
        )
        cart_time = time.perf_counter() - start
        start = time.perf_counter()
        response = session.post(f"{url}/gift/{token}/claim", data=form, timeout=120)
        claim_time = time.perf_counter() - start
        assert response.status_code == 200 and "o_flex_gift_claimed" in response.text, response.status_code
        if index >= 2:  # the first rounds warm the workers
            cart_times.append(cart_time)
            claim_times.append(claim_time)
    cart_ms = statistics.median(cart_times) * 1000
    claim_ms = statistics.median(claim_times) * 1000
    print(
        f"(a) /shop/cart/update median {cart_ms:.1f} ms | claim median {claim_ms:.1f} ms | "
        f"ratio {claim_ms / cart_ms:.2f} (target <= 1.5, {len(claim_times)} rounds)"
    )


def bench_concurrent(url, conn, helpers, links=50, attempts_per_link=2):
    tokens = helpers.make_pending_links(conn, links, tag="load")
    country_id = helpers.belgium_id(conn)
    prepared = [
        (token, *helpers.prepare_claim(url, token, country_id)) for token in tokens for _i in range(attempts_per_link)
    ]
    start = time.perf_counter()
    responses = helpers.fire_at_once(url, prepared, timeout=600, retry_refused=19)
    elapsed = time.perf_counter() - start
    results = helpers.outcomes(prepared, responses)
    wins = {}
    for token, _status, won in results:
        wins[token] = wins.get(token, 0) + int(won)
    claimed = sum(1 for count in wins.values() if count >= 1)
    duplicate_wins = sum(count - 1 for count in wins.values() if count > 1)
    errors = sum(1 for _t, status, _w in results if isinstance(status, int) and status >= 500)
    resets = sum(1 for _t, status, _w in results if not isinstance(status, int))
    unavailable = sum(1 for _t, status, _w in results if status == 404)
    hashes = [helpers.hash_token(t) for t in tokens]
    with conn.cursor() as cr:
        # the delivery itself is made by the release job right after a claim (not run here:
        # the servers have no cron worker); a link is claimed once or not at all
        cr.execute(
            """SELECT k.state, count(*), count(p.id) FROM flex_gift_link k
                 LEFT JOIN stock_picking p ON p.flex_gift_link_id = k.id
                WHERE k.token_hash = ANY(%s) GROUP BY k.state""",
            [hashes],
        )
        states = {state: (links_count, pickings) for state, links_count, pickings in cr.fetchall()}
    db_claimed = states.get("claimed", (0, 0))[0]
    double_deliveries = sum(pickings for _count, pickings in states.values() if pickings > _count)
    kinds = {}
    for _t, status, _w in results:
        kinds[status] = kinds.get(status, 0) + 1
    print(f"    responses by status: {kinds}")
    print(
        f"(b) {len(prepared)} concurrent claim attempts on {links} links: claimed {claimed} "
        f"(claimed in the database: {db_claimed}), duplicates {duplicate_wins + double_deliveries}, "
        f"'already claimed' pages {unavailable}, HTTP 5xx {errors}, connections reset or failed {resets}, "
        f"{elapsed:.2f} s, throughput {len(prepared) / elapsed:.1f} attempts/s"
    )


NGINX_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream odoo {{ server {upstream}; keepalive 4; }}
    server {{
        listen 127.0.0.1:{port} backlog=1024;
        proxy_read_timeout 300s;
        location / {{
            proxy_pass http://odoo;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host:$server_port;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto http;
        }}
    }}
}}
"""


@contextlib.contextmanager
def nginx_in_front(url, port=8380):
    """Debian's nginx on 127.0.0.1:<port> buffering and queueing for the Odoo server at `url`,
    as Odoo's deployment guide recommends (Odoo's prefork server listens with a backlog of
    8 x workers: a burst of new connections beyond it is reset before reaching Odoo)."""
    workdir = Path(tempfile.mkdtemp(prefix="flexgift-nginx-"))
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=workdir, upstream=urllib.parse.urlsplit(url).netloc, port=port))
    subprocess.run(["nginx", "-c", str(conf)], check=True)
    try:
        time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        subprocess.run(["nginx", "-c", str(conf), "-s", "stop"], check=False)
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8371")
    parser.add_argument("--db", default="flexgift_demo")
    parser.add_argument("--db-host", default="127.0.0.1")
    parser.add_argument("--db-port", default="5432")
    parser.add_argument("--db-user", default="flexgift")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--nginx", action="store_true", help="also measure through Debian's nginx in front of the server"
    )
    parser.add_argument("--serve", action="store_true", help="start the 2-worker servers on --db (see above)")
    args = parser.parse_args()
    conn = psycopg2.connect(host=args.db_host, port=args.db_port, user=args.db_user, dbname=args.db)
    conn.autocommit = True
    helpers = load_claim_helpers()

    def measure(url, title):
        print(f"-- {title}")
        bench_ratio(url, conn, helpers, args.rounds)
        bench_concurrent(url, conn, helpers)
        if args.nginx and "own socket" in title:
            with nginx_in_front(url) as proxied:
                print(f"-- the same server behind nginx at {proxied} (Odoo in --proxy-mode)")
                bench_ratio(proxied, conn, helpers, args.rounds)
                bench_concurrent(proxied, conn, helpers)

    if not args.serve:
        measure(args.url.rstrip("/"), f"the Odoo server at {args.url} (own socket)")
    else:
        cli = load_flexgift()
        logfile = cli.LOGS / "bench-share-server.log"
        for backlog, title in (
            (None, "2-worker server, Odoo's own socket (backlog 16)"),
            (1024, "2-worker server, socket handed over as systemd does (backlog 1024)"),
        ):
            with cli.odoo_server(
                args.db_host, args.db_port, args.db, logfile, backlog=backlog, extra=("--proxy-mode",)
            ) as url:
                measure(url, f"{title} at {url}")
    conn.close()


if __name__ == "__main__":
    main()
