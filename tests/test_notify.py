"""Notifications: ``[notify] webhook_env`` posts ``{"text": ...}`` to a real loopback webhook
only when a sandbox's verdict changes; a failing webhook is one warning line; the webhook's URL
(a secret) appears in no output and no file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from leganto_qa.cli.notification import VERDICT_FILE, notify_on_change, post, pytest_environ
from leganto_qa.cli.verdict import EXIT_HARNESS, EXIT_NEW, EXIT_OK, RunResult
from leganto_qa.config.describe import check_config
from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.errors import ConfigError
from leganto_qa.model.records import Outcome, RunLayout, RunRecord
from tests.conftest import REPO, write_config
from tests.fault_server import free_port, serving

SECRET_PATH = "/hooks/T0SECRET/B0SECRET/xoxb-never-print-this-7391"
LEGANTO_QA = (sys.executable, "-m", "leganto_qa.cli")
NOTIFY = '\n[notify]\nwebhook_env = "LEGANTO_QA_WEBHOOK_URL"\n'


class _Hook(BaseHTTPRequestHandler):
    server: WebhookServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.posts.append((self.path, json.loads(body)))
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


class WebhookServer(ThreadingHTTPServer):
    """An incoming webhook on loopback: keeps every post; answers ``statuses`` in turn, then 200."""

    daemon_threads = True

    def __init__(self, statuses: list[int] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Hook)
        self.posts: list[tuple[str, dict]] = []
        self.statuses = list(statuses or [])
        self.stop = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}{SECRET_PATH}"


def _config(tmp_path: Path, extra: str = NOTIFY) -> Path:
    return write_config(tmp_path, (REPO / "sandboxes.toml").read_text() + extra)


def _result(tmp_path: Path, exit_code: int, run_id: str) -> RunResult:
    outcome = {
        EXIT_OK: Outcome("t1", "api", "passed", 1.0),
        EXIT_NEW: Outcome("t2", "workflows", "failed", 1.0, "the list did not open"),
        EXIT_HARNESS: Outcome("t3", "workflows", "inconclusive", 1.0, "login failed"),
    }[exit_code]
    record = RunRecord(
        run_id=run_id,
        status="complete",
        sandbox={"id": "demo", "release": "2024-06"},
        versions={},
        command=[],
        started_at="",
        finished_at="",
        outcomes=(outcome,),
    )
    layout = RunLayout.for_run(tmp_path / "reports", "demo", run_id)
    return RunResult(record, layout, exit_code, 1 if exit_code else 0)


# ------------------------------------------------------------------------------- config


def test_notify_table_is_read(tmp_path):
    extra = NOTIFY + 'report_url = "https://qa.example.edu/leganto-qa/"\n'
    notify = load_config(_config(tmp_path, extra)).notify
    assert notify is not None
    assert notify.webhook_env == "LEGANTO_QA_WEBHOOK_URL"
    assert notify.report_base({}) == "https://qa.example.edu/leganto-qa"
    assert load_config(write_config(tmp_path / "plain")).notify is None


def test_report_url_env_wins_when_set(tmp_path):
    extra = NOTIFY + 'report_url = "https://qa.example.edu"\nreport_url_env = "CI_PAGES_URL"\n'
    notify = load_config(_config(tmp_path, extra)).notify
    assert notify is not None
    assert notify.report_base({"CI_PAGES_URL": "https://g.example/qa/"}) == "https://g.example/qa"
    assert notify.report_base({"CI_PAGES_URL": " "}) == "https://qa.example.edu"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            NOTIFY + "webhook_envv = 'X'\n",
            "sandboxes.toml: [notify] unknown key 'webhook_envv'; did you mean 'webhook_env'?",
        ),
        (
            f'\n[notify]\nwebhook_url = "https://hooks.example.com{SECRET_PATH}"\n',
            "sandboxes.toml: [notify] webhook_url: a literal webhook URL is not allowed in the "
            'file; set webhook_env = "SOME_ENV_VAR" and export SOME_ENV_VAR instead',
        ),
        (
            f'\n[notify]\nwebhook_env = "https://hooks.example.com{SECRET_PATH}"\n',
            "sandboxes.toml: [notify] webhook_env must name an environment variable (letters, "
            "digits, '_'), not hold a secret; write webhook_env = \"LEGANTO_QA_...\" and export "
            "that variable",
        ),
        (
            '\n[notify]\nreport_url = "https://qa.example.edu"\n',
            "sandboxes.toml: [notify] missing required key 'webhook_env'; add webhook_env = "
            '"LEGANTO_QA_WEBHOOK_URL" and export that variable with the incoming webhook\'s URL',
        ),
        (
            NOTIFY + 'report_url = "ftp://qa.example.edu"\n',
            "sandboxes.toml: [notify] report_url is not an http(s) URL; write it like "
            'report_url = "https://qa.example.edu/leganto-qa"',
        ),
    ],
)
def test_notify_table_errors_are_one_line_and_never_repeat_the_url(tmp_path, extra, message):
    with pytest.raises(ConfigError) as caught:
        load_config(_config(tmp_path, extra))
    assert str(caught.value) == message
    assert "SECRET" not in str(caught.value)


def test_config_check_names_the_variable_never_the_url(tmp_path):
    config = _config(tmp_path)
    unset = check_config(config, {}).lines
    assert (
        "notify: a changed verdict is posted to the webhook in $LEGANTO_QA_WEBHOOK_URL "
        "(not set: no notification is sent)"
    ) in unset
    lines = check_config(config, {"LEGANTO_QA_WEBHOOK_URL": f"https://h.example{SECRET_PATH}"})
    assert "SECRET" not in "\n".join(lines.lines)
    assert any(line.endswith("$LEGANTO_QA_WEBHOOK_URL (set)") for line in lines.lines)


# ------------------------------------------------------------------------------- posting


def test_posts_only_when_the_verdict_changes(tmp_path):
    harness = load_config(_config(tmp_path, NOTIFY + 'report_url = "https://qa.example.edu/"\n'))
    with serving(WebhookServer()) as hook:
        environ = {"LEGANTO_QA_WEBHOOK_URL": hook.url}
        lines: list[str] = []

        def run(code: int, run_id: str) -> bool:
            result = _result(tmp_path, code, run_id)
            return notify_on_change(harness, "demo", result, lines.append, environ)

        assert not run(EXIT_OK, "r1")  # the first run only records its verdict
        assert not run(EXIT_OK, "r2")
        assert run(EXIT_NEW, "r3")
        assert not run(EXIT_NEW, "r4")
        assert run(EXIT_OK, "r5")
        assert hook.posts[0] == (
            SECRET_PATH,
            {
                "text": "leganto-qa demo: nothing new -> new regressions or findings (exit 2). "
                "Sandbox demo release 2024-06: 0 passed, 1 failed, 0 inconclusive, 0 skipped; "
                "0 page states scanned https://qa.example.edu/runs/demo/r3/findings.html"
            },
        )
        assert hook.posts[1][1]["text"].startswith(
            "leganto-qa demo: new regressions or findings -> nothing new (exit 0)."
        )
        assert len(hook.posts) == 2
    assert lines == ["Notified the webhook in LEGANTO_QA_WEBHOOK_URL: the verdict changed"] * 2
    stored = json.loads((tmp_path / "reports/runs/demo" / VERDICT_FILE).read_text())
    assert (stored["exit_code"], stored["run_id"]) == (EXIT_OK, "r5")


def test_a_failing_webhook_is_one_warning_line_and_the_next_run_tells_again(tmp_path):
    harness = load_config(_config(tmp_path))
    with serving(WebhookServer(statuses=[500, 503])) as hook:
        environ = {"LEGANTO_QA_WEBHOOK_URL": hook.url}
        lines: list[str] = []
        notify_on_change(harness, "demo", _result(tmp_path, EXIT_OK, "r1"), lines.append, environ)
        changed = _result(tmp_path, EXIT_HARNESS, "r2")
        assert not notify_on_change(harness, "demo", changed, lines.append, environ)
        assert len(hook.posts) == 2  # one post, one retry
        assert lines == [
            "WARNING notify: posting to the webhook in LEGANTO_QA_WEBHOOK_URL failed (HTTP 503, "
            "also on retry); the run's verdict stands and the next run tells the change again"
        ]
        again = _result(tmp_path, EXIT_HARNESS, "r3")
        assert notify_on_change(harness, "demo", again, lines.append, environ)
        assert len(hook.posts) == 3


def test_an_unreachable_webhook_never_names_its_url(tmp_path):
    url = f"http://127.0.0.1:{free_port()}{SECRET_PATH}"
    assert post(url, {"text": "x"}) == "ConnectionError, also on retry"
    harness = load_config(_config(tmp_path))
    environ = {"LEGANTO_QA_WEBHOOK_URL": url}
    lines: list[str] = []
    notify_on_change(harness, "demo", _result(tmp_path, EXIT_OK, "r1"), lines.append, environ)
    notify_on_change(harness, "demo", _result(tmp_path, EXIT_NEW, "r2"), lines.append, environ)
    assert len(lines) == 1 and lines[0].startswith("WARNING notify:")
    assert "SECRET" not in lines[0] and "127.0.0.1" not in lines[0]


def test_a_garbled_url_or_an_unwritable_verdict_file_is_one_warning_never_a_failure(tmp_path):
    harness = load_config(_config(tmp_path))
    environ = {"LEGANTO_QA_WEBHOOK_URL": "not a URL SECRET"}
    lines: list[str] = []
    notify_on_change(harness, "demo", _result(tmp_path, EXIT_OK, "r1"), lines.append, environ)
    notify_on_change(harness, "demo", _result(tmp_path, EXIT_NEW, "r2"), lines.append, environ)
    # requests names a garbled URL MissingSchema or InvalidURL, depending on urllib3/idna
    assert len(lines) == 1
    assert re.search(r"\((MissingSchema|InvalidURL|InvalidSchema), also on retry\)", lines[0])
    store = tmp_path / "reports/runs/demo" / VERDICT_FILE
    store.unlink()
    store.mkdir()  # a folder where the file should be: writing it fails
    lines.clear()
    notify_on_change(harness, "demo", _result(tmp_path, EXIT_OK, "r3"), lines.append, environ)
    assert len(lines) == 1 and lines[0].startswith("WARNING notify: could not record the verdict")
    assert "SECRET" not in "".join(lines)


def test_an_unset_variable_says_so_once_the_verdict_changes(tmp_path):
    harness = load_config(_config(tmp_path))
    lines: list[str] = []
    notify_on_change(harness, "demo", _result(tmp_path, EXIT_OK, "r1"), lines.append, {})
    notify_on_change(harness, "demo", _result(tmp_path, EXIT_OK, "r2"), lines.append, {})
    assert lines == []
    notify_on_change(harness, "demo", _result(tmp_path, EXIT_NEW, "r3"), lines.append, {})
    assert lines == [
        "WARNING notify: the verdict of sandbox demo changed, but LEGANTO_QA_WEBHOOK_URL is not "
        "set; no notification sent"
    ]


def test_the_runs_pytest_never_gets_the_webhook_url(tmp_path):
    harness = load_config(_config(tmp_path))
    environ = {"LEGANTO_QA_WEBHOOK_URL": "https://x.example/hook", "PATH": "/usr/bin"}
    assert pytest_environ(harness, environ) == {"PATH": "/usr/bin"}


# ------------------------------------------------------------------------------- a real run


def test_leganto_qa_run_notifies_a_change_and_writes_the_url_nowhere(tmp_path):
    """Two real API-suite runs on the demo stand-in: all passed (exit 0), then one that selects
    no test (exit 1, the harness ran nothing): one post, and the URL in no output and no file."""
    config = _config(tmp_path)
    with serving(WebhookServer()) as hook:
        env = {"LEGANTO_QA_WEBHOOK_URL": hook.url}
        outputs = []
        for code, extra in ((0, []), (1, ["--", "-k", "no_test_has_this_name"])):
            result = subprocess.run(
                [*LEGANTO_QA, "run", "--suite", "api", "--config", str(config), *extra],
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=300,
                env={**os.environ, **env},
            )
            assert result.returncode == code, result.stdout[-2000:] + result.stderr[-2000:]
            outputs.append(result.stdout + result.stderr)
    assert len(hook.posts) == 1
    text = hook.posts[0][1]["text"]
    assert text.startswith("leganto-qa demo: nothing new -> the harness or the sandbox failed")
    assert str(tmp_path / "reports" / "runs" / "demo") in text
    assert "Notified the webhook in LEGANTO_QA_WEBHOOK_URL" in outputs[1]
    for output in outputs:
        assert "SECRET" not in output
    leaks = [
        path
        for path in (tmp_path / "reports").rglob("*")
        if path.is_file() and b"SECRET" in path.read_bytes()
    ]
    assert leaks == []
