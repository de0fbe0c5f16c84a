"""Evidence of a failed test: a screenshot of each open page and the Playwright trace.

Contexts a test opens are *watched* (traced from then on); when the test has failed, each
one leaves ``failure-<n>.png`` and ``trace.zip`` in ``tests/<test>/`` of the run folder, and
the screenshots go into the HTML report. Without ``--leganto-axe-only`` nothing is traced.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext

from leganto_qa.config.run_context import RunContext
from leganto_qa.model.records import test_id, write_part
from leganto_qa.model.storage import write_bytes_atomic
from leganto_qa.pytest_plugin.keys import EXTRAS_KEY, PHASES_KEY
from leganto_qa.scanning.secret_masks import screenshot


def has_failed(item: pytest.Item) -> bool:
    """Whether setup, call or teardown of ``item`` failed so far (for teardown code)."""
    reports = item.stash.get(PHASES_KEY, {})
    return any(r.failed for r in reports.values())


def png_extra(png: bytes, name: str) -> dict[str, Any]:
    """A screenshot for the pytest-html report."""
    from pytest_html import extras  # only when there is a screenshot to attach

    extra: dict[str, Any] = extras.png(base64.b64encode(png).decode("ascii"), name)
    return extra


def add_extra(item: pytest.Item, extra: dict[str, Any]) -> None:
    """Attach ``extra`` to the test's next report (see :func:`attach_extras`)."""
    item.stash.setdefault(EXTRAS_KEY, []).append(extra)


def attach_extras(item: pytest.Item, report: pytest.TestReport) -> None:
    """Move the extras gathered so far onto ``report`` (pytest-html reads ``report.extras``)."""
    gathered = item.stash.get(EXTRAS_KEY, [])
    if gathered:
        report.extras = [*getattr(report, "extras", []), *gathered]  # type: ignore[attr-defined]
        gathered.clear()


class FailureEvidence:
    """The browser contexts of one test whose evidence is kept if the test fails."""

    def __init__(self, item: pytest.Item, run: RunContext) -> None:
        self.item = item
        self.run = run
        self._watched: list[tuple[BrowserContext, bool]] = []

    def watch(self, context: BrowserContext, *, close: bool = True) -> BrowserContext:
        """Trace ``context`` from now on; at the end of the test keep evidence, then close it.

        ``close=False`` leaves closing to the caller (e.g. a persistent context it owns).
        """
        if not self.run.axe_only:
            context.tracing.start(screenshots=False, snapshots=True, sources=False)
        self._watched.append((context, close))
        return context

    def finish(self) -> None:
        """Keep the evidence of a failed test, stop tracing, close what was watched.

        Called when the fixture ends; a fixture that must close contexts itself before then
        calls it first. Calling it again does nothing.
        """
        failed = has_failed(self.item)
        watched, self._watched = self._watched, []
        for index, (context, close) in enumerate(watched):
            if failed:
                self.run.redactor.add_cookies(context.storage_state())
            if failed and not self.run.axe_only:
                self._keep(context, index)
            elif not self.run.axe_only:
                context.tracing.stop()
            if close:
                context.close()

    def _keep(self, context: BrowserContext, index: int) -> None:
        folder = self.run.layout.test_dir(test_id(self.item.nodeid))
        suffix = f"-{index}" if index else ""
        artifacts: list[str] = []
        for number, page in enumerate(context.pages):
            shot = folder / f"failure{suffix}-{number}.png"
            png = screenshot(page, self.run.redactor)
            write_bytes_atomic(shot, png)
            artifacts.append(self.run.layout.relative(shot))
            add_extra(self.item, png_extra(png, f"failure {number}"))
        trace = folder / f"trace{suffix}.zip"
        with tempfile.TemporaryDirectory(prefix="leganto-trace-") as scratch:
            raw = Path(scratch) / "trace.zip"  # outside reports/: only the redacted copy lands
            context.tracing.stop(path=str(raw))
            self.run.redactor.store(raw, trace)
        artifacts.append(self.run.layout.relative(trace))
        write_part(
            self.run.layout,
            self.run.worker,
            "test_artifacts",
            {"test": test_id(self.item.nodeid), "artifacts": artifacts},
            self.run.redactor,
        )


@pytest.fixture
def leganto_failure_evidence(
    request: pytest.FixtureRequest, leganto_run: RunContext
) -> Iterator[FailureEvidence]:
    """Keeps a screenshot and the trace of each context you ``watch(context)`` if the test fails.

    ``leganto_failure_evidence.watch(context)`` starts tracing the context; when the test has
    failed its pages' screenshots and trace go to ``tests/<test>/`` in the run folder and into
    the HTML report. Watched contexts are closed at the end of the test (``close=False``: not).
    """
    evidence = FailureEvidence(request.node, leganto_run)
    yield evidence
    evidence.finish()
