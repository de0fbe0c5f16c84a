"""Outcome classification: inconclusive tests, and one outcome per test from its reports.

A test whose failure teaches nothing about Leganto (sandbox down, network, login) is
*inconclusive*, not failed. Its setup, call and teardown reports fold into one
:class:`~leganto_qa.model.records.Outcome` with a one-line message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Error as PlaywrightError

from leganto_qa.config.run_context import RunContext
from leganto_qa.model.errors import SandboxUnavailable
from leganto_qa.model.records import Outcome, OutcomeKind, test_id

INCONCLUSIVE = ("leganto_outcome", "inconclusive")
"""The user property that marks a report inconclusive."""


def is_inconclusive(exc: BaseException) -> bool:
    """Failures that teach nothing about Leganto: sandbox down, network, login."""
    if isinstance(exc, SandboxUnavailable):
        return True
    return isinstance(exc, PlaywrightError) and "net::ERR_" in str(exc)


def mark_inconclusive(
    item: pytest.Item, report: pytest.TestReport, exc: BaseException, run: RunContext
) -> None:
    """Turn a failed report into an inconclusive one (a skip with a one-line reason)."""
    message = run.redactor.text(one_line(str(exc)))
    report.outcome = "skipped"
    report.longrepr = (str(item.path), item.location[1] or 0, f"inconclusive: {message}")
    report.user_properties.append(INCONCLUSIVE)


def one_line(text: str, limit: int = 300) -> str:
    """The first non-blank line of ``text``, cut to ``limit`` characters."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= limit else first[: limit - 1] + "…"


@dataclass
class _Tally:
    outcome: OutcomeKind | None = None
    duration: float = 0.0
    message: str = ""


class OutcomeCollector:
    """Folds the setup/call/teardown reports of each test into one outcome."""

    def __init__(self, run: RunContext) -> None:
        self.run = run
        self.tallies: dict[str, _Tally] = {}

    def add(self, report: pytest.TestReport) -> Outcome | None:
        """Fold in one report; the test's outcome once its teardown is in, else None."""
        tally = self.tallies.setdefault(test_id(report.nodeid), _Tally())
        tally.duration += report.duration
        if INCONCLUSIVE in report.user_properties:
            tally.outcome = "inconclusive"
            tally.message = _skip_reason(report)
        elif report.failed and tally.outcome != "inconclusive":
            tally.outcome = "failed"
            tally.message = tally.message or self.run.redactor.text(_failure_line(report))
        elif report.skipped and tally.outcome is None:
            tally.outcome = "skipped"
            tally.message = _skip_reason(report)
        elif report.when == "call" and report.passed and tally.outcome is None:
            tally.outcome = "passed"
        if report.when != "teardown":
            return None
        return self.outcome(test_id(report.nodeid))

    def outcome(self, nodeid: str) -> Outcome:
        tally = self.tallies[nodeid]
        return Outcome(
            test=nodeid,
            suite=suite_of(nodeid),
            outcome=tally.outcome or "failed",
            duration_s=round(tally.duration, 3),
            message=tally.message,
        )

    def outcomes(self) -> list[Outcome]:
        return [self.outcome(nodeid) for nodeid in self.tallies]


COLLECTOR_KEY = pytest.StashKey[OutcomeCollector]()
"""config.stash: the controller's outcome collector."""


def suite_of(nodeid: str) -> str:
    """``suites/a11y/test_x.py::t`` → ``a11y``; outside ``suites/``, the first path part."""
    parts = nodeid.split("::")[0].split("/")
    return parts[parts.index("suites") + 1] if "suites" in parts[:-1] else parts[0]


_WAITING_FOR = re.compile(r"waiting for (locator\(.*\)|get_by_\w+\(.*\))\s*$", re.MULTILINE)


def _failure_line(report: pytest.TestReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(report.longrepr)
    prefix = "" if report.when == "call" else f"error in {report.when}: "
    waited = _WAITING_FOR.search(text)
    suffix = f" (waiting for {waited.group(1)})" if waited else ""
    return prefix + one_line(text, limit=300 - len(suffix)) + suffix


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return one_line(str(longrepr))
