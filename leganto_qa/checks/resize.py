"""Resize text (WCAG 1.4.4): at 200 % text size nothing is cut off, overlaps or becomes unusable.

Doubles every element's computed font size (text-only zoom, as a user's browser setting does),
reports text that is newly clipped or overlapping, and restores the page's own inline styles.
"""

from __future__ import annotations

from leganto_qa.checks.base import Check, CheckContext, Problem, Spot, script
from leganto_qa.checks.layout import measure, new_text_problems, settle, spot_in

_ZOOM = script(
    r"""
const els = deepAll(document);
const sizes = els.map(e => parseFloat(getComputedStyle(e).fontSize) || 0);
window.__lqaZoom = els.map(e => [e, e.style.getPropertyValue('font-size'),
  e.style.getPropertyPriority('font-size')]);
els.forEach((e, i) => {
  if (sizes[i]) e.style.setProperty('font-size', (sizes[i] * 2) + 'px', 'important');
});
return els.length;
"""
)
_RESTORE = """() => { for (const [e, v, p] of (window.__lqaZoom || [])) {
  if (v) e.style.setProperty('font-size', v, p); else e.style.removeProperty('font-size'); }
  window.__lqaZoom = null; }"""


def run(ctx: CheckContext) -> list[Problem]:
    before = measure(ctx)
    frames = ctx.frames()
    problems: list[Problem] = []
    try:
        for frame in frames:
            frame.evaluate(_ZOOM, None)
        settle(ctx)
        after = measure(ctx)
        for kind, layout, data, other in new_text_problems(before, after):
            where = spot_in(layout, data)
            if kind == "clipped":
                sentence = (
                    f"At 200 % text size, the text of {where.summary} is cut off by "
                    f"{data['by']}: it cannot be read in full."
                )
                spots: tuple[Spot, ...] = (where,)
            else:
                assert other is not None
                second = spot_in(layout, other)
                sentence = (
                    f"At 200 % text size, the text of {where.summary} overlaps {second.summary}."
                )
                spots = (where, second)
            problems.append(Problem("resize-text", sentence, spots, ctx.shot(spots)))
    finally:
        for frame in frames:
            if not frame.is_detached():
                frame.evaluate(_RESTORE)
    return problems


CHECK = Check(
    name="resize-text",
    rules=("resize-text",),
    run=run,
    summary="text at 200 %: no clipped or overlapping text",
)
