"""Text spacing (WCAG 1.4.12): with the WCAG spacing applied, no text is cut off or overlaps.

Applies line height 1.5, paragraph spacing 2 em, letter spacing 0.12 em and word spacing
0.16 em (as a user style sheet would, ``!important``) in every frame, reports text that is newly
clipped or overlapping, and removes the styles again.
"""

from __future__ import annotations

from leganto_qa.checks.base import Check, CheckContext, Problem, Spot
from leganto_qa.checks.layout import measure, new_text_problems, settle, spot_in

SPACING_CSS = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; "
    "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)

_APPLY = """css => { const s = document.createElement('style'); s.id = 'lqa-text-spacing';
s.textContent = css; (document.head || document.documentElement).appendChild(s); }"""
_REMOVE = "() => { const s = document.getElementById('lqa-text-spacing'); if (s) s.remove(); }"


def run(ctx: CheckContext) -> list[Problem]:
    before = measure(ctx)
    frames = ctx.frames()
    problems: list[Problem] = []
    try:
        for frame in frames:
            frame.evaluate(_APPLY, SPACING_CSS)
        settle(ctx)
        after = measure(ctx)
        for kind, layout, data, other in new_text_problems(before, after):
            where = spot_in(layout, data)
            if kind == "clipped":
                sentence = (
                    f"With WCAG text spacing (line height 1.5, letter spacing 0.12 em, word "
                    f"spacing 0.16 em), the text of {where.summary} is cut off by {data['by']}."
                )
                spots: tuple[Spot, ...] = (where,)
            else:
                assert other is not None
                second = spot_in(layout, other)
                sentence = (
                    f"With WCAG text spacing, the text of {where.summary} overlaps "
                    f"{second.summary}."
                )
                spots = (where, second)
            problems.append(Problem("text-spacing", sentence, spots, ctx.shot(spots)))
    finally:
        for frame in frames:
            if not frame.is_detached():
                frame.evaluate(_REMOVE)
    return problems


CHECK = Check(
    name="text-spacing",
    rules=("text-spacing",),
    run=run,
    summary="WCAG text spacing applied: no clipped or overlapping text",
)
