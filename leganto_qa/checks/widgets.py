"""Widget checks on what the state explorer opened (WCAG 2.1.1, 2.1.2, 2.4.3, 1.4.13).

The explorer (``leganto_qa.explore``) opens a widget with the pointer or a key, scans the new
state, restores the page and hands the widget here as an :class:`OpenedWidget`. With the page
closed again, :func:`widget_problems` opens it by keyboard (Enter and Space for buttons, arrow
keys for tabs, focus for tooltips), checks what it shows (a dialog takes focus, keeps it, closes
on Escape and gives focus back; a menu's items are reached and Escape closes it; a tooltip stays,
can be hovered and dismissed), checks that its closed content takes no focus, and leaves the page
closed. Every call into the page goes through the check's budget.
"""

from __future__ import annotations

from typing import Any

from leganto_qa.checks import widget_kinds
from leganto_qa.checks.base import CheckContext, Problem, js, spot
from leganto_qa.checks.widget_session import (
    KINDS,
    OpenedWidget,
    Session,
    WidgetNotRestored,
    restore,
)

__all__ = ["KINDS", "WIDGET_RULES", "OpenedWidget", "WidgetNotRestored", "widget_problems"]

WIDGET_RULES = (
    "widget-keyboard",
    "dialog-focus",
    "dialog-escape",
    "focus-return",
    "hover-content",
    "hidden-focusable",
)
"""The rules :func:`widget_problems` reports."""
MAX_HIDDEN = 20
"""Most focusable elements tried inside one closed widget."""

_HIDDEN = js("widget_hidden_focus")


def widget_problems(ctx: CheckContext, opened: OpenedWidget) -> list[Problem]:
    """Called with the page in the CLOSED state (the explorer restored it). Opens the widget
    by keyboard (and hover/focus for tooltips), checks it, closes it, and leaves the page
    closed again. Returns Problems of widget rules (source check:<rule>). A widget already
    open in the page state (a section expanded by default) or not found is left alone.

    Raises :class:`WidgetNotRestored` when the page cannot be closed again (the caller reloads).
    """
    session = Session(ctx, opened, opened.region, ctx.page.url)
    ctx.budget.enter(f"widget {opened.name!r}")
    first = session.state(base=True)
    if not first.get("found") or first["open"]:
        return []  # gone, or open in the page state itself (a section shown expanded): the
        # explorer's new state closed it, and there is nothing to open
    problems: list[Problem] = []
    try:
        problems += widget_kinds.check_kind(session)
        restore(session)
        problems += hidden_focusable(session)
    finally:
        restore(session)
    return problems


def hidden_focusable(session: Session) -> list[Problem]:
    """Focusable elements inside the closed widget that take focus while nobody sees them."""
    ctx = session.ctx
    ctx.budget.enter(f"closed {session.word()} takes no focus")
    state = session.state()
    if state["open"] or state["region"] is None or state["regionShown"]:
        return []
    found: list[dict[str, Any]] = session.call(
        _HIDDEN, {"max": MAX_HIDDEN, "ms": ctx.budget.wait_ms(0.5)}
    )
    if not found:
        return []
    spots = tuple(spot(f) for f in found)
    trigger = spot(state["trigger"])
    names = ", ".join(s.summary for s in spots[:3]) + (" …" if len(spots) > 3 else "")
    return [
        Problem(
            "hidden-focusable",
            f"While {session.word()} is closed, Tab still stops on {len(spots)} element(s) "
            f"inside it that nobody can see ({names}); keyboard users lose track of focus. "
            "Hide closed content with display: none, the hidden attribute or inert.",
            (*spots, trigger),
            None,
        )
    ]
