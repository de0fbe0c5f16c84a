"""Dialogs and menus (WCAG 2.4.3, 2.1.2): focus moves in, stays in a modal, Escape closes,
focus returns to the control that opened it.

Runs on page states that show an open dialog or menu (the state's reach opened it).
"""

from __future__ import annotations

from leganto_qa.checks.base import Check, CheckContext, Problem, Spot, script, spot
from leganto_qa.checks.walk import _STATE

MAX_TABS = 30

_OPEN = script(
    _STATE
    + r"""
const popup = document.querySelector(arg.scope);
if (!popup) return null;
W.popup = popup;
const id = popup.id;
let trigger = null;
const by = popup.getAttribute('aria-labelledby');
if (popup.matches('[role=menu],[role=listbox]') && by) {
  const t = document.getElementById(by.split(/\s+/)[0]);
  if (t && t.matches('button,[role=button],a[href]')) trigger = t;
}
if (!trigger && id) {
  trigger = document.querySelector('[aria-controls~="' + CSS.escape(id) + '"][aria-expanded=true]');
}
W.trigger = trigger;
let a = active();
if (!(a && contains(popup, a))) {
  const first = deepAll(popup).find(e => e.matches(NATIVE + ',[tabindex]') && e.tabIndex >= 0 &&
    visible(e));
  (first || popup).focus();
  a = active();
}
const count = deepAll(popup).filter(e => e.matches(NATIVE + ',[tabindex]') && e.tabIndex >= 0
  && visible(e)).length;
return {popup: info(popup), focusInside: !!a && contains(popup, a), count,
  trigger: trigger ? info(trigger) : null};
"""
)

_WHERE = script(
    _STATE
    + r"""
const a = active();
const popup = W.popup;
const open = !!popup && popup.isConnected && visible(popup);
return {open, inside: !!a && !!popup && contains(popup, a),
  onBody: !a || a === document.body || a === document.documentElement || !a.isConnected,
  onTrigger: !!W.trigger && !!a && contains(W.trigger, a),
  focused: a && a !== document.body ? info(a) : null, trigger: W.trigger ? info(W.trigger) : null,
  hasFocus: document.hasFocus()};
"""
)


def run(ctx: CheckContext) -> list[Problem]:
    if ctx.scope is None or ctx.navigated:
        return []
    frame = ctx.page.main_frame
    state = frame.evaluate(_OPEN, {"scope": ctx.scope.selector})
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
        problems += _stays_inside(ctx, popup, state["count"])
    before = ctx.shot((popup,)) if ctx.shots_taken < ctx.max_shots else None
    ctx.page.keyboard.press("Escape")
    after = frame.evaluate(_WHERE, None)
    if after["open"]:
        problems.append(
            Problem(
                "dialog-focus",
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


def _stays_inside(ctx: CheckContext, popup: Spot, count: int) -> list[Problem]:
    frame = ctx.page.main_frame
    for direction in ("Tab", "Shift+Tab"):
        for _ in range(min(MAX_TABS, count + 1)):
            ctx.page.keyboard.press(direction)
            where = frame.evaluate(_WHERE, None)
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
