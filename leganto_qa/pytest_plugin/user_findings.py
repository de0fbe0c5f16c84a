"""Findings a project's own hooks add to a page state (``pytest_leganto_state_captured``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pytest
from playwright.sync_api import Page

from leganto_qa.model.findings import (
    Element,
    Finding,
    StateContext,
    normalise_selector,
    shorten_html,
)


class AddFinding(Protocol):
    """``add_finding(rule, description, ...)``, as passed to the hook."""

    def __call__(
        self,
        rule: str,
        description: str,
        *,
        selector: str = "",
        html: str = "",
        criteria: Sequence[str] = (),
        level: str | None = None,
        impact: str = "moderate",
        help_url: str = "",
        identity: str | None = None,
        kind: str | None = None,
    ) -> Finding: ...


class UserFindings:
    """Collects the findings the hooks add for one page state."""

    def __init__(self, where: StateContext) -> None:
        self.where = where
        self.findings: list[Finding] = []

    def add(
        self,
        rule: str,
        description: str,
        *,
        selector: str = "",
        html: str = "",
        criteria: Sequence[str] = (),
        level: str | None = None,
        impact: str = "moderate",
        help_url: str = "",
        identity: str | None = None,
        kind: str | None = None,
    ) -> Finding:
        """One finding of ``rule`` at ``selector`` (optional); its fingerprint is stable."""
        elements = (Element((), selector, shorten_html(html), description),) if selector else ()
        finding = Finding.seen(
            self.where,
            source=f"user:{rule}",
            kind=kind or ("wcag" if criteria else "best-practice"),
            rule=rule,
            criteria=tuple(criteria),
            level=level,
            impact=impact,
            description=description,
            help_url=help_url,
            identity=identity or normalise_selector(selector) or rule,
            elements=elements,
        )
        self.findings.append(finding)
        return finding


def hook_findings(config: pytest.Config, page: Page, where: StateContext) -> list[Finding]:
    """Ask every ``pytest_leganto_state_captured`` implementation for its findings."""
    collected = UserFindings(where)
    config.hook.pytest_leganto_state_captured(page=page, state=where, add_finding=collected.add)
    return collected.findings
