"""Text spacing (WCAG 1.4.12): with the WCAG spacing applied, no text is cut off or overlaps.

Applies line height 1.5, paragraph spacing 2 em, letter spacing 0.12 em and word spacing
0.16 em (as a user style sheet would, ``!important``) in every frame, reports text that is newly
clipped or overlapping, and removes the styles again.
"""

from __future__ import annotations

from leganto_qa.checks.base import Check, CheckContext, Problem
from leganto_qa.checks.layout import Restyle, restyled_text_problems

SPACING_CSS = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; "
    "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)

SPACING = Restyle("spacing", {"css": SPACING_CSS}, {"remove": True})


def run(ctx: CheckContext) -> list[Problem]:
    return restyled_text_problems(
        ctx,
        "text-spacing",
        SPACING,
        clipped=lambda where, by: (
            "With WCAG text spacing (line height 1.5, letter spacing 0.12 em, word "
            f"spacing 0.16 em), the text of {where.summary} is cut off by {by}."
        ),
        overlap=lambda where, other: (
            f"With WCAG text spacing, the text of {where.summary} overlaps {other.summary}."
        ),
    )


CHECK = Check(
    name="text-spacing",
    rules=("text-spacing",),
    run=run,
    summary="WCAG text spacing applied: no clipped or overlapping text",
)
