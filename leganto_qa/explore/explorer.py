"""Opening what a user can open on a page state, scanning each new state, restoring the page.

:class:`Explorer` is given to the parent state's capture (``capture_state(..., also=explorer)``):
after the parent's own scan it tries each candidate control, captures every state whose DOM
really changed as a child page state ``<state> \u203a <name>``, restores the page and
confirms it is back, then runs the widget checks on each opened widget and returns their
problems as findings of the parent state.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from leganto_qa.browser.page_close import close_page
from leganto_qa.compare.explored_changes import SEPARATOR
from leganto_qa.explore.page_probe import Candidate, Signature, candidates, quiet, signature
from leganto_qa.explore.settings import ExploreSettings
from leganto_qa.explore.widget_findings import OpenedWidget, widget_findings
from leganto_qa.model.errors import PageUnhealthy
from leganto_qa.model.findings import Finding, StateContext
from leganto_qa.scanning.state_capture import CaptureResult

Capture = Callable[..., CaptureResult]
"""``capture_state(page, state, role, locale, steps, reach_again)``."""
Reach = Callable[[Page], None]
TRIES_PER_STATE = 4
"""Controls tried per state kept, at most: a click that changes nothing costs little."""
ACTION_MS = 2000
"""How long one click, hover or focus may wait for its control to be actionable."""


@dataclass(frozen=True)
class Explored:
    """A child page state the explorer opened and captured."""

    state: str
    widget: OpenedWidget
    result: CaptureResult
    seconds: float = 0.0
    """What capturing it took (axe, evidence, checks)."""


@dataclass
class ExploreOutcome:
    """What exploring one page state did."""

    children: list[Explored] = field(default_factory=list)
    tried: int = 0
    left_page: list[str] = field(default_factory=list)
    """Names of controls whose click left the page (not followed; the page was reached again)."""
    unchanged: list[str] = field(default_factory=list)
    not_captured: list[str] = field(default_factory=list)
    """Opened states whose capture failed (``state: why``); the page was restored after each."""
    stopped: str = ""
    """Why exploring ended early (budget spent, page not restored); empty when it did not."""
    seconds: float = 0.0


class Explorer:
    """The exploration of one page state; call it as ``also`` of the state's capture."""

    def __init__(
        self,
        capture: Capture,
        settings: ExploreSettings,
        *,
        steps: tuple[str, ...] = (),
        reach_again: Reach | None = None,
        widget_checks: bool = True,
        locales: frozenset[str] | None = None,
    ) -> None:
        self.capture = capture
        self.settings = settings
        self.steps = steps
        self.reach_again = reach_again
        self.widget_checks = widget_checks
        self.locales = locales
        """Explore only in these locales (None: in every one)."""
        self.outcome = ExploreOutcome()

    @property
    def new(self) -> list[Finding]:
        """WCAG findings of the child states that the baseline lacks."""
        return [f for child in self.outcome.children for f in child.result.new]

    def describe_new(self) -> str:
        return "\n".join(c.result.describe_new() for c in self.outcome.children if c.result.new)

    def __call__(self, page: Page, where: StateContext) -> list[Finding]:
        """Explore ``page`` (the confirmed state ``where``); widget findings of the parent."""
        if not self.settings.enabled or self.settings.max_states <= 0:
            return []
        if self.locales is not None and where.locale not in self.locales:
            return []
        started = time.monotonic()
        try:
            self._explore(page, where, started + self.settings.budget_s)
            if not self.widget_checks or self.outcome.stopped.startswith("page"):
                return []
            widgets = [c.widget for c in self.outcome.children]
            deadline = started + self.settings.budget_s
            return widget_findings(page, where, widgets, deadline, self.reach_again)
        finally:
            self.outcome.seconds = round(time.monotonic() - started, 2)

    def _explore(self, page: Page, where: StateContext, deadline: float) -> None:
        quiet(page, history=True)  # the state was just captured: quiet unless it moved since
        base = signature(page)
        seen: set[Signature] = {base}
        names: set[str] = set()
        for candidate in candidates(page, self.settings.max_states * TRIES_PER_STATE):
            if len(self.outcome.children) >= self.settings.max_states:
                break
            if time.monotonic() >= deadline:
                self.outcome.stopped = "budget of seconds spent"
                break
            self.outcome.tried += 1
            opened = _operate(page, candidate)
            now = _signature_or_none(page)
            if opened is None or now is None:
                pass  # not operable (covered, gone), or the page is between documents
            elif not now.same_page(base):
                self.outcome.left_page.append(candidate.name)
            elif _same(now, base) or now in seen:
                self.outcome.unchanged.append(candidate.name)
            else:
                seen.add(now)
                self._keep(page, where, candidate, opened, base, now, names)
            base = self._restore(page, candidate, base)
            if not base.url:
                self.outcome.stopped = "page not restored after " + repr(candidate.name)
                break

    def _keep(
        self,
        page: Page,
        where: StateContext,
        candidate: Candidate,
        how: str,
        before: Signature,
        after: Signature,
        names: set[str],
    ) -> None:
        """Capture the opened state as a child page state of ``where``."""
        label = candidate.name or candidate.role
        name, n = label, 1
        while name in names:
            n += 1
            name = f"{label} ({n})"
        names.add(name)
        state = f"{where.page_state}{SEPARATOR}{name}"
        verb = {"click": "click", "hover": "hover over", "focus": "focus"}[how]
        steps = (*self.steps, f"{verb} {candidate.role} '{candidate.name}'")
        reach = self.reach_again

        def reach_child(fresh: Page) -> None:
            assert reach is not None
            reach(fresh)
            _operate(fresh, candidate)

        started = time.monotonic()
        try:
            result = self.capture(
                page, state, where.role, where.locale, steps, reach_child if reach else None
            )
        except (PageUnhealthy, PlaywrightError) as exc:  # the opened state would not hold still
            self.outcome.not_captured.append(f"{state}: {str(exc).splitlines()[0]}")
            return
        seconds = round(time.monotonic() - started, 2)
        new_popups = [p for p in after.popups if p not in before.popups]
        widget = OpenedWidget(
            trigger=candidate.selector,
            name=candidate.name,
            kind=_kind(candidate, new_popups),
            how=how,
            region=new_popups[0].partition("|")[2] if new_popups else None,
        )
        self.outcome.children.append(Explored(state, widget, result, seconds))

    def _restore(self, page: Page, candidate: Candidate, base: Signature) -> Signature:
        """Bring the page back to ``base``; the signature it is back in (empty text: failed)."""
        attempts: list[Callable[[], None]] = [
            lambda: _leave(page),
            lambda: page.keyboard.press("Escape"),
        ]
        if candidate.kind in ("disclosure", "menu", "listbox", "other"):
            attempts.append(lambda: _click(page, candidate))
        for attempt in attempts:
            now = _signature_or_none(page)
            if now is not None and _same(now, base):
                return now
            if now is None or not now.same_page(base):
                break
            try:
                attempt()
            except PlaywrightError:
                continue
            quiet(page)
        now = _signature_or_none(page)
        if now is not None and _same(now, base):
            return now
        if self.reach_again is None:
            return Signature("", 0, (), "")
        self.reach_again(page)
        quiet(page)
        again = signature(page)
        # Reached afresh, the page is the parent state by definition; live content (a clock,
        # a count) may differ, so the fresh signature is the new reference.
        return again


