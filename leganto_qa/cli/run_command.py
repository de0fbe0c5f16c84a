"""Running suites against a sandbox: checks before pytest, pytest itself, the verdict after.

What the verdict (exit code) means and how it is printed: ``cli.verdict``. The options a tester
types: ``cli.commands.run_and_scan_commands``.

Start and finish are kept short: what only the end needs (reports, jinja2, the verdict, requests
for a notification) is imported while pytest runs, not before it starts; pytest loads only the
plugins the run needs (`pytest_command`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from leganto_qa.browser.browser_discovery import SYSTEM_BROWSER_NAMES, ensure_browser
from leganto_qa.checks.registry import parse_checks
from leganto_qa.config.browser_endpoint import effective_endpoint, hand_to_pytest
from leganto_qa.config.sandboxes import HarnessConfig, SandboxConfig, load_config
from leganto_qa.model.errors import HarnessError, LoginFailed, SandboxUnavailable
from leganto_qa.model.run_folders import reserve_run_folder
from leganto_qa.standins.sandbox_standin import REPO_ROOT, check_release

if TYPE_CHECKING:
    from leganto_qa.cli.verdict import Echo, RunResult

SUITES = ("workflows", "a11y", "api", "i18n")
OPT_IN_SUITES = ("embedding", "scan", "links")
"""Suites run only when named (``--suite embedding``); ``all`` (and the demo) means SUITES."""
PAGE_STATE_SUITES = frozenset({"a11y", "i18n", "scan"})
"""Suites whose outcome only mirrors their findings (``compare.baseline.FINDING_SUITES``): the
findings report shows them, so a run of these alone writes no pytest-html ``report.html``."""
UNUSED_PLUGINS = ("hypothesispytest", "benchmark")
"""pytest plugins installed for the harness's own tests that no suite uses (hypothesis alone
takes longer to import than a page takes to scan)."""
HTML_PLUGINS = ("html", "html_fixtures", "metadata")


@dataclass(frozen=True)
class RunRequest:
    """What ``leganto-qa run`` was asked to do."""

    config_path: Path
    sandbox: str
    suites: tuple[str, ...] = SUITES
    release: str | None = None
    locales: tuple[str, ...] = ()
    translation_locales: tuple[str, ...] = ()
    """The i18n suite's locales (``--translation-locale``); () means the sandbox's."""
    workers: int = 1
    axe_only: bool = False
    headed: bool = False
    report_only: bool = False
    """Exit 0 whenever the harness worked (``verdict.report_only_exit_code``)."""
    pytest_args: tuple[str, ...] = field(default_factory=tuple)
    checks: str | None = None
    """Browser checks on page states (``--checks``; None: the default selection)."""
    shard: str | None = None
    """``--shard K/N``: this machine's part of the run (``pytest_plugin.sharding``)."""
    browser_endpoint: str | None = None
    """``--browser-endpoint``: a Playwright browser server instead of a local Chromium."""


def prepare(request: RunRequest, echo: Echo) -> tuple[HarnessConfig, SandboxConfig]:
    """Everything that can fail before a browser opens, each with a one-line message."""
    harness = load_config(request.config_path)
    sandbox = harness.run_target(
        request.sandbox, request.release, request.locales, request.translation_locales
    )
    parse_checks(request.checks)  # an unknown check name fails here, in one line
    unknown = [s for s in request.suites if s not in (*SUITES, *OPT_IN_SUITES)]
    if unknown:
        known = ", ".join((*SUITES, *OPT_IN_SUITES))
        raise HarnessError(f"unknown suite {unknown[0]!r}; use one of: {known}")
    if sandbox.is_stand_in:
        check_release(sandbox.release)
    elif sandbox.kind == "pages":
        if "scan" not in request.suites:
            raise HarnessError(
                f"sandbox {sandbox.id!r} is of kind 'pages'; scan it with "
                f"'leganto-qa scan --sandbox {sandbox.id}'"
            )
    else:
        check_reachable(sandbox)
    for role in sandbox.roles:
        if role.login == "storage-state" and role.state_file and not role.state_file.exists():
            raise LoginFailed(
                f"no recorded login for role {role.name!r} at {role.state_file}; record it with "
                f"'leganto-qa login {sandbox.id} {role.name}'"
            )
        if role.login == "local" and not sandbox.is_stand_in:
            role.credentials()
    endpoint = effective_endpoint(harness.browser_endpoint, request.browser_endpoint)
    if endpoint:  # a remote browser: no local Chromium needed, the server must answer
        from leganto_qa.browser.remote_browser import check_endpoint_reachable

        check_endpoint_reachable(endpoint)
    elif not _browser_at_hand(harness):
        ensure_browser(str(harness.browser) if harness.browser else None, progress=echo)
    return harness, sandbox


def _browser_at_hand(harness: HarnessConfig) -> bool:
    """Whether a Chromium is known without asking Playwright (which starts its driver): the
    configured one (checked by pytest's ``leganto_launch_args``), $LEGANTO_QA_CHROMIUM or one on
    PATH. pytest still picks in the documented order; this only says one exists."""
    from leganto_qa.browser.browser_discovery import BROWSER_ENV

    if harness.browser is not None or os.environ.get(BROWSER_ENV, "").strip():
        return False  # named: ensure_browser checks it (cheaply) and says what is wrong
    return any(shutil.which(name) for name in SYSTEM_BROWSER_NAMES)


