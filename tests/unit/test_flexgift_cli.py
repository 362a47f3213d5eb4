"""bin/flexgift's own parts that need no Odoo: its pytest run is isolated from the pytest
plugins installed on the machine, still fails on a failing test, and its log check
(checklog-odoo) fails on a WARNING/ERROR record of ours and only on those."""

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BIN = Path(__file__).resolve().parent.parent.parent / "bin"


def _load(name):
    """bin/_flexgift/<name>.py, imported as the bin/flexgift command imports it."""
    if "_flexgift" not in sys.modules:
        init = BIN / "_flexgift" / "__init__.py"
        spec = importlib.util.spec_from_file_location("_flexgift", init, submodule_search_locations=[str(init.parent)])
        package = importlib.util.module_from_spec(spec)
        sys.modules["_flexgift"] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"_flexgift.{name}")


@pytest.fixture
def foreign_plugin(tmp_path):
    """A pytest plugin 'installed' on the machine: a dist-info with a pytest11 entry point on
    PYTHONPATH, which, like pytest-odoo without a database, errors every test it sees."""
    site = tmp_path / "site"
    dist = site / "foreign_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: foreign-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[pytest11]\nforeign = foreign_plugin\n")
    (site / "foreign_plugin.py").write_text(
        textwrap.dedent(
            """
            from pathlib import Path

            import pytest

            def pytest_configure(config):
                (Path(__file__).parent / "loaded").touch()

            @pytest.fixture(autouse=True)
            def foreign_setup():
                raise RuntimeError("foreign plugin loaded")
            """
        )
    )
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_ok.py").write_text("def test_ok():\n    assert True\n")
    (project / "test_ko.py").write_text("def test_ko():\n    assert False\n")
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))}
    return env, project, site / "loaded"


def test_foreign_plugin_is_really_loaded_by_a_plain_pytest(foreign_plugin):
    """The control: without the isolation, the plugin breaks the run (else the next test proves nothing)."""
    env, project, loaded = foreign_plugin
    env = {**os.environ, **env}
    env.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)  # set when this file runs under bin/flexgift
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_ok.py"],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert loaded.exists()
    assert proc.returncode != 0


def test_the_command_pytest_run_ignores_foreign_plugins(foreign_plugin, tmp_path):
    env, project, loaded = foreign_plugin
    passed, failed, skipped = _load("pytest_run").run_pytest(["test_ok.py"], tmp_path / "ok.xml", env=env, cwd=project)
    assert (passed, failed, skipped) == (1, 0, 0)
    assert not loaded.exists()


def test_the_command_pytest_run_still_fails_on_a_failing_test(foreign_plugin, tmp_path):
    env, project, loaded = foreign_plugin
    result = _load("pytest_run").run_pytest(["test_ok.py", "test_ko.py"], tmp_path / "ko.xml", env=env, cwd=project)
    assert result == (1, 1, 0)
    assert not loaded.exists()


def test_the_command_pytest_run_counts_a_collection_error_as_a_failure(tmp_path):
    (tmp_path / "test_broken.py").write_text("import no_such_module_here\n")
    passed, failed, _skipped = _load("pytest_run").run_pytest(["test_broken.py"], tmp_path / "b.xml", cwd=tmp_path)
    assert passed == 0 and failed >= 1


RECORD = "2026-01-01 10:00:00,000 42 {level} flexgift_test_1 {logger}: {message}\n"


@pytest.mark.parametrize(
    ("records", "fails"),
    [
        ([("INFO", "odoo.modules.loading", "loading flex_gift_catalog")], False),
        ([("WARNING", "odoo.addons.flex_gift_catalog.models.x", "something odd")], True),
        ([("ERROR", "odoo.sql_db", "bad query\nTraceback\n  File 'addons/flex_gift_share/x.py'")], True),
        ([("WARNING", "odoo.addons.mail.models.y", "not ours")], False),
        ([("WARNING", "odoo.modules.module", "addons path is not a directory: __editable__.odoo-19.0.finder")], False),
    ],
)
def test_log_check_fails_on_our_warnings_and_errors_only(tmp_path, records, fails):
    log = tmp_path / "odoo.log"
    log.write_text("".join(RECORD.format(level=lv, logger=lg, message=m) for lv, lg, m in records))
    report = _load("odoo_run").check_log(log)
    assert bool(report) is fails
    if fails:
        assert "flex_gift" in report


def test_log_check_leaves_failed_tests_to_the_test_count(tmp_path):
    odoo_run = _load("odoo_run")
    log = tmp_path / "odoo-tests.log"
    log.write_text(
        RECORD.format(level="ERROR", logger="odoo.addons.flex_gift_share.tests.test_x", message="FAIL: T.test_y")
        + RECORD.format(level="ERROR", logger="odoo.tests.result", message="1 failed, 0 error(s) of 3 tests")
    )
    assert odoo_run.check_log(log, odoo_run.TEST_OUTCOME_IGNORE) is None
    assert odoo_run.check_log(log)  # the same records fail an install log


def test_log_check_fails_on_an_empty_log(tmp_path):
    log = tmp_path / "empty.log"
    log.write_text("")
    assert _load("odoo_run").check_log(log)
