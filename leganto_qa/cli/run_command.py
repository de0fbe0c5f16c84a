"""Running suites against a sandbox: checks before pytest, pytest itself, exit code after.

Exit codes (README "Exit codes"): 0 nothing new; 1 the harness or the sandbox failed (bad
config, no browser, sandbox down, login failed, an inconclusive test, pytest itself broke);
2 new regressions (failed workflows) or new WCAG findings.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import requests

from leganto_qa.browser.discovery import ensure_browser
from leganto_qa.checks.registry import parse_checks
from leganto_qa.compare.comparison import FINDING_SUITES, Comparison
from leganto_qa.config.sandboxes import HarnessConfig, SandboxConfig, load_config
from leganto_qa.model.errors import HarnessError, LoginFailed, SandboxUnavailable
from leganto_qa.model.records import RunLayout, RunRecord, load_record, new_run_id
from leganto_qa.reports.regression_report import (
    RegressionReport,
    headline_lines,
    write_regression_report,
)
from leganto_qa.standins.sandbox_standin import REPO_ROOT, check_release

SUITES = ("workflows", "a11y", "api", "i18n")
OPT_IN_SUITES = ("embedding", "scan")
"""Suites run only when named (``--suite embedding``); ``all`` (and the demo) means SUITES."""
EXIT_OK, EXIT_HARNESS, EXIT_NEW = 0, 1, 2
Echo = Callable[[str], None]


@dataclass(frozen=True)
class RunRequest:
    """What ``leganto-qa run`` was asked to do."""

    config_path: Path
    sandbox: str
    suites: tuple[str, ...] = SUITES
    release: str | None = None
    locales: tuple[str, ...] = ()
    workers: int = 1
    axe_only: bool = False
    headed: bool = False
    report_only: bool = False
    pytest_args: tuple[str, ...] = field(default_factory=tuple)
    checks: str | None = None
    """Browser checks on page states (``--checks``; None: the default selection)."""


@dataclass(frozen=True)
class RunResult:
    record: RunRecord | None
    layout: RunLayout
    exit_code: int
    pytest_code: int
    regression: RegressionReport | None = None


def prepare(request: RunRequest, echo: Echo) -> tuple[HarnessConfig, SandboxConfig]:
    """Everything that can fail before a browser opens, each with a one-line message."""
    harness = load_config(request.config_path)
    sandbox = harness.sandbox(request.sandbox)
    if request.release:
        sandbox = sandbox.with_release(request.release)
    if request.locales:
        sandbox = sandbox.with_locales(request.locales)
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
    ensure_browser(str(harness.browser) if harness.browser else None, progress=echo)
    return harness, sandbox


def check_reachable(sandbox: SandboxConfig, timeout_s: float = 15.0) -> None:
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
        "--sandbox",
        request.sandbox,
        "--leganto-config",
        str(request.config_path.resolve()),
        "--run-id",
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
    ]
    if request.release:
        command += ["--release", request.release]
    for locale in request.locales:
        command += ["--locale", locale]
    if request.workers > 1:
        command += ["-n", str(request.workers), "--dist", "loadgroup"]
    if request.axe_only:
        command.append("--axe-only")
    if request.checks is not None:
        command += ["--checks", request.checks]
    if request.headed:
        command.append("--headed")
    return [*command, *request.pytest_args]


def execute(request: RunRequest, echo: Echo) -> RunResult:
    """Run the suites; the run record decides the exit code."""
    harness, sandbox = prepare(request, echo)
    run_id = new_run_id()
    layout = RunLayout.for_run(harness.reports_dir, sandbox.id, run_id)
    echo(
        f"Running {', '.join(request.suites)} on sandbox {sandbox.id} (release "
        f"{sandbox.release}, locales {', '.join(sandbox.locales)}), run {run_id}"
    )
    code = subprocess.call(pytest_command(request, run_id), cwd=REPO_ROOT, env=dict(os.environ))
    if not layout.record_path.exists():
        return RunResult(None, layout, EXIT_HARNESS, code)
    record = load_record(layout.record_path)
    regression = write_regression_report(
        record, layout, harness.reports_dir, known_issues_path(request.config_path)
    )
    if record.text_inventory:  # the i18n suite ran: release view and translator worklist
        from leganto_qa.reports.translations import report_translations

        for line in report_translations(record, layout, harness.reports_dir):
            echo(line)
    exit_code = exit_code_for(record, code, regression.comparison if regression else None)
    if request.report_only and exit_code == EXIT_NEW:
        exit_code = EXIT_OK
    return RunResult(record, layout, exit_code, code, regression)


def known_issues_path(config_path: Path) -> Path:
    """The vendor issue registry lives beside sandboxes.toml."""
    return config_path.resolve().parent / "known-issues.toml"


def exit_code_for(record: RunRecord, pytest_code: int, comparison: Comparison | None = None) -> int:
    """0 nothing new, 1 harness or sandbox failed, 2 regressions or new findings.

    With a baseline, only what the comparison calls new counts (known vendor issues do not);
    without one, every failed test does.
    """
    summary = record.summary()["tests"]
    if pytest_code not in (0, 1) or record.status != "complete" or summary["inconclusive"]:
        return EXIT_HARNESS
    if comparison is not None:
        return EXIT_NEW if comparison.has_news else EXIT_OK
    if summary["failed"]:
        return EXIT_NEW
    return EXIT_OK


def describe(result: RunResult) -> list[str]:
    """A few lines for the terminal: counts, findings by rule, where the evidence is."""
    if result.record is None:
        return [
            f"no run record was written (pytest exit code {result.pytest_code}); "
            "see the output above"
        ]
    record = result.record
    tests = record.summary()["tests"]
    lines = [
        f"Sandbox {record.sandbox['id']} release {record.sandbox['release']}: "
        f"{tests['passed']} passed, {tests['failed']} failed, {tests['inconclusive']} "
        f"inconclusive, {tests['skipped']} skipped; {len(record.page_states)} page states scanned",
    ]
    wcag = [f for f in record.findings if f.kind == "wcag"]
    if wcag:
        lines.append(f"WCAG findings: {len(wcag)}")
        by_rule = Counter((f.rule, ", ".join(f.criteria), f.impact) for f in wcag)
        for (rule, criteria, impact), count in sorted(by_rule.items()):
            states = sorted({f.page_state for f in wcag if f.rule == rule})
            lines.append(
                f"  {rule:<22} WCAG {criteria:<12} {impact:<9} {count:>3} in "
                f"{', '.join(states[:3])}{' …' if len(states) > 3 else ''}"
            )
    for outcome in record.outcomes:
        if outcome.outcome == "failed" and outcome.suite not in FINDING_SUITES:
            lines.append(f"  FAILED {outcome.test}: {outcome.message}")
    lines += _comparison_lines(result)
    lines += [
        f"Run record:      {result.layout.record_path}",
        f"HTML report:     {result.layout.html_report}",
        f"Findings report: {result.layout.findings_report}",
    ]
    return lines


def _comparison_lines(result: RunResult) -> list[str]:
    if result.regression is None:
        return ["No baseline yet: every finding counts as new ('leganto-qa baseline accept')."]
    return headline_lines(result.regression)


def suites_from(values: Sequence[str]) -> tuple[str, ...]:
    if not values or "all" in values:
        return SUITES
    return tuple(dict.fromkeys(values))
