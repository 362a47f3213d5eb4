"""Shared fixtures for the cross-addon tests.

`tests/unit` needs no Odoo: it loads each addon's pure `tools` package from
its file, without importing the addon (whose __init__ imports Odoo).
`tests/integration` drives the Odoo server started by `bin/flexgift test`
(FLEXGIFT_URL, FLEXGIFT_DB) and is skipped when none runs.
"""

import importlib.util
import sys
from pathlib import Path

ADDONS = Path(__file__).resolve().parent.parent / "addons"


def load_tools(addon):
    """Import addons/<addon>/tools as the top-level package `<addon>_tools`."""
    name = f"{addon}_tools"
    if name in sys.modules:
        return sys.modules[name]
    init = ADDONS / addon / "tools" / "__init__.py"
    spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(init.parent)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
