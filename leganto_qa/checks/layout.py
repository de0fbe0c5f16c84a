"""Layout measurements shared by reflow, text spacing and resize text.

:func:`measure` returns, for every frame, the elements that overflow the viewport sideways,
text that is clipped by its own box or a clipping ancestor, and text boxes that overlap other
text. Checks measure before and after changing the page and report what is new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame

from leganto_qa.checks.base import (
    CheckContext,
    Problem,
    Spot,
    frame_offset,
    frame_path,
    script,
    spot,
)
from leganto_qa.checks.walk import _STATE

_MEASURE = script(
    _STATE
    + r"""
const root = scopeRoot(arg.scope);
const vw = document.documentElement.clientWidth;
const EXEMPT = 'table,[role=table],[role=grid],[role=treegrid],pre,code,img,svg,canvas,video,' +
  'iframe,object,embed,[role=img],[role=toolbar],[role=application],math';
const els = deepAll(document).filter(el => contains(root, el));
const out = {overflow: [], clipped: [], overlaps: [],
  docScroll: document.documentElement.scrollWidth > vw + 1};
const scrollsX = (e) => {
  const cs = getComputedStyle(e);
  return /(auto|scroll)/.test(cs.overflowX) && e.scrollWidth > e.clientWidth + 1;
};
const exempt = (e) => !!e.closest(EXEMPT);
const layered = (e) => {
  for (let p = e; p && p !== document.body; p = parentOf(p)) {
    const pos = getComputedStyle(p).position;
    if (pos === 'fixed' || pos === 'sticky') return true;
  }
  return false;
};
const srOnly = (e, r) => r.width <= 2 || r.height <= 2 ||
  getComputedStyle(e).clip === 'rect(0px, 0px, 0px, 0px)';
// 1. horizontal overflow: outermost visible elements sticking out of the viewport or of the
// region that scrolls them sideways (content needing two-dimensional scrolling)
const limitOf = (el) => {
  for (let p = parentOf(el); p && p !== document.body && p !== document.documentElement;
       p = parentOf(p)) {
    const cs = getComputedStyle(p);
    if (/(auto|scroll|hidden|clip)/.test(cs.overflowX)) return p;
  }
  return null;
};
if (arg.overflow) {
  for (const el of els) {
    const r = el.getBoundingClientRect();
    if (r.right <= vw + 1 || srOnly(el, r) || !visible(el)) continue;
    const limit = limitOf(el);
    if (limit && /(hidden|clip)/.test(getComputedStyle(limit).overflowX)) continue;
    const edge = limit ? Math.min(vw, limit.getBoundingClientRect().right) : vw;
    if (r.right <= edge + 1) continue;
    const parent = parentOf(el);
    if (parent && parent !== limit && parent !== document.body &&
        parent.getBoundingClientRect().right > edge + 1 && visible(parent)) continue;
    if (exempt(el) || (limit && limit.matches(EXEMPT))) continue;
    if (getComputedStyle(el).position === 'fixed' && r.left >= vw) continue;
    out.overflow.push(Object.assign(info(el), {right: Math.round(r.right),
      width: Math.round(r.width)}));
  }
}
// 2. text elements: direct text children, visible
const texts = [];
for (const el of els) {
  if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
  if (!visible(el)) continue;
  const r = el.getBoundingClientRect();
  if (srOnly(el, r) || el.closest('script,style,noscript,template,option')) continue;
  texts.push([el, r]);
}
const clipper = (el, r) => {
  const cs = getComputedStyle(el);
  if (/(hidden|clip)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) return el;
  if (/(hidden|clip)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1) return el;
  for (let p = parentOf(el); p && p !== document.body; p = parentOf(p)) {
    const pcs = getComputedStyle(p);
    if (pcs.position === 'fixed') break;
    if (!/(hidden|clip)/.test(pcs.overflowX + pcs.overflowY)) continue;
    const pr = p.getBoundingClientRect();
    if (pr.width <= 2 || pr.height <= 2 || pcs.clip === 'rect(0px, 0px, 0px, 0px)') return null;
    const overX = /(hidden|clip)/.test(pcs.overflowX) &&
      (r.right > pr.right + 1 || r.left < pr.left - 1);
    const overY = /(hidden|clip)/.test(pcs.overflowY) &&
      (r.bottom > pr.bottom + 1 || r.top < pr.top - 1);
    if (overX || overY) return p;
  }
  return null;
};
for (const [el, r] of texts) {
  const c = clipper(el, r);
  if (c) out.clipped.push(Object.assign(info(el), {key: keyOf(el), by: sel(c)}));
}
// 3. overlapping text boxes (neither contains the other)
const boxes = texts.filter(([el, r]) => r.bottom > 0 && r.top < innerHeight && !layered(el));
for (let i = 0; i < boxes.length; i++) {
  const [a, ra] = boxes[i];
  for (let j = i + 1; j < boxes.length; j++) {
    const [b, rb] = boxes[j];
    const ox = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const oy = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (ox <= 2 || oy <= 2) continue;
    if (contains(a, b) || contains(b, a)) continue;
    out.overlaps.push([Object.assign(info(a), {key: keyOf(a)}),
      Object.assign(info(b), {key: keyOf(b)})]);
    if (out.overlaps.length > 200) break;
  }
}
return out;
"""
)


@dataclass
class Layout:
    """What one measurement of a frame saw."""

    frame: Frame
    overflow: list[dict[str, Any]] = field(default_factory=list)
    clipped: dict[int, dict[str, Any]] = field(default_factory=dict)
    overlaps: dict[tuple[int, int], tuple[dict[str, Any], dict[str, Any]]] = field(
        default_factory=dict
    )
    doc_scroll: bool = False


def measure(ctx: CheckContext, overflow: bool = False) -> list[Layout]:
    """Measure every frame (the top one within the page state's popup, if any)."""
    out = []
    for frame in ctx.frames():
        scope = ctx.scope.selector if ctx.scope and frame.parent_frame is None else None
        try:
            data = frame.evaluate(_MEASURE, {"scope": scope, "overflow": overflow})
        except PlaywrightError:  # a frame that navigated away is simply not measured
            continue
        layout = Layout(frame, overflow=data["overflow"], doc_scroll=bool(data["docScroll"]))
        layout.clipped = {int(c["key"]): c for c in data["clipped"]}
        layout.overlaps = {(int(a["key"]), int(b["key"])): (a, b) for a, b in data["overlaps"]}
        out.append(layout)
    return out


def settle(ctx: CheckContext) -> None:
    """Let resize handlers and layout run (two animation frames in every frame)."""
    for frame in ctx.frames():
        frame.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )


