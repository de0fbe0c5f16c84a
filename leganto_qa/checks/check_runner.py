"""Run the selected browser checks on a page state: findings, costs and screenshots."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Request

from leganto_qa.checks.base import CheckContext, Problem, find_scope
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


def run_checks(page: Page, where: StateContext, names: tuple[str, ...]) -> ChecksOutcome:
    """Run ``names`` (registry order) on ``page``; a check that errors is recorded, not fatal."""
    outcome = ChecksOutcome()
    if not names:
        return outcome
    ctx = CheckContext(page=page, where=where, scope=find_scope(page))
    navigations: list[Request] = []

    def on_request(request: Request) -> None:
        if request.is_navigation_request() and request.frame == page.main_frame:
            navigations.append(request)

    page.on("request", on_request)
    try:
        for check in selected(names):
            started = time.perf_counter()
            try:
                problems = [] if navigations and ctx.navigated else check.run(ctx)
            except PlaywrightError as exc:
                problems = []
                outcome.errors[check.name] = str(exc).splitlines()[0][:300]
            ctx.navigated = ctx.navigated or bool(navigations)
            outcome.seconds[check.name] = round(time.perf_counter() - started, 3)
            for finding, shot in findings_from_problems(problems, where):
                outcome.findings.append(finding)
                if shot is not None:
                    outcome.shots.setdefault(finding.fingerprint, shot)
    finally:
        page.remove_listener("request", on_request)
        _settle_navigation(page, navigations)
    outcome.findings = _merged(outcome.findings)
    return outcome


def _settle_navigation(page: Page, navigations: list[Request]) -> None:
    """A check made the page navigate: let it finish, so the next goto is not interrupted."""
    if not navigations:
        return
    try:
        navigations[-1].response()
        page.wait_for_load_state("load", timeout=15_000)
    except PlaywrightError:
        pass  # the next page state navigates anyway


def for_state(run: RunContext, page: Page, where: StateContext, folder: Path) -> ChecksOutcome:
    """The capture step: the run's checks on one page state (default locale unless told)."""
    if run.axe_only or not run.checks:
        return ChecksOutcome()
    if not run.checks_all_locales and where.locale != run.sandbox.default_locale:
        return ChecksOutcome()
    outcome = run_checks(page, where, run.checks)
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
