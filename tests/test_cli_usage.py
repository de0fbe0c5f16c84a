"""Misusing `leganto-qa` exits 1 with one line (2 means new findings); `--report-only` exits 0
whenever the harness worked, and still prints the verdict."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from leganto_qa.cli.main import main
from leganto_qa.cli.verdict import (
    EXIT_HARNESS,
    EXIT_NEW,
    EXIT_OK,
    RunResult,
    conclude,
    report_only_exit_code,
)
from leganto_qa.model.records import Outcome, RunLayout, RunRecord
from tests.conftest import REPO, write_config


def _invoke(*args):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--bogus"], "No such option '--bogus'"),
        (["run", "--sandboxx", "demo"], "Did you mean '--sandbox'?"),
        (["run", "-n", "99"], "Invalid value for '-n'"),
        (["scan", "--bogus"], "No such option '--bogus'"),
        (["login", "demo"], "Missing argument 'ROLE'"),
        (["baseline", "accept"], "Missing argument 'SANDBOX'"),
        (["report", "--kind", "everything"], "'everything' is not one of 'findings'"),
        (["report", "--lang", "de"], "Invalid value for '--lang'"),
        (["evidence", "verify"], "Missing argument 'ZIP'"),
        (["frobnicate"], "No such command 'frobnicate'"),
    ],
)
def test_usage_errors_exit_1_with_one_line(args, message):
    result = _invoke(*args)
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith("leganto-qa: ") and message in line
    assert line.endswith(" --help')")  # says where the help is


def test_a_bare_group_shows_its_help_and_exits_1():
    result = _invoke("baseline")
    assert result.exit_code == 1
    assert "accept" in result.output and "show" in result.output


def test_help_and_version_still_exit_0():
    assert _invoke("--help").exit_code == 0
    assert _invoke("run", "--help").exit_code == 0
    assert "--report-only" in _invoke("run", "--help").output
    assert "--report-only" in _invoke("scan", "--help").output
    assert _invoke("--version").exit_code == 0


def test_a_wrong_flag_exits_1_from_python_m():
    result = subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", "run", "--report-onyl"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "No such option '--report-onyl'" in result.stderr
    assert "'--report-only'?" in result.stderr  # click's suggestion


def test_report_only_is_accepted_and_keeps_harness_faults_at_1(tmp_path):
    config = write_config(tmp_path)
    result = _invoke("run", "--report-only", "--sandbox", "uib", "--config", str(config))
    assert result.exit_code == 1
    assert "unknown sandbox 'uib'" in result.output
    result = _invoke("scan", "--report-only", "--config", str(config))
    assert result.exit_code == 1
    assert "nothing to scan" in result.output


def _record(*outcomes: Outcome, status="complete") -> RunRecord:
    return RunRecord(
        run_id="r",
        status=status,
        sandbox={"id": "demo", "release": "2024-06"},
        versions={},
        command=[],
        started_at="",
        finished_at="",
        outcomes=outcomes,
    )


PASSED = Outcome("t1", "workflows", "passed", 1.0)
FAILED = Outcome("t2", "a11y", "failed", 1.0, "2 new WCAG findings")
INCONCLUSIVE = Outcome("t3", "workflows", "inconclusive", 1.0, "login failed")


@pytest.mark.parametrize(
    ("record", "pytest_code", "verdict", "report_only"),
    [
        (_record(PASSED), 0, EXIT_OK, EXIT_OK),
        (_record(PASSED, FAILED), 1, EXIT_NEW, EXIT_OK),  # new findings: publish, exit 0
        (_record(PASSED, INCONCLUSIVE), 1, EXIT_HARNESS, EXIT_OK),  # sandbox failed mid-run
        (_record(PASSED, status="interrupted"), 2, EXIT_HARNESS, EXIT_HARNESS),
        (_record(PASSED), 3, EXIT_HARNESS, EXIT_HARNESS),  # pytest itself broke
        (None, 4, EXIT_HARNESS, EXIT_HARNESS),  # no run record written
    ],
)
def test_report_only_exits_0_whenever_the_harness_worked(
    tmp_path, record, pytest_code, verdict, report_only
):
    result = RunResult(record, RunLayout(tmp_path), verdict, pytest_code)
    assert report_only_exit_code(result) == report_only


def test_report_only_prints_the_verdict_unchanged_and_says_why_it_exits_0(tmp_path):
    result = RunResult(_record(PASSED, FAILED), RunLayout(tmp_path), EXIT_NEW, 1)
    plain: list[str] = []
    assert conclude(result, plain.append) == EXIT_NEW
    lines: list[str] = []
    assert conclude(result, lines.append, report_only=True) == EXIT_OK
    assert lines[: len(plain)] == plain
    assert lines[len(plain) :] == [
        "--report-only: exit 0 instead of 2 (new regressions or findings); the reports are written"
    ]


class _TinyPage(BaseHTTPRequestHandler):
    BODY = (
        b'<!doctype html><html lang="en"><head><title>Tiny</title></head><body><main>'
        b'<h1>Tiny</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()
        self.wfile.write(self.BODY)

    def log_message(self, *args):
        pass


@pytest.fixture
def tiny_page() -> Iterator[str]:
    """A loopback page with one axe violation (an image without alt text)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _TinyPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/tiny"
    server.shutdown()
    server.server_close()


def _scan(config, url, *flags):
    return subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", "scan", url, "--config", str(config), *flags],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.browser
def test_scan_report_only_exits_0_on_new_findings_where_a_plain_scan_exits_2(tmp_path, tiny_page):
    config = write_config(tmp_path)
    plain = _scan(config, tiny_page)
    assert plain.returncode == 2, plain.stdout[-2000:] + plain.stderr[-2000:]
    assert "image-alt" in plain.stdout
    report_only = _scan(config, tiny_page, "--report-only")
    assert report_only.returncode == 0, report_only.stdout[-2000:] + report_only.stderr[-2000:]
    assert "image-alt" in report_only.stdout
    assert "--report-only: exit 0 instead of 2" in report_only.stdout
    runs = sorted((tmp_path / "reports" / "runs" / "scan").glob("*"))
    assert len(runs) == 2
    for run in runs:
        assert (run / "record.json").exists() and (run / "findings.html").exists()
