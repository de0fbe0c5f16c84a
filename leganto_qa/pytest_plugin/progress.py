"""What the controller tracks while tests finish: outcomes, and the optional progress lines.

With ``--leganto-progress`` every finished test prints one line (``[3/40] PASSED  test (1.2s)``)
instead of pytest's dots, with the failure's one-line message under it.
"""

from __future__ import annotations

from typing import Any

import pytest

from leganto_qa.config.run_context import RunContext
from leganto_qa.model.records import Outcome
from leganto_qa.pytest_plugin.keys import run_context
from leganto_qa.pytest_plugin.outcomes import INCONCLUSIVE, OutcomeCollector


class OutcomeTracker:
    """Registered on the controller: folds reports into outcomes and prints progress."""

    def __init__(self, run: RunContext, config: pytest.Config) -> None:
        self.run = run
        self.config = config
        self.collector = OutcomeCollector(run)
        self.total: int | None = None
        self.done = 0

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: Any, ids: list[str]) -> None:
        self.total = len(ids)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if self.total is None and session.items:
            self.total = len(session.items)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        outcome = self.collector.add(report)
        if outcome is None:
            return
        self.done += 1
        if self.run.progress:
            self._write(progress_line(outcome, self.done, self.total))

    def _write(self, line: str) -> None:
        terminal = self.config.pluginmanager.get_plugin("terminalreporter")
        if terminal is not None:
            terminal.write_line(line)


def progress_line(outcome: Outcome, done: int, total: int | None) -> str:
    """``[done/total] OUTCOME test (seconds)``, plus the message of a test that did not pass."""
    of_total = f"/{total}" if total else ""
    line = (
        f"[{done}{of_total}] {outcome.outcome.upper():<12} {outcome.test} "
        f"({outcome.duration_s:.1f}s)"
    )
    if outcome.message and outcome.outcome != "passed":
        line += f"\n    {outcome.message}"
    return line


def teststatus(report: pytest.TestReport, config: pytest.Config) -> tuple[str, str, str] | None:
    """pytest's status letter and word: ``I`` for inconclusive; none with progress lines."""
    run = run_context(config)
    progress = run is not None and run.progress
    if INCONCLUSIVE in getattr(report, "user_properties", []):
        return "inconclusive", "" if progress else "I", "INCONCLUSIVE"
    if progress and report.when == "call":
        return report.outcome, "", ""
    return None
