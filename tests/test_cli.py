"""The `leganto-qa` command: one-line errors with exit code 1, nothing written on bad input."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from click.testing import CliRunner

from leganto_qa.cli.main import main
from leganto_qa.cli.run_command import RunRequest, pytest_command
from leganto_qa.cli.verdict import EXIT_HARNESS, EXIT_NEW, EXIT_OK, exit_code_for
from leganto_qa.model.records import Outcome, RunRecord
from leganto_qa.pytest_plugin.plugin_options import deprecated_aliases_used
from tests.conftest import write_config

REMOTE = """
[sandbox.far]
kind = "remote"
base_url = "http://127.0.0.1:9"
institution = "47BIBSYS_UBO"
release = "2024-06"
locales = ["nb"]
[sandbox.far.targets]
list = "1"
citation = "2"
[sandbox.far.roles.student]
login = "storage-state"
"""


def _invoke(*args):
    return CliRunner().invoke(main, list(args))


def _one_line_error(result, *fragments):
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


def test_config_check_reports_each_sandbox(tmp_path):
    config = write_config(tmp_path)
    result = _invoke("config", "check", "--config", str(config))
    assert result.exit_code == 0
    assert "demo: 47BIBSYS_DEMO, release 2024-06" in result.output
    assert "role student: local login as ola.student" in result.output


def test_broken_config_is_one_line_naming_file_and_line(tmp_path):
    config = write_config(tmp_path, "[sandbox.demo\nkind = 'stand-in'\n")
    _one_line_error(_invoke("config", "check", "--config", str(config)), "sandboxes.toml", "line 1")


def test_unknown_sandbox_lists_the_known_ones(tmp_path):
    config = write_config(tmp_path)
    result = _invoke("run", "--sandbox", "uib", "--config", str(config))
    _one_line_error(result, "unknown sandbox 'uib'", "known: demo")
    assert not (tmp_path / "reports" / "runs").exists()


def test_unknown_stand_in_release_names_the_available_ones(tmp_path):
    config = write_config(tmp_path)
    result = _invoke("run", "--release", "1999-01", "--config", str(config))
    _one_line_error(result, "no release '1999-01'", "2024-05", "2024-06")


def test_unreachable_sandbox_is_reported_before_any_browser_starts(tmp_path):
    config = write_config(tmp_path, REMOTE)
    result = _invoke("run", "--sandbox", "far", "--config", str(config))
    _one_line_error(result, "sandbox 'far'", "unreachable", "base_url")


class _QuietHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_missing_recorded_login_says_how_to_record_it(tmp_path):
    server = HTTPServer(("127.0.0.1", 0), _QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        text = REMOTE.replace("http://127.0.0.1:9", f"http://127.0.0.1:{server.server_port}")
        result = _invoke("run", "--sandbox", "far", "--config", str(write_config(tmp_path, text)))
    finally:
        server.shutdown()
        server.server_close()
    _one_line_error(result, "no recorded login for role 'student'", "leganto-qa login far student")


def test_login_refuses_the_stand_in(tmp_path):
    result = _invoke("login", "demo", "student", "--config", str(write_config(tmp_path)))
    _one_line_error(result, "stand-in", "storage-state")


def test_exit_codes_follow_the_contract():
    def record(*outcomes, status="complete"):
        return RunRecord(
            run_id="r",
            status=status,
            sandbox={},
            versions={},
            command=[],
            started_at="",
            finished_at="",
            outcomes=tuple(outcomes),
        )

    passed = Outcome("t1", "workflows", "passed", 1.0)
    failed = Outcome("t2", "a11y", "failed", 1.0, "2 new WCAG findings")
    inconclusive = Outcome("t3", "workflows", "inconclusive", 1.0, "login failed")
    assert exit_code_for(record(passed), 0) == EXIT_OK
    assert exit_code_for(record(passed, failed), 1) == EXIT_NEW
    assert exit_code_for(record(passed, failed, inconclusive), 1) == EXIT_HARNESS
    assert exit_code_for(record(passed, status="interrupted"), 2) == EXIT_HARNESS
    assert exit_code_for(record(passed), 4) == EXIT_HARNESS


def test_run_passes_its_options_to_pytest(tmp_path):
    request = RunRequest(
        config_path=tmp_path / "s.toml",
        sandbox="demo",
        suites=("a11y",),
        release="2024-05",
        locales=("nb", "se"),
        workers=2,
        axe_only=True,
    )
    command = pytest_command(request, "RID")
    joined = " ".join(command)
    assert "suites/a11y" in joined and "suites/workflows" not in joined
    for fragment in (
        "--leganto-sandbox demo",
        "--leganto-run-id RID",
        "--leganto-release 2024-05",
        "--leganto-locale nb",
        "--leganto-locale se",
        "-n 2",
        "--leganto-axe-only",
    ):
        assert fragment in joined
    assert not deprecated_aliases_used(command), "leganto-qa run uses the deprecated names"
