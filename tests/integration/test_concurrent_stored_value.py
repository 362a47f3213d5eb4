"""One member's stored value spent at two alliance venues at the same moment, on a real
multi-worker server: never more than the balance.

The demo's West Lake Alliance (Harbour Gifts, Lakeside Studio) sells a 25.00 service at
Harbour and a 30.00 one at Lakeside; with the 10 % member discount, 40.00 of stored value
pays either in full, not both. The fixture (made straight in the test database, as the
claim tests do) gives the demo portal user both venues' companies and a card of 40.00 held
by Harbour, and names the two venues' websites. Each venue's cart is then filled and paid
with the stored value through the shop's own pages, in a session of its own, and both are
confirmed at once (`/shop/payment/validate`, which confirms a cart of amount 0).
"""

import re
import secrets
import threading

import requests

HOSTS = {"venue_harbour_demo": "harbour.race.localhost", "venue_lakeside_demo": "lakeside.race.localhost"}
PRODUCTS = {
    "venue_harbour_demo": "product_template_harbour_engraving_demo",
    "venue_lakeside_demo": "product_template_lakeside_teapot_demo",
}


def _xmlid(cr, name):
    cr.execute("SELECT res_id FROM ir_model_data WHERE module = 'flex_gift_venue' AND name = %s", [name])
    return cr.fetchone()[0]


def prepare(conn, balance=40.0):
    """Set the fixture up; returns {venue xml id: (venue id, product template id, variant id)},
    the member's partner id and card id."""
    with conn.cursor() as cr:
        cr.execute("SELECT id, partner_id FROM res_users WHERE login = 'portal'")
        user_id, partner_id = cr.fetchone()
        venues = {}
        for name, host in HOSTS.items():
            venue_id = _xmlid(cr, name)
            cr.execute("SELECT company_id, website_id, alliance_id FROM flex_gift_venue WHERE id = %s", [venue_id])
            company_id, website_id, alliance_id = cr.fetchone()
            cr.execute("UPDATE website SET domain = %s WHERE id = %s", [f"http://{host}", website_id])
            cr.execute(
                "INSERT INTO res_company_users_rel (cid, user_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                [company_id, user_id],
            )
            template_id = _xmlid(cr, PRODUCTS[name])
            cr.execute("SELECT id FROM product_product WHERE product_tmpl_id = %s", [template_id])
            venues[name] = (venue_id, template_id, cr.fetchone()[0], company_id)
        cr.execute("SELECT program_id FROM flex_gift_alliance WHERE id = %s", [alliance_id])
        program_id = cr.fetchone()[0]
        # the member's card (a rerun on a kept database reuses it, its movements reset)
        cr.execute("SELECT id FROM loyalty_card WHERE partner_id = %s AND program_id = %s", [partner_id, program_id])
        row = cr.fetchone()
        if row:
            card_id = row[0]
            cr.execute("UPDATE loyalty_card SET points = %s, active = true WHERE id = %s", [balance, card_id])
            cr.execute("DELETE FROM flex_gift_alliance_entry WHERE card_id = %s", [card_id])
            cr.execute(
                "UPDATE sale_order SET state = 'cancel' WHERE partner_id = %s AND state IN ('draft', 'sent')",
                [partner_id],
            )
        else:
            cr.execute(
                """INSERT INTO loyalty_card (program_id, partner_id, points, code, active, create_uid, write_uid,
                                             create_date, write_date)
                   VALUES (%s, %s, %s, %s, true, 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
                   RETURNING id""",
                [program_id, partner_id, balance, f"race-{secrets.token_hex(8)}"],
            )
            card_id = cr.fetchone()[0]
        harbour_id, _t, _p, harbour_company = venues["venue_harbour_demo"]
        cr.execute(
            """INSERT INTO flex_gift_alliance_entry (alliance_id, card_id, partner_id, kind, venue_id, holder_venue_id,
                    company_id, holder_company_id, amount, date, to_book, create_uid, write_uid, create_date,
                    write_date)
               VALUES (%s, %s, %s, 'topup', %s, %s, %s, %s, %s, current_date, false, 1, 1,
                       now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')""",
            [alliance_id, card_id, partner_id, harbour_id, harbour_id, harbour_company, harbour_company, balance],
        )
    return venues, partner_id, card_id


