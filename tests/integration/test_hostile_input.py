"""Hostile values sent to every public and portal route of the suite, on the real
multi-worker server: never an answer 5xx, never a traceback or a server path in the body.

The values: empty, huge, NUL and other control characters, escape sequences, bidi overrides,
digits Python reads but PostgreSQL cannot hold, wrong JSON types, arrays instead of strings,
ids of records of other users. Gift tokens sent here are never well-formed ones, so the
wrong-token rate limit of this address (shared with the other tests) is not touched.
"""

import re

import pytest
import requests

from tests.integration.test_concurrent_claims import belgium_id, claim_form, make_pending_links

HOSTILE_TEXT = [
    "",
    " ",
    "x" * 20000,
    "a\x00b",
    "\x00",
    "\x1b[2J\x1b[31mred",
    "\u202egnp.exe\u202c",
    "\u2066iso\u2069",
    "\r\n\t\x0b\x0c",
    "\x7f\x85\x9f",
    "²",
    "9" * 5000,
    "-1",
    "0",
    "2147483648",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
]
HOSTILE_JSON = [*HOSTILE_TEXT, None, True, -1, 2**63, 1.5, [], ["a", "b"], [1, 2], {}, {"a": "b"}, {"0": [1]}]
# path segments: none is a well-formed token, digest or id
HOSTILE_SEGMENTS = ["%00", "a%00b", "%1b%5b31m", "%E2%80%AE", "..%2F..%2Fetc", "x" * 3000, "%25", "%C2%B2", "9" * 5000]
LEAKS = re.compile(r"Traceback|File \"|site-packages|/odoo/|psycopg2|\.py\b")


def assert_sound(response, what):
    assert response.status_code < 500, (response.status_code, what, response.text[:300])
    assert not LEAKS.search(response.text), (what, LEAKS.search(response.text).group(0), response.text[:300])


def jsonrpc(session, url, params):
    response = session.post(url, json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}, timeout=60)
    assert_sound(response, f"{url} {params!r:.200}")
    answer = response.json()
    assert not ((answer.get("error") or {}).get("data") or {}).get("debug"), "no traceback"
    return answer


