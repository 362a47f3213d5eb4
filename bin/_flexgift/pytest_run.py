"""The pytest part of `bin/flexgift test`, isolated from the pytest plugins installed on the
machine: entry-point autoloading is off (PYTEST_DISABLE_PLUGIN_AUTOLOAD) and only the
plugins the project needs are loaded, by name. A plugin such as pytest-odoo, which sets up
an Odoo registry for every test, would otherwise turn every test of ours into an error."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from . import ROOT

# third-party pytest plugins our tests use, loaded with -p (none: pytest's own are enough)
PLUGINS = ()


def pytest_command(paths, junit):
    plugins = [arg for name in PLUGINS for arg in ("-p", name)]
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugins, f"--junitxml={junit}", *paths]


def pytest_env(extra=None):
    return {**os.environ, **(extra or {}), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}


def run_pytest(paths, junit, env=None, cwd=ROOT):
    """Run pytest; return (passed, failed, skipped) read from its junit report. A run that
    exits non-zero with no failure in its report (a collection or usage error) counts as one
    failure; exit code 5 (nothing collected) is left to the caller's zero-test check."""
    if junit.exists():
        junit.unlink()
    rc = subprocess.call(pytest_command(paths, junit), cwd=cwd, env=pytest_env(env))
    if not junit.exists():
        return 0, 1, 0
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    tests, failures, errors, skipped = (int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
    failed = failures + errors + (1 if rc not in (0, 5) and not (failures + errors) else 0)
    return tests - failures - errors - skipped, failed, skipped
