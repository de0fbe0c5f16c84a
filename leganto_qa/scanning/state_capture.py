"""Capturing a confirmed page state: axe scan, screenshot, ARIA snapshot, findings."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from leganto_qa.browser.page_close import close_page
from leganto_qa.browser.page_health import NavigationWatch, hold_still, settle
from leganto_qa.checks.check_runner import for_state as checks_for_state
from leganto_qa.checks.root_causes import merged_sources
from leganto_qa.config.run_context import RunContext
from leganto_qa.model.errors import PageUnhealthy
from leganto_qa.model.findings import Finding, StateContext
from leganto_qa.model.health import short_url
from leganto_qa.model.page_scripts import page_script
from leganto_qa.model.records import PageStateRecord, write_part
from leganto_qa.model.storage import write_bytes_atomic, write_text_atomic
from leganto_qa.scanning.axe_scan import scan
from leganto_qa.scanning.secret_masks import screenshot


@dataclass(frozen=True)
class CaptureResult:
    """What one page state showed, split by what the baseline accepts."""

    state: PageStateRecord
    findings: list[Finding]
    new: list[Finding] = field(default_factory=list)
    screenshot: bytes | None = None

    def describe_new(self) -> str:
        """One line per new WCAG finding, for the failing assertion."""
        rules = ", ".join(sorted({f.rule for f in self.new}))
        lines = [
            f"{len(self.new)} new WCAG finding(s) in {self.state.id} "
            f"[{self.state.role}, {self.state.locale}]: {rules}"
        ]
        for finding in self.new:
            criteria = ", ".join(finding.criteria) or "best practice"
            lines.append(
                f"  {finding.rule} ({finding.impact}; WCAG {criteria}) "
                f"{len(finding.elements)} element(s): {finding.identity}"
            )
        return "\n".join(lines)


_BOXES_JS = page_script("leganto_qa.scanning", "js/element_boxes.js")


def with_boxes(page: Page, findings: list[Finding]) -> list[Finding]:
    """Findings whose top-frame elements carry their viewport box (for outlined crops)."""
    selectors = sorted(
        {e.selector for f in findings for e in f.elements if not e.frame_path and e.selector}
    )
    if not selectors:
        return findings
    measured = page.evaluate(_BOXES_JS, selectors)
    boxes = {
        s: (round(b[0], 1), round(b[1], 1), round(b[2], 1), round(b[3], 1))
        for s, b in zip(selectors, measured, strict=True)
        if b
    }
    return [
        replace(
            f,
            elements=tuple(
                replace(e, box=boxes.get(e.selector)) if not e.frame_path else e for e in f.elements
            ),
        )
        for f in findings
    ]


class _Moved(Exception):
    """The page navigated while its evidence was taken."""


@dataclass
class _Evidence:
    """Run-relative paths of a page state's evidence files, and its screenshot."""

    axe_raw: str
    screenshot: str | None = None
    aria_snapshot: str | None = None
    png: bytes | None = None


