"""Reflow (WCAG 1.4.10): at 320 CSS px wide, content needs no scrolling in two directions.

The viewport is narrowed to 320 x 640 px; elements that stick out to the right (making the page
scroll sideways), regions that scroll sideways for ordinary text, and text newly clipped are
reported. Data tables, images, maps, code and toolbars may scroll (WCAG's exceptions). The
viewport is restored afterwards.
"""

from __future__ import annotations

from typing import Any

from leganto_qa.checks.base import Check, CheckContext, Problem, Spot
from leganto_qa.checks.layout import (
    Layout,
    TextHit,
    by_cause,
    hit_spots,
    measure,
    more_of_the_same,
    new_text_problems,
    settle,
    settled_measure,
    spot_in,
)
from leganto_qa.checks.root_causes import named, text_cause, unique_spots

WIDTH, HEIGHT = 320, 640


def run(ctx: CheckContext) -> list[Problem]:
    original = ctx.page.viewport_size
    before = measure(ctx, "measure at the page's width")
    ctx.budget.enter("narrow to 320 px")
    ctx.page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    try:
        _, after = settled_measure(ctx, "settle at 320 px", overflow=True)
        return _problems(ctx, after, new_text_problems(before, after))
    finally:
        if original:
            with ctx.budget.restore():
                ctx.page.set_viewport_size(original)
                settle(ctx, "restore the viewport")


def _problems(ctx: CheckContext, after: list[Layout], hits: list[TextHit]) -> list[Problem]:
    """One problem per too-wide element (with the texts it clips or overlaps), then one per
    other cause of clipped or overlapping text."""
    effects: dict[tuple[int, int], list[TextHit]] = {}
    others: list[list[TextHit]] = []
    for group in by_cause(hits):
        cause = text_cause(group[0][0], group[0][2], group[0][3])
        if isinstance(cause, tuple) and cause[0] == "wide":
            effects.setdefault((id(group[0][1].frame), int(cause[1])), []).extend(group)
        else:
            others.append(group)
    problems: list[Problem] = []
    for layout in after:
        for index, data in enumerate(layout.overflow):
            where = spot_in(layout, data)
            affected = unique_spots(
                s for hit in effects.get((id(layout.frame), index), []) for s in hit_spots(hit)
            )
            spots = unique_spots((where, *affected))
            sentence = _wide_sentence(where, data)
            if len(spots) > 1:
                sentence += (
                    f" Because of it, the text of {named(spots[1:])} is cut off or overlaps "
                    "other text."
                )
            problems.append(Problem("reflow", sentence, spots, ctx.shot(spots)))
    for group in others:
        kind, _layout, data, _other = group[0]
        first = hit_spots(group[0])
        if kind == "clipped":
            sentence = (
                f"At 320 CSS px wide, the text of {first[0].summary} is cut off by "
                f"{data['by']}: part of it cannot be read."
            )
        else:
            sentence = (
                f"At 320 CSS px wide, the text of {first[0].summary} overlaps "
                f"{first[1].summary}: both become hard to read."
            )
        spots, more = more_of_the_same(group)
        problems.append(Problem("reflow", sentence + more, spots, ctx.shot(first)))
    return problems


def _wide_sentence(where: Spot, data: dict[str, Any]) -> str:
    if data.get("scroller"):
        return (
            f"At 320 CSS px wide, {where.summary} ({where.selector}) scrolls sideways "
            f"({data['width']} px of content): its text needs scrolling in two directions. "
            "Let it wrap instead."
        )
    return (
        f"At 320 CSS px wide, {where.summary} ({where.selector}) is {data['width']} px wide "
        f"and reaches {data['right']} px: the page must be scrolled sideways to read or use "
        "it. Let it shrink or wrap."
    )


CHECK = Check(
    name="reflow",
    rules=("reflow",),
    run=run,
    summary="320 CSS px wide: no sideways scrolling, nothing clipped (tables/maps exempt)",
)
