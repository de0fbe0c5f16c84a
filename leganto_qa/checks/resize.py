"""Resize text (WCAG 1.4.4): at 200 % text size nothing is cut off, overlaps or becomes unusable.

Doubles every element's computed font size (text-only zoom, as a user's browser setting does),
reports text that is newly clipped or overlapping, and restores the page's own inline styles.
"""

from __future__ import annotations

from leganto_qa.checks.base import Check, CheckContext, Problem
from leganto_qa.checks.layout import Restyle, restyled_text_problems

FACTOR = 2
"""Text size multiplier (200 %)."""
ZOOM = Restyle("zoom", {"factor": FACTOR}, {"restore": True})


def run(ctx: CheckContext) -> list[Problem]:
    return restyled_text_problems(
        ctx,
        "resize-text",
        ZOOM,
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
