"""Reflow (WCAG 1.4.10): at 320 CSS px wide, content needs no scrolling in two directions.

The viewport is narrowed to 320 x 640 px; elements that stick out to the right (making the page
scroll sideways), regions that scroll sideways for ordinary text, and text newly clipped are
reported. Data tables, images, maps, code and toolbars may scroll (WCAG's exceptions). The
viewport is restored afterwards.
"""

from __future__ import annotations

from leganto_qa.checks.base import Check, CheckContext, Problem, Spot
from leganto_qa.checks.layout import measure, new_text_problems, settle, spot_in

WIDTH, HEIGHT = 320, 640


def run(ctx: CheckContext) -> list[Problem]:
    original = ctx.page.viewport_size
    before = measure(ctx, "measure at the page's width")
    ctx.budget.enter("narrow to 320 px")
    ctx.page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    problems: list[Problem] = []
    try:
        settle(ctx, "settle at 320 px")
        after = measure(ctx, "measure at 320 px", overflow=True)
        for layout in after:
            for data in layout.overflow:
                where = spot_in(layout, data)
                if data.get("scroller"):
                    sentence = (
                        f"At 320 CSS px wide, {where.summary} ({where.selector}) scrolls "
                        f"sideways ({data['width']} px of content): its text needs scrolling in "
                        "two directions. Let it wrap instead."
                    )
                else:
                    sentence = (
                        f"At 320 CSS px wide, {where.summary} ({where.selector}) is "
                        f"{data['width']} px wide and reaches {data['right']} px: the page "
                        "must be scrolled sideways to read or use it. Let it shrink or wrap."
                    )
                problems.append(Problem("reflow", sentence, (where,), _shot(ctx, where)))
        for kind, layout, data, other in new_text_problems(before, after):
            where = spot_in(layout, data)
            if kind == "clipped":
                sentence = (
                    f"At 320 CSS px wide, the text of {where.summary} is cut off by "
                    f"{data['by']}: part of it cannot be read."
                )
                spots: tuple[Spot, ...] = (where,)
            else:
                assert other is not None
                second = spot_in(layout, other)
                sentence = (
                    f"At 320 CSS px wide, the text of {where.summary} overlaps "
                    f"{second.summary}: both become hard to read."
                )
                spots = (where, second)
            problems.append(Problem("reflow", sentence, spots, _shot(ctx, where)))
    finally:
        if original:
            with ctx.budget.restore():
                ctx.page.set_viewport_size(original)
                settle(ctx, "restore the viewport")
    return problems


def _shot(ctx: CheckContext, where: Spot) -> bytes | None:
    return ctx.shot((where,))


CHECK = Check(
    name="reflow",
    rules=("reflow",),
    run=run,
    summary="320 CSS px wide: no sideways scrolling, nothing clipped (tables/maps exempt)",
)
