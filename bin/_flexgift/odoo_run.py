"""Odoo runs: its own CLI (`server`, `db drop`), its log checked with checklog-odoo, and a
prefork test server whose listening socket we hand over."""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from . import LOCAL, ROLE, ROOT, say

# A log record starts with "2026-01-01 00:00:00,000 pid LEVEL db logger: message"
RECORD_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[^:]+): ")
RESULT_RE = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests when loading database"
)
# checklog-odoo fails on every WARNING/ERROR/CRITICAL record not ignored here. Our rule:
# none from our addons (their loggers, or a record that names them, a traceback included).
CHECKLOG_IGNORE = (
    r"\A\S+ \S+ \d+ \w+ \S+ (?![\s\S]*flex[._]gift)",  # date time pid level db, then nothing of ours
    r"addons path is not a directory: __editable__",  # Odoo's own, when Odoo is pip-installed editable
)
# in the test log, a failed test is an ERROR record: it is counted as a failed test already
TEST_OUTCOME_IGNORE = (
    r"\A\S+ \S+ \d+ ERROR \S+ odoo\.addons\.\w+\.tests\.\S+: (FAIL|ERROR): ",
    r"\A\S+ \S+ \d+ \w+ \S+ odoo\.tests\.result: ",
)


def odoo_missing_reason():
    """None when Odoo 19.0 can be imported by this Python, else why not."""
    try:
        from odoo import release  # noqa: PLC0415
    except ImportError as exc:
        return f"`import odoo` failed with this Python ({sys.executable}): {exc}"
    if release.version_info[0] != 19:
        return f"Odoo {release.version} is importable, the suite needs 19.0"
    return None


def odoo_launcher():
    """A two-line script that starts Odoo's CLI (prefork workers re-exec sys.argv[0])."""
    launcher = LOCAL / "odoo-launcher.py"
    if not launcher.exists():
        LOCAL.mkdir(parents=True, exist_ok=True)
        launcher.write_text("import odoo.cli\n\nodoo.cli.main()\n", encoding="utf-8")
    return str(launcher)


def connection_args(host, port):
    return [
        "--config", str(ROOT / "odoo.conf"), "--addons-path", str(ROOT / "addons"),
        "--data-dir", str(LOCAL / "data"), "--db_host", host, "--db_port", str(port), "--db_user", ROLE,
    ]  # fmt: skip


def odoo_command(host, port, *args):
    return [sys.executable, odoo_launcher(), "server", *connection_args(host, port), *args]


def drop_database(host, port, name):
    """Odoo's own `odoo db drop` (the database and its filestore), then the gift-link key of
    that database, which flex_gift_share keeps outside it (see its tools/token.py)."""
    proc = subprocess.run(
        [sys.executable, odoo_launcher(), "db", *connection_args(host, port), "drop", name],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode and "does not exist" not in proc.stdout + proc.stderr:
        say(f"could not drop database {name}:\n{proc.stdout}{proc.stderr}")
    (LOCAL / "data" / "flex_gift_share" / f"{name}.key").unlink(missing_ok=True)


def run_odoo(cmd, logfile, echo):
    """Run Odoo to completion; keep its whole log in `logfile`, echo what matters."""
    logfile.parent.mkdir(parents=True, exist_ok=True)
    with open(logfile, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            encoding="utf-8", errors="replace",
        )  # fmt: skip
        show = False
        for line in proc.stdout:
            log.write(line)
            match = RECORD_RE.match(line)
            if match:
                show = echo(match, line)
            if show:
                sys.stdout.write(line)
        return proc.wait()


def log_records(logfile):
    """Yield (level, logger, text) for each record of an Odoo log, with continuation lines."""
    current = None
    for line in logfile.read_text(encoding="utf-8", errors="replace").splitlines():
        match = RECORD_RE.match(line)
        if match:
            if current:
                yield current
            current = [match["level"], match["logger"], line]
        elif current:
            current[2] += "\n" + line
    if current:
        yield current


def check_log(logfile, extra_ignore=()):
    """None when checklog-odoo finds no WARNING/ERROR record of ours in `logfile`, else its report."""
    ignores = [f"--ignore={regex}" for regex in (*CHECKLOG_IGNORE, *extra_ignore)]
    proc = subprocess.run(
        [sys.executable, "-m", "checklog_odoo", "--no-echo", *ignores, str(logfile)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode == 0:
        return None
    report = proc.stdout + proc.stderr
    # checklog-odoo also lists the records it ignored: show only those that failed the check
    return report[report.find("errors that caused failure") :] if "errors that caused failure" in report else report


def echo_important(match, line):
    return match["level"] in ("WARNING", "ERROR", "CRITICAL") or "odoo.tests" in match["logger"]


def echo_install(match, line):
    return match["level"] in ("WARNING", "ERROR", "CRITICAL") or "modules loaded" in line


def warn_if_no_wkhtmltopdf():
    """One line when Odoo cannot render PDFs here; never a failure (the tests pass without it)."""
    if not shutil.which("wkhtmltopdf"):
        say(
            "wkhtmltopdf is not on PATH: no PDFs (order e-mails go without theirs, PDF tests are skipped); "
            "install it with: apt-get install wkhtmltopdf"
        )


def browser_missing_reason():
    try:
        import websocket  # noqa: F401, PLC0415
    except ImportError:
        return "the websocket-client package is missing (pip install -r requirements-dev.txt)"
    from odoo.tests.common import _find_executable  # noqa: PLC0415

    try:
        _find_executable()
    except Exception as exc:  # noqa: BLE001
        return f"no Chromium found ({exc}); apt-get install chromium"
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_socket(backlog):
    """A listening TCP socket on 127.0.0.1 with the given accept-queue length."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(backlog)
    sock.setblocking(False)  # as Odoo's own socket: its workers race for accept()
    return sock


@contextlib.contextmanager
def odoo_server(host, port, db, logfile, workers=2, backlog=None, extra=()):
    """A prefork Odoo server on `db` (no cron worker). With `backlog`, the listening socket
    is made here and handed over as systemd socket activation does (LISTEN_FDS, fd 3),
    which Odoo supports; otherwise Odoo opens its own, with a backlog of 8 x workers."""
    sock = listening_socket(backlog) if backlog else None
    http_port = sock.getsockname()[1] if sock else free_port()
    cmd = odoo_command(
        host, port, "-d", db, "--db-filter", f"^{db}$", "--http-port", str(http_port),
        "--http-interface", "127.0.0.1", "--workers", str(workers), "--max-cron-threads", "0",
        "--gevent-port", str(free_port()), "--logfile", str(logfile), *extra,
    )  # fmt: skip
    if sock:
        # sd_listen_fds(3): the socket is fd 3 and LISTEN_PID the pid of the exec'ed server
        wrapper = f'exec 3<&{sock.fileno()}; export LISTEN_FDS=1 LISTEN_PID=$$; exec "$@"'
        cmd = ["sh", "-c", wrapper, "sh", *cmd]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, pass_fds=(sock.fileno(),) if sock else ())
    if sock:
        sock.close()  # the server holds it now
    url = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.time() + 120
        while True:
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(url + "/web/health", timeout=5) as resp:
                    if resp.status == 200:
                        break
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"Odoo server did not start, see {logfile}")
            time.sleep(1)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