def check_reachable(sandbox: SandboxConfig, timeout_s: float = 15.0) -> None:
    import requests

    assert sandbox.base_url is not None
    url = sandbox.base_url + "/leganto/"
    try:
        requests.head(url, timeout=timeout_s, allow_redirects=False)
    except requests.RequestException as exc:
        reason = type(exc).__name__
        raise SandboxUnavailable(
            f"sandbox {sandbox.id!r} at {sandbox.base_url} is unreachable ({reason}); check the "
            "network or VPN, and base_url in sandboxes.toml"
        ) from None


def pytest_command(request: RunRequest, run_id: str) -> list[str]:
    paths = [str(REPO_ROOT / "suites" / suite) for suite in request.suites]
    command = [
        sys.executable,
        "-m",
        "pytest",
        *paths,
        "--leganto-sandbox",
        request.sandbox,
        "--leganto-config",
        str(request.config_path.resolve()),
        "--leganto-run-id",
        run_id,
        "--leganto-progress",
        "--rootdir",
        str(REPO_ROOT),
        "-p",
        "no:cacheprovider",
        "--tb=no",
        "-rN",
        "-q",
        "--no-header",
        *(f"-pno:{name}" for name in UNUSED_PLUGINS),
    ]
    if set(request.suites) <= PAGE_STATE_SUITES:
        command += [f"-pno:{name}" for name in HTML_PLUGINS]
    if request.release:
        command += ["--leganto-release", request.release]
    for locale in request.locales:
        command += ["--leganto-locale", locale]
    for locale in request.translation_locales:
        command += ["--leganto-translation-locale", locale]
    if request.workers > 1:
        command += ["-n", str(request.workers), "--dist", "loadgroup"]
    if request.axe_only:
        command.append("--leganto-axe-only")
    if request.checks is not None:
        command += ["--leganto-checks", request.checks]
    if request.shard is not None:
        command += ["--leganto-shard", request.shard]
    if request.headed:
        command.append("--headed")
    return [*command, *request.pytest_args]


def run_suites(request: RunRequest, echo: Echo) -> int:
    """Run, print what the run found, return the process's exit code (``leganto-qa run``)."""
    result = execute(request, echo)
    from leganto_qa.cli.notification import notify_on_change  # loaded while pytest ran
    from leganto_qa.cli.verdict import conclude

    code = conclude(result, echo, request.report_only)
    if request.shard is None:  # a shard's verdict is part of one: merge tells the run's
        notify_on_change(load_config(request.config_path), request.sandbox, result, echo)
    return code


def execute(request: RunRequest, echo: Echo) -> RunResult:
    """Run the suites; the run record decides the exit code."""
    harness, sandbox = prepare(request, echo)
    hand_to_pytest(request.browser_endpoint)
    layout = reserve_run_folder(harness.reports_dir, sandbox.id)  # its own, never shared
    run_id = layout.root.name
    echo(
        f"Running {', '.join(request.suites)} on sandbox {sandbox.id} (release "
        f"{sandbox.release}, locales {', '.join(sandbox.locales)}), run {run_id}"
    )
    hidden = harness.notify.webhook_env if harness.notify else None  # the webhook's URL
    env = {name: value for name, value in os.environ.items() if name != hidden}
    with subprocess.Popen(pytest_command(request, run_id), cwd=REPO_ROOT, env=env) as pytest:
        try:
            # While pytest starts: what only the end needs (reports, jinja2, the verdict, and
            # for run_suites the notification).
            import leganto_qa.cli.notification  # noqa: F401
            from leganto_qa.cli.verdict import EXIT_HARNESS, RunResult, exit_code_for
            from leganto_qa.model.records import load_record
            from leganto_qa.reports.copyright_worklist import write_copyright_worklist
            from leganto_qa.reports.regression_report import write_regression_report
            from leganto_qa.reports.run_index import index_line

            code = pytest.wait()
        except BaseException:  # as subprocess.call: Ctrl-C (or an error) ends pytest too
            pytest.kill()
            raise
    if not layout.record_path.exists():
        echo(index_line(harness.reports_dir))  # listed as unreadable, with why
        return RunResult(None, layout, EXIT_HARNESS, code)
    record = load_record(layout.record_path)
    regression = write_regression_report(
        record, layout, harness.reports_dir, known_issues_path(request.config_path)
    )
    if record.text_inventory:  # the i18n suite ran: release view and translator worklist
        from leganto_qa.reports.translations import report_translations

        for line in report_translations(record, layout, harness.reports_dir):
            echo(line)
    worklist = write_copyright_worklist(record, layout)  # the api suite's BOLK data, if any
    if worklist:
        echo(f"BOLK worklist (digitised excerpts): {worklist}")
    exit_code = exit_code_for(record, code, regression.comparison if regression else None)
    echo(index_line(harness.reports_dir))  # reports/index.html lists this run too
    return RunResult(record, layout, exit_code, code, regression)


def known_issues_path(config_path: Path) -> Path:
    """The vendor issue registry lives beside sandboxes.toml."""
    return config_path.resolve().parent / "known-issues.toml"


def suites_from(values: Sequence[str]) -> tuple[str, ...]:
    if not values or "all" in values:
        return SUITES
    return tuple(dict.fromkeys(values))
