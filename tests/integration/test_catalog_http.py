"""The catalog's public routes on a real multi-worker Odoo server."""

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import requests


def xmlid_res_id(odoo_db, module, name):
    with odoo_db.cursor() as cr:
        cr.execute("SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s", [module, name])
        row = cr.fetchone()
    assert row, f"{module}.{name} is missing: is demo data installed?"
    return row[0]


def jsonrpc(session, url, params):
    response = session.post(url, json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}, timeout=60)
    response.raise_for_status()
    return response.json()


def first_combination(odoo_db, template_id):
    with odoo_db.cursor() as cr:
        cr.execute(
            "SELECT key, lead_days FROM flex_gift_combination WHERE product_tmpl_id = %s ORDER BY key LIMIT 1",
            [template_id],
        )
        key, lead = cr.fetchone()
    return [int(i) for i in key.split("-")], lead


def test_published_work_page_and_configuration_as_anonymous(odoo_url, odoo_db):
    work_id = xmlid_res_id(odoo_db, "flex_gift_catalog", "product_template_tea_set_demo")
    session = requests.Session()
    page = session.get(f"{odoo_url}/shop/{work_id}", timeout=60)
    assert page.status_code == 200
    assert "o_flex_gift_configurator" in page.text
    ptav_ids, lead = first_combination(odoo_db, work_id)
    answer = jsonrpc(
        session,
        f"{odoo_url}/flex_gift/configuration_info",
        {
            "product_template_id": work_id,
            "ptav_ids": ptav_ids,
            "personalization": {},
        },
    )
    info = answer["result"]
    assert info["available"] is True
    assert info["lead_days"] == lead
    preview = session.get(odoo_url + info["preview_url"], timeout=60)
    assert preview.status_code == 200
    assert preview.headers["Content-Type"] == "image/png"
    assert preview.content.startswith(b"\x89PNG")


def test_draft_work_is_hidden_from_anonymous(odoo_url, odoo_db):
    draft_id = xmlid_res_id(odoo_db, "flex_gift_catalog", "product_template_incense_demo")
    session = requests.Session()
    assert session.get(f"{odoo_url}/shop/{draft_id}", timeout=60).status_code == 404
    answer = jsonrpc(
        session,
        f"{odoo_url}/flex_gift/configuration_info",
        {
            "product_template_id": draft_id,
            "ptav_ids": [],
            "personalization": {},
        },
    )
    assert "error" in answer and "result" not in answer


def test_garbage_is_refused_cleanly(odoo_url, odoo_db):
    work_id = xmlid_res_id(odoo_db, "flex_gift_catalog", "product_template_tea_set_demo")
    session = requests.Session()
    assert session.get(f"{odoo_url}/flex_gift/preview/{'0' * 64}", timeout=60).status_code == 404
    assert session.get(f"{odoo_url}/flex_gift/preview/{'Z' * 64}", timeout=60).status_code == 404
    answer = jsonrpc(
        session,
        f"{odoo_url}/flex_gift/configuration_info",
        {
            "product_template_id": work_id,
            "ptav_ids": ["1; DROP TABLE x", -3],
            "personalization": {"x": 1},
        },
    )
    assert answer["result"]["available"] is False


def components(odoo_db, template_id):
    with odoo_db.cursor() as cr:
        cr.execute(
            "SELECT id, component_type FROM flex_gift_component WHERE product_tmpl_id = %s ORDER BY sequence, id",
            [template_id],
        )
        return cr.fetchall()


def test_identical_first_view_requests_at_once_all_succeed_with_one_preview(odoo_url, odoo_db):
    """A page's first view of a configuration nobody asked for before, 20 times at once
    (two workers serve them): every request succeeds, all with the same preview, which
    is stored once (rendered by one request, found by the others)."""
    work_id = xmlid_res_id(odoo_db, "flex_gift_catalog", "product_template_tea_set_demo")
    with odoo_db.cursor() as cr:
        cr.execute(
            "SELECT key FROM flex_gift_combination WHERE product_tmpl_id = %s ORDER BY random() LIMIT 1", [work_id]
        )
        ptav_ids = [int(i) for i in cr.fetchone()[0].split("-")]
    personalization = {}
    with odoo_db.cursor() as cr:
        for component_id, kind in components(odoo_db, work_id):
            if kind == "text":
                personalization[str(component_id)] = "T" + secrets.token_hex(4)  # never seen before
            elif kind == "choice":
                cr.execute(
                    "SELECT id FROM flex_gift_component_option WHERE component_id = %s ORDER BY sequence, id LIMIT 1",
                    [component_id],
                )
                personalization[str(component_id)] = cr.fetchone()[0]
    params = {"product_template_id": work_id, "ptav_ids": ptav_ids, "personalization": personalization}
    start = threading.Barrier(20)

    def first_view(_index):
        session = requests.Session()
        start.wait()
        response = session.post(
            f"{odoo_url}/flex_gift/configuration_info",
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            timeout=120,
        )
        return response.status_code, response.json()

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(first_view, range(20)))
    errors = [answer for status, answer in answers if status != 200 or "error" in answer]
    assert not errors, errors[:2]
    urls = {answer["result"]["preview_url"] for _status, answer in answers}
    assert len(urls) == 1, urls
    assert all(answer["result"]["available"] and not answer["result"]["error"] for _status, answer in answers)
    url = urls.pop()
    digest = url.split("/flex_gift/preview/", 1)[1].split("/")[0]  # /flex_gift/preview/<digest>/<token>
    with odoo_db.cursor() as cr:
        cr.execute("SELECT count(*) FROM flex_gift_preview WHERE digest = %s", [digest])
        assert cr.fetchone()[0] == 1
    preview = requests.get(f"{odoo_url}{url}", timeout=60)
    assert preview.status_code == 200 and preview.content.startswith(b"\x89PNG")


def test_a_visitor_gets_the_error_without_the_server_traceback(odoo_url, odoo_db):
    draft_id = xmlid_res_id(odoo_db, "flex_gift_catalog", "product_template_incense_demo")
    answer = jsonrpc(requests.Session(), f"{odoo_url}/flex_gift/configuration_info", {"product_template_id": draft_id})
    assert answer["error"]["code"] == 404
    assert not answer["error"]["data"]["debug"]
    assert "Traceback" not in str(answer)