def csrf_of(text):
    return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)


def shop_session(url, host, template_id, product_id):
    """A logged-in session on ``host``'s shop whose cart holds the product, paid with the
    member's stored value (the cart's "Use"); returns the session and the cart's total."""
    session = requests.Session()
    headers = {"Host": host}
    page = session.get(f"{url}/web/login", headers=headers, timeout=60)
    login = session.post(
        f"{url}/web/login",
        data={"login": "portal", "password": "portal", "csrf_token": csrf_of(page.text), "redirect": "/shop"},
        headers=headers,
        timeout=60,
        allow_redirects=False,
    )
    assert login.status_code in (302, 303), login.status_code
    added = session.post(
        f"{url}/shop/cart/add",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "id": 0,
            "params": {"product_template_id": template_id, "product_id": product_id, "quantity": 1},
        },
        headers=headers,
        timeout=60,
    ).json()
    assert "error" not in added, added
    cart = session.get(f"{url}/shop/cart", headers=headers, timeout=60)
    form = re.search(r'<form[^>]*name="claim_reward"[^>]*>.*?</form>', cart.text, re.S)
    assert form, "the stored value is offered in the cart"
    fields = dict(re.findall(r'name="(csrf_token|reward_id|code)" value="([^"]*)"', form.group(0)))
    used = session.post(f"{url}/shop/claimreward", data=fields, headers=headers, timeout=60, allow_redirects=False)
    assert used.status_code in (302, 303), used.status_code
    return session, headers


def test_one_balance_two_venues_at_once_never_overspends(odoo_url, odoo_db):
    venues, partner_id, card_id = prepare(odoo_db)
    with odoo_db.cursor() as cr:
        cr.execute("SELECT coalesce(max(id), 0) FROM sale_order")
        (first_order,) = cr.fetchone()
    sessions = [
        shop_session(odoo_url, HOSTS[name], template_id, product_id)
        for name, (_venue, template_id, product_id, _company) in venues.items()
    ]
    barrier = threading.Barrier(len(sessions))
    results = [None] * len(sessions)

    def confirm(index):
        session, headers = sessions[index]
        session.close()
        barrier.wait()
        try:
            results[index] = session.get(
                f"{odoo_url}/shop/payment/validate", headers=headers, timeout=180, allow_redirects=False
            )
        except requests.RequestException as error:
            results[index] = error

    threads = [threading.Thread(target=confirm, args=(i,)) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(r, requests.Response) and r.status_code < 500 for r in results), results

    companies = [company for _v, _t, _p, company in venues.values()]
    with odoo_db.cursor() as cr:
        cr.execute("SELECT points FROM loyalty_card WHERE id = %s", [card_id])
        (points,) = cr.fetchone()
        cr.execute(
            """SELECT o.state, count(*) FROM sale_order o
                WHERE o.id > %s AND o.partner_id = %s AND o.company_id = ANY(%s)
                  AND EXISTS (SELECT 1 FROM sale_order_line l WHERE l.order_id = o.id AND l.coupon_id = %s)
                GROUP BY o.state""",
            [first_order, partner_id, companies, card_id],
        )
        states = dict(cr.fetchall())
        cr.execute(
            "SELECT coalesce(sum(amount), 0) FROM flex_gift_alliance_entry WHERE card_id = %s AND kind = 'spend'",
            [card_id],
        )
        (spent,) = cr.fetchone()
    assert points >= 0, points
    assert states.get("sale") == 1, states  # one checkout paid in full with stored value, the other not
    assert abs(float(spent) + points - 40.0) < 0.005, (spent, points)  # each payment counted once
