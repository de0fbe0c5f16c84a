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

from leganto_qa.checks.base import Check, CheckContext, Problem, script, spot
from leganto_qa.checks.layout import settle
from leganto_qa.checks.walk import _STATE

MAX_CONTROLS = 12
CUSTOM_ROLES = ("button", "checkbox", "switch", "tab", "menuitem", "option", "radio")
"""Roles a custom control must operate with keys (links are left alone: they navigate)."""

_FIND = script(
    _STATE
    + r"""
const root = scopeRoot(arg.scope);
// Controls that say they lead elsewhere (data-href, data-url, ...) are left alone: activating
// them would leave the page state.
const leads = (el) => Array.from(el.attributes).some(a => /^data-.*(href|url|link)/.test(a.name));
const found = deepAll(document).filter(el => contains(root, el) && !el.matches(NATIVE) &&
  arg.roles.includes(el.getAttribute('role')) && el.tabIndex >= 0 && visible(el) &&
  el.getAttribute('aria-disabled') !== 'true' && !leads(el));
const seen = new Set();
const out = [];
for (const el of found) {
  const id = sel(el).replace(/\d+/g, '#');
  if (seen.has(id)) continue;
  seen.add(id);
  out.push(Object.assign(info(el), {key: keyOf(el), role: el.getAttribute('role')}));
}
return out.slice(0, arg.max);
"""
)

_WATCH = script(
    _STATE
    + r"""
const el = W.els[arg.key];
if (W.observer) W.observer.disconnect();
W.changes = 0; W.clicked = false; W.appeared = W.appeared || [];
W.observer = new MutationObserver(records => {
  W.changes += records.length;
  for (const r of records) {
    const nodes = r.type === 'childList' ? Array.from(r.addedNodes) : [r.target];
    for (const n of nodes) {
      const e = n.nodeType === 1 ? n : n.parentElement;
      if (e && !W.appeared.includes(e)) W.appeared.push(e);
    }
  }
});
W.observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true,
  characterData: true, attributeFilter: ['class', 'style', 'hidden', 'aria-expanded',
  'aria-pressed', 'aria-checked', 'aria-selected', 'open']});
if (!W.clickWatch) {
  W.clickWatch = true;
  document.addEventListener('click', e => {
    if (W.target && contains(W.target, e.composedPath()[0])) W.clicked = true;
  }, true);
}
W.target = el;
if (arg.focus && el) el.focus();
return !!el;
"""
)

_REACTED = script(
    _STATE + "const r = W.changes > 0 || W.clicked; W.changes = 0; W.clicked = false; return r;"
)
_CLICK = script(_STATE + "const el = W.els[arg.key]; if (el) el.click(); return !!el;")
_STOP = script(_STATE + "if (W.observer) W.observer.disconnect(); W.target = null; return true;")


def keys_for(role: str) -> tuple[str, ...]:
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
    controls: list[dict[str, Any]] = frame.evaluate(
        _FIND, {"scope": scope, "roles": list(CUSTOM_ROLES), "max": MAX_CONTROLS}
    )
    for control in controls:
        url = ctx.page.url
        frame.evaluate(_WATCH, {"key": control["key"], "focus": True})
        reacted = False
        for key in keys_for(control["role"]):
            ctx.page.keyboard.press(key)
            if ctx.page.url != url:
                ctx.navigated = True
                return
            settle(ctx)
            if frame.evaluate(_REACTED, None):
                reacted = True
                break
        if reacted:
            continue
        where = spot(control)
        frame.evaluate(_CLICK, {"key": control["key"]})
        if ctx.page.url != url:
            ctx.navigated = True
            problems.append(_problem(control, where, None))
            return
        settle(ctx)
        if frame.evaluate(_REACTED, None):
            problems.append(_problem(control, where, ctx.shot((where,))))
    frame.evaluate(_STOP, None)


def _problem(control: dict[str, Any], where: Any, shot: bytes | None) -> Problem:
    keys = " or ".join(keys_for(control["role"]))
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
