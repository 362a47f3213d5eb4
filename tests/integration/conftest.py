import os

import pytest


@pytest.fixture(scope="session")
def odoo_url():
    url = os.environ.get("FLEXGIFT_URL")
    if not url:
        pytest.skip("no running Odoo server (bin/flexgift test starts one and sets FLEXGIFT_URL)")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def odoo_db():
    """A psycopg2 connection to the test database, to look up ids the way a fixture would."""
    psycopg2 = pytest.importorskip("psycopg2")
    conn = psycopg2.connect(
        host=os.environ["FLEXGIFT_DB_HOST"],
        port=os.environ["FLEXGIFT_DB_PORT"],
        user=os.environ["FLEXGIFT_DB_USER"],
        dbname=os.environ["FLEXGIFT_DB"],
    )
    conn.autocommit = True
    yield conn
    conn.close()