class StateCapture:
    """Scans page states of one test and stores them as parts of the run record."""

    def __init__(
        self,
        run: RunContext,
        test: str,
        more_findings: Callable[[Page, StateContext], list[Finding]] | None = None,
    ) -> None:
        self.run = run
        self.test = test
        self.more_findings = more_findings
        """The project's own checks (the plugin's ``pytest_leganto_state_captured`` hook)."""

    def __call__(
        self,
        page: Page,
        state: str,
        role: str,
        locale: str,
        steps: tuple[str, ...] = (),
        reach_again: Callable[[Page], None] | None = None,
        also: Callable[[Page, StateContext], list[Finding]] | None = None,
    ) -> CaptureResult:
        """Capture ``page``; a page that navigates away meanwhile is judged and captured once
        more, then the state is inconclusive (page-health gate: `NavigationWatch`, `settle`).

        ``also`` runs last, on this state only, and adds its findings (the state explorer:
        leganto_qa.explore.explorer.Explorer)."""
        start, cause = page.url, ""
        for attempt in range(2):
            watch = NavigationWatch(page)
            try:
                return self._capture(
                    page, state, role, locale, steps, reach_again, watch, cause, also
                )
            except (_Moved, PlaywrightError) as exc:
                moved_to = watch.moved_to(exc)
                if moved_to is None:
                    raise
                settle(page, start)  # raises where the page went: a login or error page
                cause = f"navigated to {short_url(moved_to)} during the capture; captured again"
                if attempt:
                    raise PageUnhealthy(
                        f"page unhealthy: {short_url(start)} kept navigating during the capture "
                        f"(to {short_url(moved_to)}); nothing was judged, run again later"
                    ) from None
            finally:
                watch.stop()
        raise AssertionError("unreachable")  # pragma: no cover

    def _capture(
        self,
        page: Page,
        state: str,
        role: str,
        locale: str,
        steps: tuple[str, ...],
        reach_again: Callable[[Page], None] | None,
        watch: NavigationWatch,
        retried: str,
        also: Callable[[Page, StateContext], list[Finding]] | None = None,
    ) -> CaptureResult:
        """Scan ``page`` (its state already confirmed) and keep the evidence."""
        url = self.run.redactor.text(page.url)
        where = StateContext(page_state=state, locale=locale, role=role, url=url)
        result = scan(page, where)
        findings = self._confirmed(page, where, self._redacted(result.findings), reach_again)
        if not self.run.axe_only:
            findings = with_boxes(page, findings)
        folder = self.run.layout.state_dir(state, locale, role)
        evidence = self._keep_evidence(page, folder, result.raw_json or result.raw)
        if not hold_still(page):  # the DOM changed under the capture; now quiet: take it again
            again = (page, state, role, locale, steps, reach_again, watch, retried, also)
            return self._capture(*again)
        if watch.stop():  # axe, screenshot and ARIA snapshot may have seen different pages
            raise _Moved
        # Browser checks (leganto_qa.checks) after the evidence: some press keys or close popups.
        checked = checks_for_state(self.run, page, where, folder)
        findings = findings + self._redacted(checked.findings)
        if self.more_findings is not None:
            findings = findings + self._redacted(self.more_findings(page, where))
        if also is not None:
            findings = findings + self._redacted(also(page, where))
        findings = merged_sources(findings)  # one element and criterion seen by axe and a check
        record = PageStateRecord(
            id=state,
            role=role,
            locale=locale,
            url=url,
            title=self.run.redactor.text(page.title()),
            test=self.test,
            steps=steps,
            screenshot=evidence.screenshot,
            axe_raw=evidence.axe_raw,
            aria_snapshot=evidence.aria_snapshot,
            finding_count=len(findings),
            check_seconds=checked.seconds,
            checks_not_completed=checked.not_completed,
            frames_not_scanned=[u.to_dict() for u in result.untested],
            health="retried" if retried else "ok",
            health_cause=retried,
        )
        write_part(
            self.run.layout,
            self.run.worker,
            "page_state",
            {"state": record.to_dict(), "findings": [f.to_dict() for f in findings]},
            self.run.redactor,
        )
        new = [
            f
            for f in findings
            if f.kind == "wcag" and not self._accepted(f) and f.confirmed is not False
        ]
        return CaptureResult(state=record, findings=findings, new=new, screenshot=evidence.png)

    def _keep_evidence(self, page: Page, folder: Path, axe_raw: Any) -> _Evidence:
        """axe's raw result, and (unless axe-only) the screenshot and the ARIA snapshot."""
        axe_path = folder / "axe.json"
        text = axe_raw if isinstance(axe_raw, str) else json.dumps(axe_raw, indent=1)
        write_text_atomic(axe_path, self.run.redactor.text(text))
        evidence = _Evidence(axe_raw=self.run.layout.relative(axe_path))
        if not self.run.axe_only:
            evidence.png = screenshot(page, self.run.redactor)
            write_bytes_atomic(folder / "screenshot.png", evidence.png)
            evidence.screenshot = self.run.layout.relative(folder / "screenshot.png")
            aria = page.locator("body").aria_snapshot()
            write_text_atomic(folder / "aria.yaml", self.run.redactor.text(aria) + "\n")
            evidence.aria_snapshot = self.run.layout.relative(folder / "aria.yaml")
        return evidence

    def _confirmed(
        self,
        page: Page,
        where: StateContext,
        findings: list[Finding],
        reach_again: Callable[[Page], None] | None,
    ) -> list[Finding]:
        """With a baseline, findings it lacks are checked once more in a fresh page reached by
        ``reach_again`` (contrast and animation are flaky); only those seen again count as new."""
        unaccepted = [f for f in findings if f.kind == "wcag" and not self._accepted(f)]
        if not (unaccepted and self.run.accepted and reach_again is not None):
            return findings
        again = self._rescan(page, where, reach_again)
        return [
            replace(f, confirmed=f.fingerprint in again) if f in unaccepted else f for f in findings
        ]

    def _redacted(self, findings: list[Finding]) -> list[Finding]:
        """Findings as stored and reported: secrets out of their HTML, summaries and URLs."""
        redact = self.run.redactor.json
        return [Finding.from_dict(redact(f.to_dict())) for f in findings]

    def _accepted(self, finding: Finding) -> bool:
        return finding.fingerprint in self.run.accepted or finding.problem in self.run.accepted

    @staticmethod
    def _rescan(page: Page, where: StateContext, reach_again: Callable[[Page], None]) -> set[str]:
        fresh = page.context.new_page()
        try:
            reach_again(fresh)
            return {f.fingerprint for f in scan(fresh, where).findings}
        finally:
            close_page(fresh)
