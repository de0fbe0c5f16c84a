"""Tell a channel when a sandbox's verdict changes: an incoming-webhook post after a run.

With ``[notify] webhook_env`` configured, every finished run of a sandbox is compared with the
verdict its previous run left in ``reports/runs/<sandbox>/last-verdict.json``. When the verdict
changed (and the variable holds a URL), one message ``{"text": "<headline> <report link>"}`` is
posted: Slack, Mattermost and Teams incoming webhooks all take it. The first run of a sandbox
only records its verdict.

A failed post is one warning line and never changes the run's exit code; the verdict file then
keeps the old verdict, so the next run tells the change again. The webhook's URL is a secret: it
is read from the environment here and nowhere else (the pytest of the run does not get it), and
no line, file or error message repeats it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import requests

from leganto_qa.cli.verdict import MEANING, Echo, RunResult, describe
from leganto_qa.config.notify import NotifyConfig
from leganto_qa.config.sandboxes import HarnessConfig
from leganto_qa.model.records import utc_now
from leganto_qa.model.storage import read_json, slug, write_json_atomic
from leganto_qa.reports.regression_report import verdict

VERDICT_FILE = "last-verdict.json"
TIMEOUT_S = 10.0
"""Seconds one post may take (connect and read)."""
ATTEMPTS = 2
"""One post and one retry."""


def pytest_environ(
    harness: HarnessConfig, environ: Mapping[str, str] = os.environ
) -> dict[str, str]:
    """The environment for the run's pytest: everything but the webhook's URL (``run_command``
    computes the same without importing this module before pytest starts)."""
    hidden = harness.notify.webhook_env if harness.notify else None
    return {name: value for name, value in environ.items() if name != hidden}


def verdict_path(reports_dir: Path, sandbox_id: str) -> Path:
    return reports_dir / "runs" / slug(sandbox_id) / VERDICT_FILE


def notify_on_change(
    harness: HarnessConfig,
    sandbox_id: str,
    result: RunResult,
    echo: Echo,
    environ: Mapping[str, str] = os.environ,
) -> bool:
    """Post when ``result``'s verdict differs from the sandbox's previous one; True if posted.

    Does nothing without ``[notify]``. Never raises for a webhook that fails.
    """
    settings = harness.notify
    if settings is None:
        return False
    path = verdict_path(harness.reports_dir, sandbox_id)
    previous = _previous_exit_code(path)
    if previous is None or previous == result.exit_code:
        _store(path, result, echo)
        return False
    url = environ.get(settings.webhook_env, "").strip()
    if not url:
        echo(
            f"WARNING notify: the verdict of sandbox {sandbox_id} changed, but "
            f"{settings.webhook_env} is not set; no notification sent"
        )
        _store(path, result, echo)
        return False
    text = message(result, sandbox_id, previous, harness.reports_dir, settings, environ)
    problem = post(url, {"text": text})
    if problem is not None:
        echo(
            f"WARNING notify: posting to the webhook in {settings.webhook_env} failed "
            f"({problem}); the run's verdict stands and the next run tells the change again"
        )
        return False
    _store(path, result, echo)
    echo(f"Notified the webhook in {settings.webhook_env}: the verdict changed")
    return True


def message(
    result: RunResult,
    sandbox_id: str,
    previous: int,
    reports_dir: Path,
    settings: NotifyConfig,
    environ: Mapping[str, str],
) -> str:
    """``leganto-qa <sandbox>: <old> -> <new>. <headline> <link>``: one line."""
    old = MEANING.get(previous, f"exit {previous}")
    new = MEANING.get(result.exit_code, f"exit {result.exit_code}")
    if result.regression is not None:
        comparison = result.regression.comparison
        headline = f"{verdict(comparison).upper()}: {comparison.headline()}"
    else:  # the counts line, or why there is no record (the channel has no "output above")
        headline = describe(result)[0].removesuffix("; see the output above")
    return (
        f"leganto-qa {sandbox_id}: {old} -> {new} (exit {result.exit_code}). {headline} "
        f"{report_link(result, reports_dir, settings.report_base(environ))}"
    )


def report_link(result: RunResult, reports_dir: Path, base: str | None) -> str:
    """The run's main document: the regression report, else the findings report (or the run
    folder when no record was written); under ``base`` when reports are published there."""
    if result.regression is not None:
        document = result.regression.html
    elif result.record is not None:
        document = result.layout.findings_report
    else:
        document = result.layout.root
    if base is None:
        return str(document)
    try:
        relative = document.resolve().relative_to(reports_dir.resolve())
    except ValueError:
        return str(document)
    return f"{base}/{relative.as_posix()}"


def post(url: str, payload: dict[str, Any]) -> str | None:
    """Post ``payload`` as JSON, once more after a failure; None when it was taken, else why
    not (a status or an exception's type: their messages may repeat the URL)."""
    problem = None
    for _ in range(ATTEMPTS):
        try:
            response = requests.post(url, json=payload, timeout=TIMEOUT_S)
        except (requests.RequestException, ValueError) as exc:  # ValueError: a garbled URL
            problem = type(exc).__name__
            continue
        if response.ok:
            return None
        problem = f"HTTP {response.status_code}"
    return f"{problem}, also on retry"


def _previous_exit_code(path: Path) -> int | None:
    try:
        data = read_json(path)
    except (OSError, ValueError):
        return None
    code = data.get("exit_code") if isinstance(data, dict) else None
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def _store(path: Path, result: RunResult, echo: Echo) -> None:
    verdict = {
        "exit_code": result.exit_code,
        "meaning": MEANING.get(result.exit_code, ""),
        "run_id": result.layout.root.name,
        "at": utc_now(),
    }
    try:
        write_json_atomic(path, verdict)
    except OSError as exc:  # the run's verdict stands; the next run compares with an older one
        echo(f"WARNING notify: could not record the verdict in {path} ({exc.strerror or exc})")
