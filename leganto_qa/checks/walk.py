"""Walking a page with Tab and Shift+Tab: the focus sequence keyboard and focus checks share.

The walk starts wherever focus is and presses Tab until focus comes back to an element it
already visited. Passing through "outside the page" (the browser's own UI) closes the normal
cycle; a cycle that never leaves is a keyboard trap, unless it is a modal dialog the page state
shows. Each stop records the element as it looked focused (style signature, box, cover).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame

from leganto_qa.checks.base import CheckContext, script

MAX_PRESSES = 300

_STATE = r"""
if (!window.__lqa) window.__lqa = {els: [], keys: new WeakMap()};
const W = window.__lqa;
function keyOf(el) {
  let k = W.keys.get(el);
  if (k === undefined) { k = W.els.length; W.els.push(el); W.keys.set(el, k); }
  return k;
}
const PROPS = ['box-shadow',
  'border-top-color','border-bottom-color','border-left-color','border-right-color',
  'border-top-width','border-bottom-width','background-color','background-image','color',
  'text-decoration-line','text-decoration-color','transform','opacity','filter'];
function sig(el) {
  const out = [];
  let e = el;
  for (let d = 0; d < 3 && e && e.nodeType === 1; d++) {
    for (const pseudo of (d === 0 ? [null, '::before', '::after'] : [null])) {
      const cs = getComputedStyle(e, pseudo);
      const outline = cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0 ? 'none' :
        [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.outlineOffset].join(' ');
      out.push(outline + '|' + PROPS.map(p => cs.getPropertyValue(p)).join('|'));
    }
    e = parentOf(e);
  }
  return out.join('#');
}
function cover(el) {
  const r = el.getBoundingClientRect();
  const vw = innerWidth, vh = innerHeight;
  if (r.bottom <= 0 || r.top >= vh || r.right <= 0 || r.left >= vw) return {off: true};
  let by = null;
  for (const [fx, fy] of [[.5, .5], [.15, .2], [.85, .2], [.15, .8], [.85, .8]]) {
    const x = Math.min(vw - 1, Math.max(0, r.left + r.width * fx));
    const y = Math.min(vh - 1, Math.max(0, r.top + r.height * fy));
    let hit = document.elementFromPoint(x, y);
    while (hit && hit.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    if (!hit || contains(el, hit) || contains(hit, el)) return null;
    by = by || hit;
  }
  let c = by;
  for (; c; c = parentOf(c)) {
    const p = getComputedStyle(c).position;
    if (p === 'fixed' || p === 'sticky') break;
  }
  return {by: info(c || by)};
}
function active() {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
"""

_STEP_BODY = r"""
const has = document.hasFocus();
const a = active();
if (!has || !a || a === document.body || a === document.documentElement) return {has, key: null};
if (a.localName === 'iframe' || a.localName === 'frame') return {has, frame: true};
const out = {has, key: keyOf(a), inScope: contains(scopeRoot(arg.scope), a)};
if (!arg.seen.includes(out.key)) {
  Object.assign(out, info(a));
  if (arg.full) Object.assign(out, {tabindex: a.getAttribute('tabindex'), sig: sig(a),
    cover: cover(a)});
}
return out;
"""

_INSTALL = script(_STATE + "window.__lqaStep = (arg) => {" + _STEP_BODY + "}; return true;")
_CALL = "arg => window.__lqaStep ? window.__lqaStep(arg) : null"


@dataclass(frozen=True)
class Stop:
    """One element focus reached: frame index (in ``CheckContext.frames()``) and its key."""

    frame: int
    key: int


@dataclass
class Walk:
    """The focus sequence of one direction."""

    order: list[Stop] = field(default_factory=list)
    """Reached elements in page order (from the start of the document)."""
    info: dict[Stop, dict[str, Any]] = field(default_factory=dict)
    complete: bool = False
    trap: list[Stop] | None = None
    """A cycle focus could not leave (never passing outside the page)."""
    confined: bool = False
    """The cycle stayed inside the page state's modal dialog (as it should)."""
    navigated_from: Stop | None = None
    """Moving focus from this element made the page navigate (3.2.1)."""
    new_url: str = ""


def _step(
    ctx: CheckContext, frames: list[Frame], full: bool, seen: dict[int, list[int]]
) -> tuple[Stop, dict[str, Any]] | None:
    scope = ctx.scope.selector if ctx.scope else None
    for index, frame in enumerate(frames):
        arg = {"full": full, "seen": seen.get(index, []), "scope": scope if index == 0 else None}
        data = frame.evaluate(_CALL, arg)
        if data is None:  # the step function is installed once per document
            frame.evaluate(_INSTALL, None)
            data = frame.evaluate(_CALL, arg)
        if index == 0 and not data.get("has"):
            return None
        if data.get("key") is not None:
            return Stop(index, int(data["key"])), data
        if index == 0 and not data.get("frame"):
            return None
    return None


def walk(ctx: CheckContext, key: str = "Tab", full: bool = True) -> Walk:
    """Press ``key`` until focus revisits an element (or :data:`MAX_PRESSES`)."""
    frames = ctx.frames()
    result = Walk()
    sequence: list[Stop | None] = []
    first_at: dict[Stop, int] = {}
    seen: dict[int, list[int]] = {}
    for _ in range(MAX_PRESSES):
        url = ctx.page.url
        ctx.page.keyboard.press(key)
        try:
            current = None if ctx.page.url != url else _step(ctx, frames, full, seen)
        except PlaywrightError:  # the document went away under the step: a navigation
            url = ""
        if ctx.page.url != url:
            last = next((s for s in reversed(sequence) if s is not None), None)
            result.navigated_from, result.new_url = last, ctx.page.url
            ctx.navigated = True
            break
        if current is None:
            if sequence and sequence[-1] is None and len(sequence) > 1 and not first_at:
                result.complete = True
                break
            if len(sequence) >= 2 and sequence[-1] is None and sequence[-2] is None:
                result.complete = True
                break
            sequence.append(None)
            continue
        stop, data = current
        if stop in first_at:
            cycle = sequence[first_at[stop] :]
            stops = [s for s in cycle if s is not None]
            if None in cycle:
                result.complete = True
                cut = cycle.index(None)
                ordered = cycle[cut + 1 :] + cycle[:cut]
                result.order = [s for s in ordered if s is not None]
            elif _tabbables(ctx, frames) <= set(stops) or not _escapes(frames, stops):
                result.complete = True
                result.order = _from_document_start(frames, stops)
            else:
                inside = all(result.info[s].get("inScope") for s in stops)
                covers = _in_scope(ctx, frames, _tabbables(ctx, frames)) <= set(stops)
                if ctx.scope is not None and ctx.scope.kind == "dialog" and inside and covers:
                    result.complete = result.confined = True
                    result.order = stops
                else:
                    result.trap = stops
            break
        first_at[stop] = len(sequence)
        sequence.append(stop)
        seen.setdefault(stop.frame, []).append(stop.key)
        result.info[stop] = data
    if not result.order:
        result.order = [s for s in sequence if s is not None]
    return result


_TABBABLE = script(
    _STATE
    + r"""
const groups = new Set();
const out = [];
for (const el of deepAll(document)) {
  if (el.tabIndex < 0 || el.disabled || el.localName === 'iframe' || !visible(el)) continue;
  if (!el.matches(NATIVE) && el.getAttribute('tabindex') === null) continue;
  if (el.matches('input[type=radio]') && el.name) {
    const group = (el.form ? 'f' : 'd') + el.name;
    const mates = deepAll(el.form || document).filter(r => r.matches('input[type=radio]') &&
      r.name === el.name && visible(r));
    const chosen = mates.find(r => r.checked) || mates[0];
    if (chosen !== el || groups.has(group)) continue;
    groups.add(group);
  }
  out.push(keyOf(el));
}
return out;
"""
)

_FIRST = script(
    _STATE
    + r"""
const els = arg.map(k => W.els[k]);
let best = 0;
els.forEach((el, i) => {
  if (el && els[best] && el.compareDocumentPosition(els[best]) & Node.DOCUMENT_POSITION_FOLLOWING)
    best = i;
});
return best;
"""
)


def _tabbables(ctx: CheckContext, frames: list[Frame]) -> set[Stop]:
    """Elements the page puts in the Tab order (as far as the DOM tells)."""
    found: set[Stop] = set()
    for index, frame in enumerate(frames):
        found |= {Stop(index, int(k)) for k in frame.evaluate(_TABBABLE, None)}
    return found


_OUTSIDE = script(
    _STATE
    + r"""
const els = arg.map(k => W.els[k]).filter(Boolean);
if (!els.length) return true;
let common = els[0];
while (common && !els.every(e => contains(common, e))) common = parentOf(common);
if (!common || common === document.body || common === document.documentElement) return false;
return deepAll(document).some(el => el.tabIndex >= 0 && !el.disabled && !contains(common, el) &&
  (el.matches(NATIVE) || el.getAttribute('tabindex') !== null) && visible(el));
"""
)


_INSIDE = script(
    _STATE + "const root = scopeRoot(arg.scope); return arg.keys.filter(k => W.els[k] && "
    "contains(root, W.els[k]));"
)


def _in_scope(ctx: CheckContext, frames: list[Frame], stops: set[Stop]) -> set[Stop]:
    """The stops inside the page state's popup (top frame)."""
    if ctx.scope is None:
        return stops
    keys = [s.key for s in stops if s.frame == 0]
    inside = frames[0].evaluate(_INSIDE, {"keys": keys, "scope": ctx.scope.selector})
    return {Stop(0, int(k)) for k in inside}


def _escapes(frames: list[Frame], stops: list[Stop]) -> bool:
    """Whether the cycle stays inside one part of the page while focusable content lies outside."""
    top = [s.key for s in stops if s.frame == 0]
    if len(top) != len(stops):
        return False
    return bool(frames[0].evaluate(_OUTSIDE, top))


def _from_document_start(frames: list[Frame], stops: list[Stop]) -> list[Stop]:
    """A cycle rotated to start at the top document's first element in DOM order."""
    top = [i for i, s in enumerate(stops) if s.frame == 0]
    if not top:
        return stops
    first = frames[0].evaluate(_FIRST, [stops[i].key for i in top])
    cut = top[int(first)]
    return stops[cut:] + stops[:cut]


@dataclass
class Walks:
    """Forward and backward walks of one page state."""

    forward: Walk
    backward: Walk | None

    @property
    def reached(self) -> set[Stop]:
        found = set(self.forward.info)
        if self.backward is not None:
            found |= set(self.backward.info)
        return found


def walks(ctx: CheckContext) -> Walks:
    """The walks of this page state (walked once, shared by the keyboard and focus checks)."""
    cached = ctx.cache.get("walks")
    if isinstance(cached, Walks):
        return cached
    forward = walk(ctx, "Tab", full=True)
    backward = None
    if not ctx.navigated and (forward.trap or not forward.complete):
        # Shift+Tab finds what a trapped (or endless) Tab walk could not reach, and traps
        # that hold in both directions. A complete Tab cycle already reached everything.
        backward = walk(ctx, "Shift+Tab", full=False)
    result = Walks(forward, backward)
    ctx.cache["walks"] = result
    return result
