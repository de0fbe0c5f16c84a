"""The widget checks (``leganto_qa.checks.widgets``) on what the explorer opened, as findings of
the parent page state."""

from __future__ import annotations

import importlib
import time
from dataclasses import asdict, dataclass
from types import ModuleType

from playwright.sync_api import Page

from leganto_qa.checks.base import CheckContext
from leganto_qa.checks.check_runner import findings_from_problems
from leganto_qa.checks.rules import RULES
from leganto_qa.model.findings import Finding, StateContext


@dataclass(frozen=True)
class OpenedWidget:
    """What one control opened (the shape of ``leganto_qa.checks.widgets.OpenedWidget``)."""

    trigger: str
    """CSS selector of the control that opens it (top frame)."""
    name: str
    kind: str
    """``dialog``, ``menu``, ``disclosure``, ``tooltip``, ``tabs``, ``listbox`` or ``other``."""
    how: str
    """How the explorer opened it: ``click``, ``enter``, ``space``, ``hover`` or ``focus``."""
    region: str | None
    """CSS selector of the content it revealed, when known."""


def _widget_checks() -> ModuleType | None:
    """The widget checks, when this installation has them."""
    try:
        return importlib.import_module("leganto_qa.checks.widgets")
    except ImportError:
        return None


def widget_findings(
    page: Page, where: StateContext, opened: list[OpenedWidget], deadline: float
) -> list[Finding]:
    """Findings (of the parent state ``where``) of the widget checks on each opened widget.

    The page is in the parent state; each check opens its widget by keyboard, checks it and
    closes it again. No widget is begun after ``deadline`` (``time.monotonic()``): the
    explorer's budget covers them too.
    """
    checks = _widget_checks()
    if checks is None or not opened:
        return []
    findings: list[Finding] = []
    for widget in opened:
        if widget.kind == "other":
            continue
        if time.monotonic() >= deadline:
            break
        ctx = CheckContext(page=page, where=where)
        problems = checks.widget_problems(ctx, checks.OpenedWidget(**asdict(widget)))
        known = [p for p in problems if p.rule in RULES]  # a rule not in the catalogue yet
        findings += [finding for finding, _ in findings_from_problems(known, where)]
    return findings
