"""One opened widget under the widget checks: its page scripts, opening, waiting, closing.

See :mod:`leganto_qa.checks.widgets`. Every call into the page goes through the check's budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from leganto_qa.checks.base import CheckContext, js

KINDS = ("dialog", "menu", "disclosure", "tooltip", "tabs", "listbox", "other")
OPEN_WAIT_S = 0.8
"""Longest wait for a widget to open or close after a key, a click or a hover."""
CLICK_WAIT_S = 3.0
"""Longest wait for a control to take a click (Playwright's actionability checks)."""
MAX_TABS_TO_ITEMS = 8
"""Most Tab presses from the trigger to reach the items of an open menu."""
NO_WIDGET = "lqa:no-widget"

_LIB = js("widget_lib")
_STATE = js("widget_state")
_WAIT = js("widget_open_wait")
_FOCUS = js("widget_focus")
_CLOSE_BUTTON = js("widget_close_button")


@dataclass(frozen=True)
class OpenedWidget:
    """A widget the explorer opened: its control, what it is, how it opened, what it showed."""

    trigger: str
    """CSS selector of the control that opens it (top frame)."""
    name: str
    """Its accessible name (for state names and sentences)."""
    kind: str
    """``dialog``, ``menu``, ``disclosure``, ``tooltip``, ``tabs``, ``listbox`` or ``other``."""
    how: str
    """How the explorer opened it: ``click``, ``enter``, ``space``, ``hover`` or ``focus``."""
    region: str | None
    """CSS selector of the content it revealed, when known."""


class WidgetNotRestored(Exception):
    """The widget stayed open (or the page left) after the checks tried to close it."""


@dataclass
class Session:
    """One widget under check: the context, the widget, and its region once known."""

    ctx: CheckContext
    opened: OpenedWidget
    region: str | None = None
    url: str = ""

    def arg(self, **extra: Any) -> dict[str, Any]:
        return {
            "trigger": self.opened.trigger,
            "region": self.region,
            "kind": self.opened.kind,
            **extra,
        }

    def call(self, source: str, arg: Any = None) -> Any:
        """Run a widget script in the top frame (installing the widget toolkit when missing)."""
        frame = self.ctx.page.main_frame
        result = self.ctx.call(frame, source, arg)
        if isinstance(result, str) and result == NO_WIDGET:
            self.ctx.call(frame, _LIB)
            result = self.ctx.call(frame, source, arg)
        return result

    def state(self, base: bool = False) -> dict[str, Any]:
        """Whether the widget is open, its trigger and region (learns the region's selector)."""
        found: dict[str, Any] = self.call(_STATE, self.arg(base=base))
        if found.get("found") and found["open"] and found["regionKnown"] and self.region is None:
            self.region = str(found["regionSel"])
        return found

    def wait(self, want_open: bool, seconds: float = OPEN_WAIT_S) -> bool:
        """Wait until the widget is open (or closed); False when it did not get there in time."""
        return self._poll(self.arg(open=want_open), seconds)

    def wait_focus_inside(self, seconds: float = OPEN_WAIT_S) -> bool:
        """Wait until keyboard focus is inside the widget's region; False when it never is."""
        return self._poll(self.arg(focus=True), seconds)

    def _poll(self, arg: dict[str, Any], seconds: float) -> bool:
        """Poll ``widget_open_wait.js`` every 50 ms for ``seconds``; look once more at the end
        (on a busy machine the last poll may not have run)."""
        self.call(_STATE, self.arg())  # the toolkit is installed before the page polls
        self.ctx.budget.ensure()
        try:
            self.ctx.page.wait_for_function(
                _WAIT, arg=arg, timeout=self.ctx.budget.wait_ms(seconds), polling=50
            )
        except PlaywrightTimeoutError:
            return bool(self.ctx.call(self.ctx.page.main_frame, _WAIT, arg))
        return True

    def focus(self, op: str = "where") -> dict[str, Any]:
        """Focus the trigger (``trigger``), take focus away (``blur``), or say where it is."""
        where: dict[str, Any] = self.call(_FOCUS, {"op": op})
        return where

    def press(self, key: str) -> None:
        """Press ``key`` (raises :class:`WidgetNotRestored` when it leaves the page)."""
        self.ctx.budget.ensure()
        self.ctx.page.keyboard.press(key)
        self.check_still_here(key)

    def click_trigger(self) -> None:
        self.ctx.budget.ensure()
        self.ctx.page.locator(self.opened.trigger).first.click(
            timeout=self.ctx.budget.wait_ms(CLICK_WAIT_S)
        )
        self.check_still_here("a click")

    def check_still_here(self, what: str) -> None:
        if urldefrag(self.ctx.page.url).url != urldefrag(self.url).url:
            self.ctx.navigated = True
            raise WidgetNotRestored(
                f"{what} on {self.opened.name!r} left the page for {self.ctx.page.url}"
            )

    def start(self) -> str:
        """:meth:`word` at the start of a sentence: "The dialog 'Share list'"."""
        word = self.word()
        return word[:1].upper() + word[1:]

    def word(self) -> str:
        """How a sentence names the widget: "the dialog 'Share list'"."""
        kind = self.opened.kind if self.opened.kind != "other" else "content"
        return f"the {kind} '{self.opened.name}'" if self.opened.name else f"its {kind}"


def restore(session: Session) -> None:
    """Close the widget: move the pointer away, Escape, the first tab, a click on the trigger,
    its close button; raise :class:`WidgetNotRestored` when it stays open."""
    ctx = session.ctx
    with ctx.budget.restore():
        state = session.state()
        if not state["open"] and not _hover_kind(session):
            return
        for step in _closing_steps(session, _toggles(session, state)):
            try:
                step()
            except PlaywrightError:
                continue
            if session.wait(False):
                return
        raise WidgetNotRestored(
            f"{session.start()} stayed open after Escape, its close button and a click on "
            "its control"
        )


def _hover_kind(session: Session) -> bool:
    return session.opened.kind == "tooltip" or session.opened.how in ("hover", "focus")


def _toggles(session: Session, state: dict[str, Any]) -> bool:
    """Whether a click on the trigger closes what it opened (a disclosure, a navigation list),
    rather than Escape (dialogs, menus, listboxes)."""
    if session.opened.kind in ("disclosure", "other"):
        return True
    return (
        session.opened.kind == "menu"
        and state["popup"] in ("", "false")
        and state["regionRole"] not in ("menu", "listbox", "dialog")
    )


def _closing_steps(session: Session, toggles: bool) -> list[Any]:
    ctx = session.ctx
    steps: list[Any] = []
    if _hover_kind(session):
        steps.append(lambda: _pointer_and_focus_away(session))
    home = ctx.cache.get(f"widget-home {session.opened.trigger}")
    if home:  # tabs: select the tab that was selected
        steps.append(lambda: ctx.page.locator(home).first.click(timeout=CLICK_WAIT_S * 1000))
    toggles = toggles and not home
    if toggles:  # what a click opened, a click closes; Escape does not close a disclosure
        steps.append(session.click_trigger)
    steps.append(lambda: ctx.page.keyboard.press("Escape"))
    steps.append(lambda: _click_close_button(session))
    if not toggles and not home and not _hover_kind(session):
        steps.append(lambda: _click_uncovered_trigger(session))
    return steps


def _pointer_and_focus_away(session: Session) -> None:
    session.ctx.page.mouse.move(0, 0)
    session.focus("blur")


def _click_uncovered_trigger(session: Session) -> None:
    """Click the trigger unless something (a modal's backdrop) lies over it."""
    if not session.state()["covered"]:
        session.click_trigger()


def _click_close_button(session: Session) -> None:
    button = session.call(_CLOSE_BUTTON)
    if button:
        session.ctx.page.locator(str(button)).first.click(timeout=CLICK_WAIT_S * 1000)
