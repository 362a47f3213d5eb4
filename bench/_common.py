"""What the benchmark scripts share: bin/flexgift as a module (database server, demo
database, Odoo servers), an Odoo registry on a database, the integration-test helpers."""

import importlib.machinery
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_flexgift():
    """bin/flexgift as a module."""
    loader = importlib.machinery.SourceFileLoader("flexgift_cli", str(ROOT / "bin" / "flexgift"))
    spec = importlib.util.spec_from_loader("flexgift_cli", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def open_registry(cli, db, host, port):
    """The Odoo registry of `db` on the PostgreSQL server at host:port, with our addons."""
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config["db_host"], config["db_port"], config["db_user"] = host, port, cli.ROLE
    config["addons_path"] = [str(ROOT / "addons")]
    config["data_dir"] = str(cli.LOCAL / "data")
    odoo.modules.module.initialize_sys_path()
    return Registry(db)


def load_claim_helpers():
    """tests/integration/test_concurrent_claims.py: gift links made in the database, claim forms."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # it imports tests.conftest
    path = ROOT / "tests" / "integration" / "test_concurrent_claims.py"
    spec = importlib.util.spec_from_file_location("flex_gift_share_claims", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
