"""The pieces of bin/flexgift that no tool provides: where things live, the embedded
PostgreSQL, the Odoo runs and their logs, the test server's socket, the isolated pytest run."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LOCAL = ROOT / ".local"
LOGS = LOCAL / "logs"
ROLE = os.environ.get("FLEXGIFT_DB_ROLE", "flexgift")
DEMO_DB = os.environ.get("FLEXGIFT_DEMO_DB", "flexgift_demo")


def say(*parts):
    print("[flexgift]", *parts, flush=True)


def our_addons():
    return sorted(p.name for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").is_file())