def csrf_of(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def fetch_one(odoo_db, query, params=()):
    with odoo_db.cursor() as cr:
        cr.execute(query, params)
        row = cr.fetchone()
    assert row, query
    return row[0]


def test_gift_routes(odoo_url, odoo_db):
    tokens = make_pending_links(odoo_db, 3, tag="hostile")
    country_id = belgium_id(odoo_db)
    session = requests.Session()
    page = session.get(f"{odoo_url}/gift/{tokens[0]}", timeout=60)
    assert page.status_code == 200
    csrf = csrf_of(page.text)
    for segment in HOSTILE_SEGMENTS:
        for url in (f"/gift/{segment}", f"/gift/{segment}/check", f"/gift/{segment}/claim"):
            assert_sound(session.get(odoo_url + url, timeout=60), url[:80])
    # one link whose claims are all refused (no delivery date), whatever the other fields hold
    url = f"{odoo_url}/gift/{tokens[0]}/claim"
    for field in ("name", "phone", "street", "street2", "city", "zip", "country_id", "state_id", "combination_id"):
        for value in [*HOSTILE_TEXT, ["a", "b"]]:
            form = dict(claim_form(csrf, country_id), delivery_date="", **{field: value})
            response = session.post(url, data=form, timeout=60)
            assert_sound(response, f"{field}={value!r:.60}")
            assert response.status_code == 400, (field, value[:60], response.status_code)
    for value in [*HOSTILE_TEXT, ["a", "b"]]:
        response = session.post(url, data=dict(claim_form(csrf, country_id), delivery_date=value), timeout=60)
        assert_sound(response, f"delivery_date={value!r:.60}")
    check = f"{odoo_url}/gift/{tokens[1]}/check"
    for value in HOSTILE_JSON:
        assert "result" in jsonrpc(session, check, {"form": value})
        for field in ("name", "phone", "zip", "country_id", "state_id", "delivery_date", "combination_id"):
            assert "result" in jsonrpc(session, check, {"form": {field: value}})
    # a name with control characters and bidi overrides is stored cleaned
    form = dict(claim_form(csrf, country_id), name="\u202eWang\x00 \x1b[31mLi\u202c")
    response = session.post(f"{odoo_url}/gift/{tokens[2]}/claim", data=form, timeout=60)
    assert response.status_code == 200, response.status_code
    with odoo_db.cursor() as cr:
        cr.execute(
            """SELECT p.name FROM flex_gift_link k JOIN res_partner p ON p.id = k.recipient_partner_id
                WHERE k.order_id = (SELECT order_id FROM flex_gift_link WHERE state = 'claimed'
                                     AND name LIKE 'GIFT-hostile-%%' ORDER BY id DESC LIMIT 1)"""
        )
        assert cr.fetchone()[0] == "Wang Li"


def test_shop_and_catalog_routes(odoo_url, odoo_db):
    session = requests.Session()
    # no cart yet: a clear answer, nothing else
    for value in HOSTILE_JSON:
        jsonrpc(session, f"{odoo_url}/shop/flex_gift/update", {"is_gift": True, "sender_name": value})
    product_id, template_id = fetch_one(
        odoo_db,
        """SELECT ARRAY[p.id, t.id] FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
                WHERE t.is_published AND t.sale_ok AND t.type = 'consu' AND t.is_library_work IS NOT TRUE AND p.active
                ORDER BY t.id LIMIT 1""",
    )
    jsonrpc(
        session,
        f"{odoo_url}/shop/cart/add",
        {"product_template_id": template_id, "product_id": product_id, "quantity": 1},
    )
    csrf = csrf_of(session.get(f"{odoo_url}/shop/cart", timeout=60).text)
    for value in HOSTILE_JSON:
        for field in ("is_gift", "sender_name", "message", "allow_swap"):
            params = dict({"is_gift": True, "sender_name": "Li", "message": "Hi"}, **{field: value})
            assert "result" in jsonrpc(session, f"{odoo_url}/shop/flex_gift/update", params)
    for value in [*HOSTILE_TEXT, ["a", "b"]]:
        for field in ("sender_name", "message"):
            data = {"is_gift": "1", "sender_name": "Li", "message": "Hi", "csrf_token": csrf, field: value}
            assert_sound(session.post(f"{odoo_url}/shop/flex_gift/set", data=data, timeout=60), field)
    work_id = fetch_one(
        odoo_db,
        "SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s",
        ["flex_gift_catalog", "product_template_tea_set_demo"],
    )
    key = fetch_one(odoo_db, "SELECT key FROM flex_gift_combination WHERE product_tmpl_id = %s LIMIT 1", [work_id])
    ptav_ids = [int(i) for i in key.split("-")]
    for value in HOSTILE_JSON:
        for params in (
            {"product_template_id": value, "ptav_ids": ptav_ids, "personalization": {}},
            {"product_template_id": work_id, "ptav_ids": value, "personalization": {}},
            {"product_template_id": work_id, "ptav_ids": ptav_ids, "personalization": value},
            {"product_template_id": work_id, "ptav_ids": [value], "personalization": {"1": value}},
        ):
            jsonrpc(session, f"{odoo_url}/flex_gift/configuration_info", params)
        jsonrpc(
            session,
            f"{odoo_url}/website_sale/get_combination_info",
            {
                "product_template_id": work_id,
                "product_id": False,
                "combination": ptav_ids,
                "add_qty": 1,
                "flex_gift_personalization": value,
            },
        )
    for segment in HOSTILE_SEGMENTS:
        for url in (f"/flex_gift/preview/{segment}", f"/flex_gift/preview/{'0' * 64}/{segment}"):
            response = session.get(odoo_url + url, timeout=60)
            assert_sound(response, url[:80])
            assert response.status_code in (400, 404), (url[:80], response.status_code)


@pytest.fixture
def portal_session(odoo_url):
    session = requests.Session()
    page = session.get(f"{odoo_url}/web/login", timeout=60)
    response = session.post(
        f"{odoo_url}/web/login",
        data={"login": "portal", "password": "portal", "csrf_token": csrf_of(page.text), "redirect": "/my"},
        timeout=60,
    )
    assert response.status_code == 200 and "/web/login" not in response.url, "demo portal user portal/portal"
    return session


def test_handmade_portal_routes(odoo_url, odoo_db, portal_session):
    session = portal_session
    csrf = csrf_of(session.get(f"{odoo_url}/my/account", timeout=60).text)
    # ids of records of other users: another partner's sale order, the admin, a handmade order if any
    others = [
        fetch_one(odoo_db, "SELECT coalesce(max(id), 1) FROM flex_gift_handmade_order"),
        fetch_one(odoo_db, "SELECT max(id) FROM sale_order"),
        "2",
    ]
    for path in ("/my/handmade", "/my/handmade/payouts"):
        assert_sound(session.get(odoo_url + path, timeout=60), path)
    for value in ["99999", "2147483648", "9" * 30, *others]:
        for path in (f"/my/handmade/page/{value}", f"/my/handmade/{value}"):
            response = session.get(odoo_url + path, timeout=60)
            assert_sound(response, path[:80])
    for segment in HOSTILE_SEGMENTS:
        assert_sound(session.get(f"{odoo_url}/my/handmade/{segment}", timeout=60), segment[:40])
    for order_id in others:
        for action in ("accept", "reject", "ship", "cancel", "unlink", "a%00", "x" * 300):
            for value in [*HOSTILE_TEXT, ["a", "b"]]:
                data = {"csrf_token": csrf, "expected_state": value, "reason": value, "carrier": value}
                response = session.post(f"{odoo_url}/my/handmade/{order_id}/{action}", data=data, timeout=60)
                assert_sound(response, f"{order_id}/{action[:20]} {value!r:.40}")
                assert response.status_code in (400, 403, 404), response.status_code
    for report_type in ["pdf", "html", "text", "xlsx", "a\x00", "../../x", ["pdf", "html"]]:
        response = session.get(
            f"{odoo_url}/my/handmade/payouts/statement", params={"report_type": report_type}, timeout=60
        )
        assert_sound(response, report_type)