_OPENED_KINDS = (
    ("dialog", "dialog"),
    ("alertdialog", "dialog"),
    ("menu", "menu"),
    ("listbox", "listbox"),
    ("tooltip", "tooltip"),
)
"""A new popup's role → what the widget checks call it, most specific first."""


def _same(a: Signature, b: Signature) -> bool:
    return a.text == b.text and a.count == b.count and a.popups == b.popups and a.same_page(b)


def _signature_or_none(page: Page) -> Signature | None:
    try:
        return signature(page)
    except PlaywrightError:
        return None


def _kind(candidate: Candidate, new_popups: list[str]) -> str:
    """What opened, by what appeared rather than what the trigger promised."""
    roles = [popup.partition("|")[0] for popup in new_popups]
    for role, kind in _OPENED_KINDS:
        if role in roles:
            return kind
    return {"overlay": "dialog", "tabs": "tabs"}.get(candidate.kind, candidate.kind)


def _click(page: Page, candidate: Candidate) -> None:
    page.locator(candidate.locator_selector).first.click(timeout=ACTION_MS)


def _leave(page: Page) -> None:
    """Move the pointer away and take focus off the control (a hover or focus popup closes)."""
    page.mouse.move(0, 0)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")


def _operate(page: Page, candidate: Candidate) -> str | None:
    """Operate ``candidate`` as a user would; how it was operated, None when it could not be."""
    control = page.locator(candidate.locator_selector).first
    pages_before = list(page.context.pages)
    try:
        if candidate.how == "hover":
            before = signature(page)
            control.hover(timeout=ACTION_MS)
            quiet(page)
            if _same(signature(page), before):  # nothing on hover: try keyboard focus
                control.focus(timeout=ACTION_MS)
                quiet(page)
                return "focus"
            return "hover"
        control.click(timeout=ACTION_MS)
    except PlaywrightError:
        return None
    finally:
        _close_new_pages(page, pages_before)
    quiet(page)
    return "click"


def _close_new_pages(page: Page, before: list[Page]) -> None:
    """A control that opened a new tab or window: close it (it leaves the page state)."""
    for other in page.context.pages:
        if other not in before and other is not page:
            close_page(other)
