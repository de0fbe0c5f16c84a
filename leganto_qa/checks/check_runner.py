"""Run the selected browser checks on a page state: findings, costs and screenshots.

Each check gets a budget (:data:`~leganto_qa.checks.budget.CHECK_BUDGET_S` unless told). A check
that overruns it, or fails, is abandoned: the page is restored (viewport, styles, font sizes) and
the page state records it under ``checks_not_completed`` (check, phase, reason), never as a
pass; the next check runs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Request, ViewportSize

from leganto_qa.checks.base import CheckContext, Problem, call, find_scope, js
from leganto_qa.checks.budget import CHECK_BUDGET_S, Budget, CheckNotCompleted
from leganto_qa.checks.registry import selected
from leganto_qa.checks.rules import RULES
from leganto_qa.config.run_context import RunContext
from leganto_qa.model.findings import (
    Finding,
    StateContext,
    normalise_selector,
    shorten_html,
)
from leganto_qa.model.storage import write_bytes_atomic

SHOTS_DIR = "checks"
"""Outlined screenshots go to ``<state folder>/checks/<fingerprint>.png``."""


@dataclass
class ChecksOutcome:
    """What the checks of one page state found, and what each cost (seconds)."""

    findings: list[Finding] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    shots: dict[str, bytes] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    not_completed: list[dict[str, str]] = field(default_factory=list)
    """Checks abandoned on this page state: ``{"check", "phase", "reason"}`` each."""

    def gap(self, check: str, phase: str, reason: str) -> None:
        """Record that ``check`` did not complete (a coverage gap, never a pass)."""
        self.not_completed.append({"check": check, "phase": phase, "reason": reason})


_RESTORE = js("restore")


def run_checks(
    page: Page,
    where: StateContext,
    names: tuple[str, ...],
    budget_s: float = CHECK_BUDGET_S,
) -> ChecksOutcome:
    """Run ``names`` (registry order) on ``page``, each within ``budget_s`` seconds.

    A check that errors or overruns is recorded as not completed, not fatal.
    """
    outcome = ChecksOutcome()
    if not names:
        return outcome
    ctx = CheckContext(page=page, where=where, scope=find_scope(page))
    viewport = page.viewport_size
    navigations: list[Request] = []

    def on_request(request: Request) -> None:
        if request.is_navigation_request() and request.frame == page.main_frame:
            navigations.append(request)

    page.on("request", on_request)
    try:
        for check in selected(names):
            started = time.perf_counter()
            ctx.budget = Budget(budget_s)
            try:
                problems = [] if navigations and ctx.navigated else check.run(ctx)
            except CheckNotCompleted as exc:
                problems = []
                outcome.gap(check.name, exc.phase, exc.reason)
                _restore(ctx, viewport)
            except PlaywrightError as exc:
                problems = []
                outcome.errors[check.name] = str(exc).splitlines()[0][:300]
                outcome.gap(check.name, ctx.budget.phase, outcome.errors[check.name])
                _restore(ctx, viewport)
            ctx.navigated = ctx.navigated or bool(navigations)
            outcome.seconds[check.name] = round(time.perf_counter() - started, 3)
            for finding, shot in findings_from_problems(problems, where):
                outcome.findings.append(finding)
                if shot is not None:
                    outcome.shots.setdefault(finding.fingerprint, shot)
    finally:
        page.remove_listener("request", on_request)
        _settle_navigation(page, navigations)
    for url in ctx.unloaded.values():
        outcome.gap("all", "frames", f"a frame never loaded ({url}); its content was not checked")
    outcome.findings = _merged(outcome.findings)
    return outcome


def _restore(ctx: CheckContext, viewport: ViewportSize | None) -> None:
    """Put the page back as the checks found it after a check was abandoned half-way."""
    if ctx.page.is_closed():
        return
    try:
        if viewport and ctx.page.viewport_size != viewport:
            ctx.page.set_viewport_size(viewport)
        for frame in ctx.frames():
            call(frame, _RESTORE)
    except PlaywrightError:
        pass  # a frame that went away has nothing left to restore


def _settle_navigation(page: Page, navigations: list[Request]) -> None:
    """A check made the page navigate: let it finish, so the next goto is not interrupted."""
    if not navigations:
        return
    try:
        navigations[-1].response()
        page.wait_for_load_state("load", timeout=15_000)
    except PlaywrightError:
        pass  # the next page state navigates anyway


def for_state(
    run: RunContext,
    page: Page,
    where: StateContext,
    folder: Path,
    budget_s: float | None = None,
) -> ChecksOutcome:
    """The capture step: the run's checks on one page state (default locale unless told).

    Each check gets ``budget_s`` seconds, else the config's ``[harness] check_budget_s``.
    """
    if run.axe_only or not run.checks:
        return ChecksOutcome()
    if not run.checks_all_locales and where.locale != run.sandbox.default_locale:
        return ChecksOutcome()
    budget = budget_s if budget_s is not None else run.harness.check_budget_s
    outcome = run_checks(page, where, run.checks, budget)
    save_shots(folder, outcome.shots)
    return outcome


def findings_from_problems(
    problems: list[Problem], where: StateContext
) -> list[tuple[Finding, bytes | None]]:
    """One finding per problem (source ``check:<rule>``), identity = the element's selector."""
    out: list[tuple[Finding, bytes | None]] = []
    for problem in problems:
        rule = RULES[problem.rule]
        first = problem.spots[0] if problem.spots else None
        identity = (
            normalise_selector(" | ".join((*first.frame_path, first.selector))) if first else "page"
        )
        source = f"check:{rule.id}"
        elements = tuple(replace(s, html=shorten_html(s.html)) for s in problem.spots)
        finding = Finding.seen(
            where,
            source=source,
            kind="wcag",
            rule=rule.id,
            criteria=rule.criteria,
            level=rule.level,
            impact=rule.impact,
            description=problem.sentence,
            help_url=rule.help_url,
            identity=identity,
            elements=elements,
        )
        out.append((finding, problem.shot))
    return out


def _merged(findings: list[Finding]) -> list[Finding]:
    """Problems of one rule on one identity become one finding (elements kept in order)."""
    by_print: dict[str, Finding] = {}
    for finding in findings:
        known = by_print.get(finding.fingerprint)
        if known is None:
            by_print[finding.fingerprint] = finding
            continue
        seen = {e.selector for e in known.elements}
        extra = tuple(e for e in finding.elements if e.selector not in seen)
        if extra:
            by_print[finding.fingerprint] = replace(known, elements=known.elements + extra)
    return list(by_print.values())


def save_shots(folder: Path, shots: dict[str, bytes]) -> None:
    """Write each finding's outlined screenshot next to the page state's files."""
    for name, png in sorted(shots.items()):
        write_bytes_atomic(folder / SHOTS_DIR / f"{name}.png", png)
