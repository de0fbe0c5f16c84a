"""What a finished run means: its exit code (README "Exit codes") and its lines on the terminal.

0 nothing new; 1 the harness or the sandbox failed (bad config, no browser, sandbox down, login
failed, an inconclusive test, pytest itself broke); 2 new regressions (failed workflows) or new
WCAG findings. With ``--report-only``, 0 whenever the harness itself worked (see
``report_only_exit_code``). Usage errors (a wrong flag) exit 1 too: see ``cli.main``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from leganto_qa.compare.comparison import FINDING_SUITES, Comparison
from leganto_qa.model.records import RunLayout, RunRecord
from leganto_qa.reports.coverage import coverage, terminal_lines
from leganto_qa.reports.regression_report import RegressionReport, headline_lines

EXIT_OK, EXIT_HARNESS, EXIT_NEW = 0, 1, 2
MEANING = {
    EXIT_OK: "nothing new",
    EXIT_HARNESS: "the harness or the sandbox failed",
    EXIT_NEW: "new regressions or findings",
}
Echo = Callable[[str], None]


@dataclass(frozen=True)
class RunResult:
    """A finished run: its record (None if pytest wrote none), folder and verdict (exit code)."""

    record: RunRecord | None
    layout: RunLayout
    exit_code: int
    pytest_code: int
    regression: RegressionReport | None = None


def harness_worked(record: RunRecord | None, pytest_code: int) -> bool:
    """The run finished and wrote its record: pytest ran to the end (0 or 1), not interrupted."""
    return record is not None and record.status == "complete" and pytest_code in (0, 1)


def exit_code_for(record: RunRecord, pytest_code: int, comparison: Comparison | None = None) -> int:
    """0 nothing new, 1 harness or sandbox failed, 2 regressions or new findings.

    With a baseline, the regression report's verdict decides (``Comparison.verdict``): news
    (regressions, tests failing that the baseline did not run, new WCAG findings; known vendor
    issues are not news) 2 even if part of the run was inconclusive, else an inconclusive test or
    an unhealthy page state 1. Without one, an inconclusive test 1, else every failed test 2.
    """
    summary = record.summary()["tests"]
    if not harness_worked(record, pytest_code):
        return EXIT_HARNESS
    if comparison is not None:
        return {"not-ok": EXIT_NEW, "inconclusive": EXIT_HARNESS}.get(comparison.verdict, EXIT_OK)
    if summary["inconclusive"]:
        return EXIT_HARNESS
    if summary["failed"]:
        return EXIT_NEW
    return EXIT_OK


def report_only_exit_code(result: RunResult) -> int:
    """``--report-only``: 0 whenever the harness itself worked, so a scheduled scan can always
    publish its reports; 1 when it did not (no run record, an interrupted run, pytest broke).

    New findings and regressions (2) become 0, and so do inconclusive tests (1): the sandbox or a
    login failed during the run, but the harness recorded that and wrote every report. Faults
    found before the run starts (bad config, no browser, sandbox unreachable) never get here:
    they exit 1 with one line, and there are no reports to publish.
    """
    return EXIT_OK if harness_worked(result.record, result.pytest_code) else EXIT_HARNESS


def conclude(result: RunResult, echo: Echo, report_only: bool = False) -> int:
    """Print the run's lines (the verdict unchanged) and return the process's exit code."""
    for line in describe(result):
        echo(line)
    if not report_only:
        return result.exit_code
    code = report_only_exit_code(result)
    if code != result.exit_code:
        echo(
            f"--report-only: exit {code} instead of {result.exit_code} "
            f"({MEANING.get(result.exit_code, 'see above')}); the reports are written"
        )
    return code


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
    lines += [f"NOT FULLY CHECKED {line}" for line in terminal_lines(coverage(record))]
    lines += _comparison_lines(result)
    lines.append(f"Run record:      {result.layout.record_path}")
    if any(name.startswith("html_report") for name in record.artifacts):  # pytest-html ran
        lines.append(f"HTML report:     {result.layout.html_report}")
    lines.append(f"Findings report: {result.layout.findings_report}")
    return lines


def _comparison_lines(result: RunResult) -> list[str]:
    if result.regression is None:
        return ["No baseline yet: every finding counts as new ('leganto-qa baseline accept')."]
    return headline_lines(result.regression)
