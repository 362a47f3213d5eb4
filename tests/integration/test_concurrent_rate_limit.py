"""Wrong gift tokens sent at once from one address, on the real multi-worker server:
never more than the limit get through (flex.gift.claim.attempt counts and records under
a lock per address), and a valid link is still served to that address."""

import secrets
import threading

import requests

from tests.integration.test_concurrent_claims import make_pending_links

LIMIT = 10  # flex.gift.claim.attempt._flex_gift_try
WINDOW_SECONDS = 60


def _attempts(conn, ip="127.0.0.1"):
    with conn.cursor() as cr:
        cr.execute(
            """SELECT count(*) FROM flex_gift_claim_attempt
                WHERE ip = %s AND create_date >= (now() AT TIME ZONE 'UTC') - %s * interval '1 second'""",
            [ip, WINDOW_SECONDS],
        )
        return cr.fetchone()[0]


def test_concurrent_wrong_tokens_never_exceed_the_limit(odoo_url, odoo_db):
    count = 40
    barrier = threading.Barrier(count)
    statuses = [None] * count

    def fire(index):
        barrier.wait()
        try:
            statuses[index] = requests.get(f"{odoo_url}/gift/{secrets.token_urlsafe(32)}", timeout=120).status_code
        except requests.RequestException as error:
            statuses[index] = repr(error)

    threads = [threading.Thread(target=fire, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(statuses) <= {404, 429}, statuses
    assert statuses.count(404) <= LIMIT, statuses
    assert statuses.count(429) >= count - LIMIT, statuses
    assert _attempts(odoo_db) <= LIMIT
    # the address is over the limit for wrong tokens; a valid link still opens
    [token] = make_pending_links(odoo_db, tag="rl")
    assert requests.get(f"{odoo_url}/gift/{token}", timeout=120).status_code == 200
