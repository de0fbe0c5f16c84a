"""Dialogs and menus (WCAG 2.4.3, 2.1.2): focus moves in, stays in a modal, Escape closes,
focus returns to the control that opened it.

Runs on page states that show an open dialog or menu (the state's reach opened it).
"""

from __future__ import annotations

from leganto_qa.checks.base import Check, CheckContext, Problem, Spot, js, spot

MAX_TABS = 30
CLOSE_WAIT_S = 0.8
"""How long a popup may take to close after Escape (a closing animation) before it counts as
staying open."""

_OPEN = js("popup_open")
_WHERE = js("popup_focus")


def run(ctx: CheckContext) -> list[Problem]:
    if ctx.scope is None or ctx.navigated:
        return []
    frame = ctx.page.main_frame
    ctx.budget.enter("focus into the popup")
    state = ctx.call(frame, _OPEN, {"scope": ctx.scope.selector})
    if state is None:
        return []
    popup = spot(state["popup"])
    kind = "menu" if ctx.scope.kind == "menu" else "dialog"
    problems: list[Problem] = []
    if not ctx.scope.focus_inside:
        problems.append(
            Problem(
                "dialog-focus",
                f"When the {popup.summary} opened, keyboard focus stayed on the page "
                f"behind it instead of moving into the {kind}.",
                (popup,),
                ctx.shot((popup,)),
            )
        )
    walked = ctx.cache.get("walks")
    confined = walked is not None and walked.forward.confined
    if ctx.scope.kind == "dialog" and state["focusInside"] and not confined:
        problems += stays_inside(ctx, popup, state["count"])
    return problems + after_escape(ctx, popup)


def after_escape(
    ctx: CheckContext, popup: Spot, escape_rule: str = "dialog-focus"
) -> list[Problem]:
    """Escape closes the popup (else a problem of ``escape_rule``) and focus goes back to the
    control that opened it (``W.popup`` and ``W.trigger`` in the page, see popup_open.js)."""
    problems: list[Problem] = []
    before = ctx.shot((popup,)) if ctx.shots_taken < ctx.max_shots else None
    ctx.budget.enter("Escape")
    ctx.page.keyboard.press("Escape")
    after = ctx.call(ctx.page.main_frame, _WHERE, {"closeMs": ctx.budget.wait_ms(CLOSE_WAIT_S)})
    if after["open"]:
        problems.append(
            Problem(
                escape_rule,
                f"Pressing Escape does not close the {popup.summary}; keyboard users "
                "expect Escape to close it.",
                (popup,),
                before,
            )
        )
        return problems
    if after["onTrigger"] or not after["hasFocus"]:
        return problems
    trigger = spot(after["trigger"]) if after["trigger"] else None
    if after["onBody"]:
        to = (
            f"to the control that opened it ({trigger.summary})"
            if trigger
            else "to the control that opened it"
        )
        problems.append(
            Problem(
                "focus-return",
                f"After the {popup.summary} closed (Escape), keyboard focus was lost to "
                f"the page (document body) instead of returning {to}; keyboard and screen reader "
                "users must start again from the top.",
                (popup,) + ((trigger,) if trigger else ()),
                before,
            )
        )
    elif trigger is not None:
        landed = spot(after["focused"]) if after["focused"] else None
        problems.append(
            Problem(
                "focus-return",
                f"After the {popup.summary} closed (Escape), focus went to "
                f"{landed.summary if landed else 'another element'} instead of back to "
                f"{trigger.summary}, which opened it.",
                (popup, trigger) + ((landed,) if landed else ()),
                ctx.shot((landed,)) if landed else before,
            )
        )
    return problems


def stays_inside(ctx: CheckContext, popup: Spot, count: int) -> list[Problem]:
    frame = ctx.page.main_frame
    for direction in ("Tab", "Shift+Tab"):
        ctx.budget.enter(f"{direction} inside the modal")
        for _ in range(min(MAX_TABS, count + 1)):
            ctx.page.keyboard.press(direction)
            where = ctx.call(frame, _WHERE)
            if where["inside"]:
                continue
            outside = spot(where["focused"]) if where["focused"] else None
            landed = outside.summary if outside else "the browser, outside the page"
            return [
                Problem(
                    "dialog-focus",
                    f"{direction} moves keyboard focus out of the modal dialog {popup.summary} "
                    f"to {landed}; the dialog is modal, so focus must stay inside it.",
                    (popup,) + ((outside,) if outside else ()),
                    ctx.shot((outside,)) if outside else None,
                )
            ]
    return []


CHECK = Check(
    name="dialogs",
    rules=("dialog-focus", "focus-return"),
    run=run,
    summary="open dialog/menu: focus moves in, stays in a modal, Escape closes, focus returns",
)
