"""The widget checks (``leganto_qa.checks.widgets``) on what the explorer opened, as findings of
the parent page state."""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from leganto_qa.checks.base import CheckContext
from leganto_qa.checks.budget import Budget, CheckNotCompleted
from leganto_qa.checks.check_runner import findings_from_problems
from leganto_qa.checks.rules import RULES
from leganto_qa.checks.widgets import OpenedWidget, WidgetNotRestored, widget_problems
from leganto_qa.model.findings import Finding, StateContext

__all__ = ["OpenedWidget", "widget_findings"]


def widget_findings(
    page: Page,
    where: StateContext,
    opened: list[OpenedWidget],
    deadline: float,
    reach_again: Callable[[Page], None] | None = None,
) -> list[Finding]:
    """Findings (of the parent state ``where``) of the widget checks on each opened widget.

    The page is in the parent state; each check opens its widget by keyboard, checks it and
    closes it again. No widget is begun after ``deadline`` (``time.monotonic()``): the
    explorer's budget covers them too. A widget the checks could not close again is left with
    what it found so far; the page is reached afresh (``reach_again``) or the rest are skipped.
    """
    findings: list[Finding] = []
    for widget in opened:
        if widget.kind == "other":
            continue
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ctx = CheckContext(page=page, where=where, budget=Budget(left))
        try:
            problems = widget_problems(ctx, widget)
        except (CheckNotCompleted, PlaywrightError):
            continue
        except WidgetNotRestored:
            if reach_again is None:
                break
            reach_again(page)
            continue
        known = [p for p in problems if p.rule in RULES]  # a rule not in the catalogue yet
        findings += [finding for finding, _ in findings_from_problems(known, where)]
    return findings
