"""Key activation (WCAG 2.1.1): custom controls react to Enter/Space as their role promises.

For each focusable custom control (an element given a widget role, not a native button, link
or input), focus it and press Enter (Space for checkboxes, switches and radios; both for
buttons). If no key does anything (no DOM change, no click, no navigation) but a click does,
the control works only with a pointer. Texts that appear meanwhile are kept for the status
message check.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Error as PlaywrightError

from leganto_qa.checks.base import Check, CheckContext, Problem, js, spot
from leganto_qa.checks.layout import settle

MAX_CONTROLS = 12
CUSTOM_ROLES = ("button", "checkbox", "switch", "tab", "menuitem", "option", "radio")
"""Roles a custom control must operate with keys (links are left alone: they navigate)."""

_FIND = js("custom_controls")
_WATCH = js("watch")
_REACTED = js("reacted")
_ACT = js("element_action")
_STOP = js("stop_watching")


def keys_for(role: str, link: bool = False) -> tuple[str, ...]:
    if link:
        return ("Space",)  # a link with role=button: Enter follows the link natively
    if role in ("checkbox", "switch", "radio"):
        return ("Space",)
    if role == "button":
        return ("Enter", "Space")
    return ("Enter",)


def run(ctx: CheckContext) -> list[Problem]:
    if ctx.navigated:
        return []
    problems: list[Problem] = []
    try:
        _operate(ctx, problems)
    except PlaywrightError as exc:
        if "context was destroyed" not in str(exc) and "navigat" not in str(exc):
            raise
        ctx.navigated = True  # a control navigated away: the state is gone, stop here
    return problems


def _operate(ctx: CheckContext, problems: list[Problem]) -> None:
    frame = ctx.page.main_frame
    scope = ctx.scope.selector if ctx.scope else None
    ctx.budget.enter("find custom controls")
    controls: list[dict[str, Any]] = ctx.call(
        frame, _FIND, {"scope": scope, "roles": list(CUSTOM_ROLES), "max": MAX_CONTROLS}
    )
    for control in controls:
        url = ctx.page.url
        name = control.get("summary", "a control")
        ctx.budget.enter(f"keys on {name}")
        ctx.call(frame, _WATCH, {"key": control["key"], "focus": True})
        reacted = False
        for key in keys_for(control["role"], bool(control.get("link"))):
            ctx.page.keyboard.press(key)
            if _left(ctx.page.url, url):
                ctx.navigated = True
                return
            settle(ctx, f"settle after {key} on {name}")
            if ctx.call(frame, _REACTED):
                reacted = True
                break
        if reacted:
            continue
        where = spot(control)
        ctx.budget.enter(f"click on {name}")
        ctx.call(frame, _ACT, {"key": control["key"], "action": "click"})
        if _left(ctx.page.url, url):
            ctx.navigated = True
            problems.append(_problem(control, where, None))
            return
        settle(ctx, f"settle after a click on {name}")
        if ctx.call(frame, _REACTED):
            problems.append(_problem(control, where, ctx.shot((where,))))
    ctx.call(frame, _STOP)


def _left(now: str, before: str) -> bool:
    """Whether the page left its address (a change of the #fragment alone stays)."""
    return now.split("#", 1)[0] != before.split("#", 1)[0]


def _problem(control: dict[str, Any], where: Any, shot: bytes | None) -> Problem:
    keys = " or ".join(keys_for(control["role"], bool(control.get("link"))))
    return Problem(
        "key-activation",
        f"{where.summary} takes keyboard focus but does nothing when {keys} is pressed; it "
        f"only works with a mouse click. A {control['role']} must react to {keys}.",
        (where,),
        shot,
    )


CHECK = Check(
    name="activation",
    rules=("key-activation",),
    run=run,
    summary="custom controls react to Enter/Space as their role promises",
)
