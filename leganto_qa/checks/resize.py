"""Resize text (WCAG 1.4.4): at 200 % text size nothing is cut off, overlaps or becomes unusable.

Doubles every element's computed font size (text-only zoom, as a user's browser setting does),
reports text that is newly clipped or overlapping, and restores the page's own inline styles.
"""

from __future__ import annotations

from leganto_qa.checks.base import Check, CheckContext, Problem, script
from leganto_qa.checks.layout import restyled_text_problems

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
    return restyled_text_problems(
        ctx,
        "resize-text",
        (_ZOOM, None),
        _RESTORE,
        clipped=lambda where, by: (
            f"At 200 % text size, the text of {where.summary} is cut off by {by}: "
            "it cannot be read in full."
        ),
        overlap=lambda where, other: (
            f"At 200 % text size, the text of {where.summary} overlaps {other.summary}."
        ),
    )


CHECK = Check(
    name="resize-text",
    rules=("resize-text",),
    run=run,
    summary="text at 200 %: no clipped or overlapping text",
)