def spot_in(layout: Layout, data: dict[str, Any]) -> Spot:
    return spot(data, frame_path(layout.frame), frame_offset(layout.frame))


def new_text_problems(
    before: list[Layout], after: list[Layout]
) -> list[tuple[str, Layout, dict[str, Any], dict[str, Any] | None]]:
    """Clipped texts and overlaps present after but not before: (kind, layout, a, b)."""
    old = {id(b.frame): b for b in before}
    found: list[tuple[str, Layout, dict[str, Any], dict[str, Any] | None]] = []
    for layout in after:
        prior = old.get(id(layout.frame))
        for key, data in sorted(layout.clipped.items()):
            if prior is None or key not in prior.clipped:
                found.append(("clipped", layout, data, None))
        reported: set[int] = set()
        for (a, b), (da, db) in sorted(layout.overlaps.items()):
            if prior is not None and (a, b) in prior.overlaps:
                continue
            if a in reported or a in layout.clipped:
                continue
            reported.add(a)
            found.append(("overlap", layout, da, db))
    return found


def restyled_text_problems(
    ctx: CheckContext,
    rule: str,
    apply: tuple[str, object],
    restore: str,
    clipped: Callable[[Spot, str], str],
    overlap: Callable[[Spot, Spot], str],
) -> list[Problem]:
    """Restyle every frame, report text newly clipped or overlapping, then restore the page.

    ``apply`` is a script and its argument, ``restore`` a script undoing it; ``clipped`` and
    ``overlap`` turn the spots found into the tester's sentence.
    """
    before = measure(ctx)
    frames = ctx.frames()
    problems: list[Problem] = []
    try:
        for frame in frames:
            frame.evaluate(apply[0], apply[1])
        settle(ctx)
        after = measure(ctx)
        for kind, layout, data, other in new_text_problems(before, after):
            where = spot_in(layout, data)
            spots: tuple[Spot, ...]
            if kind == "clipped":
                sentence, spots = clipped(where, str(data["by"])), (where,)
            else:
                assert other is not None
                second = spot_in(layout, other)
                sentence, spots = overlap(where, second), (where, second)
            problems.append(Problem(rule, sentence, spots, ctx.shot(spots)))
    finally:
        for frame in frames:
            if not frame.is_detached():
                frame.evaluate(restore)
    return problems
