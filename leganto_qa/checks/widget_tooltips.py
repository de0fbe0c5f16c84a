"""Content shown on hover or focus (WCAG 1.4.13, 2.1.1): it stays while the pointer is on its
control, the pointer can move onto it, Escape hides it, and keyboard focus shows it too.

Starts with the tooltip hidden and may leave it shown; the caller restores it.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Error as PlaywrightError

from leganto_qa.checks.base import Problem, spot
from leganto_qa.checks.widget_session import Session, restore

STAYS_S = 1.5
"""How long content shown on hover must stay while the pointer rests on its control."""
HOVER_GRACE_S = 0.4
"""How long content may take to hide once the pointer rests on it (it must not)."""


def tooltip_problems(session: Session) -> list[Problem]:
    """Hover the control, then focus it: what it shows must stay, be hoverable, be dismissable."""
    problems: list[Problem] = []
    hover = session.opened.how != "focus"
    shown_on_hover = _hover(session) if hover else False
    if shown_on_hover:
        problems += _while_hovered(session)
    restore(session)
    problems += _by_focus(session, shown_on_hover, escape_checked=shown_on_hover)
    return problems


def _hover(session: Session) -> bool:
    ctx = session.ctx
    ctx.budget.enter(f"hover {session.opened.name!r}")
    try:
        ctx.page.locator(session.opened.trigger).first.hover(timeout=ctx.budget.wait_ms(2.0))
    except PlaywrightError:  # covered or moving: a pointer cannot rest on it either
        return False
    return session.wait(True) and session.state()["region"] is not None


def _while_hovered(session: Session) -> list[Problem]:
    """Stays while hovered, can be hovered itself, Escape hides it."""
    ctx = session.ctx
    state = session.state()
    tip, trigger = spot(state["region"]), spot(state["trigger"])
    ctx.budget.enter(f"{session.word()} stays")
    if session.wait(False, STAYS_S):
        return [
            _problem(
                session,
                f"{session.start()} disappears by itself within {STAYS_S:g} s while the pointer "
                f"is still on {trigger.summary}; it must stay until the user moves away or "
                "dismisses it.",
                tip,
            )
        ]
    problems: list[Problem] = []
    shot = ctx.shot((tip,))
    _move_onto(session, state)
    if session.wait(False, HOVER_GRACE_S):
        problems.append(
            _problem(
                session,
                f"{session.start()} disappears when the pointer moves from {trigger.summary} "
                "onto it, so users who magnify the screen cannot read it.",
                tip,
                shot,
            )
        )
        restore(session)
        _hover(session)
    if session.state()["open"]:
        session.press("Escape")
        if not session.wait(False):
            problems.append(
                _problem(
                    session,
                    f"Escape does not hide {session.word()}; users must be able to dismiss "
                    "content shown on hover without moving the pointer.",
                    tip,
                    shot,
                )
            )
    return problems


def _move_onto(session: Session, state: dict[str, Any]) -> None:
    """Move the pointer from the control's centre onto the shown content, as a hand would."""
    tip, trigger = state["region"]["box"], state["trigger"]["box"]
    ctx = session.ctx
    ctx.budget.ensure()
    ctx.page.mouse.move(trigger[0] + trigger[2] / 2, trigger[1] + trigger[3] / 2)
    ctx.page.mouse.move(tip[0] + tip[2] / 2, tip[1] + tip[3] / 2, steps=8)


def _by_focus(session: Session, shown_on_hover: bool, escape_checked: bool) -> list[Problem]:
    """Keyboard focus on the control shows the content too, and Escape hides it."""
    ctx = session.ctx
    state = session.state()
    trigger = spot(state["trigger"])
    ctx.budget.enter(f"focus {session.opened.name!r}")
    focused = state["tabbable"] and session.focus("trigger")["onTrigger"]
    if focused and session.wait(True):
        if escape_checked:
            return []
        tip = spot(session.state()["region"] or state["trigger"])
        session.press("Escape")
        if session.wait(False):
            return []
        return [
            _problem(
                session,
                f"Escape does not hide {session.word()} shown on focus; users must be able to "
                "dismiss it without moving focus.",
                tip,
            )
        ]
    if not shown_on_hover:
        return []
    why = "keyboard focus on it does not show it" if focused else "it cannot take keyboard focus"
    return [
        Problem(
            "widget-keyboard",
            f"{trigger.summary} shows {session.word()} on mouse hover only: {why}, so keyboard "
            "users never see it.",
            (trigger,),
            ctx.shot((trigger,)),
        )
    ]


def _problem(session: Session, sentence: str, tip: Any, shot: bytes | None = None) -> Problem:
    ctx = session.ctx
    return Problem("hover-content", sentence, (tip,), shot or ctx.shot((tip,)))
