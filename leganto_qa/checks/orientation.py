"""Orientation (WCAG 1.3.4): content is not locked to landscape or portrait.

The page is shown at the same width in landscape and in portrait (taller than wide), so only
orientation media queries differ. Content blocks visible in one orientation and hidden in the
other, a page rotated by 90°, or content rotated by 90° in one orientation only (F100), are
reported. The viewport is restored afterwards.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import ViewportSize

from leganto_qa.checks.base import Check, CheckContext, Problem, js, spot
from leganto_qa.checks.budget import CheckNotCompleted
from leganto_qa.checks.layout import settle, settle_ms

_BLOCKS = js("orientation_blocks")


def run(ctx: CheckContext) -> list[Problem]:
    original = ctx.page.viewport_size
    if not original:
        return []
    width, height = original["width"], original["height"]
    landscape: ViewportSize = {"width": width, "height": min(height, width - 1)}
    portrait: ViewportSize = {"width": width, "height": width + 200}
    scope = ctx.scope.selector if ctx.scope else None
    problems: list[Problem] = []
    try:
        seen = {}
        for name, size in (("landscape", landscape), ("portrait", portrait)):
            ctx.budget.enter(f"show in {name}")
            arg: dict[str, object] = {"scope": scope}
            if size != original:
                ctx.page.set_viewport_size(size)
                arg["ms"] = settle_ms(ctx)
            # one call settles the page (only its blocks are looked at) and looks
            ctx.budget.enter(f"settle in {name}")
            seen[name] = ctx.call(ctx.page.main_frame, _BLOCKS, arg)
            if seen[name]["settled"] == "timeout":
                raise CheckNotCompleted(
                    ctx.budget.phase, "the page ran no animation frame, so its layout never settled"
                )
        shown = {s: (vis, data) for s, vis, data in seen["landscape"]["blocks"]}
        for selector, vis, data in seen["portrait"]["blocks"]:
            was, before = shown.get(selector, (False, None))
            if was == vis or before is None:
                continue
            hidden_in = "portrait" if was else "landscape"
            where = spot(before if was else data)
            problems.append(
                Problem(
                    "orientation",
                    f"{where.summary} ({where.selector}) is hidden when the screen is in "
                    f"{hidden_in} orientation: the content is locked to one orientation, "
                    "so users with a mounted device cannot read it.",
                    (where,),
                )
            )
        for name in ("landscape", "portrait"):
            for data in seen[name]["rotated"]:
                where = spot(data)
                problems.append(
                    Problem(
                        "orientation",
                        f"In {name} orientation the page is rotated by 90° ({where.selector}) "
                        "to force the other orientation.",
                        (where,),
                    )
                )
        problems += _turned_in_one(seen)
    finally:
        with ctx.budget.restore():
            ctx.page.set_viewport_size(original)
            settle(ctx, "restore the viewport")
    return problems


def _turned_in_one(seen: dict[str, Any]) -> list[Problem]:
    """Content rotated by 90° in one orientation only (F100: shown the other way round)."""
    problems: list[Problem] = []
    for name, other in (("landscape", "portrait"), ("portrait", "landscape")):
        upright = {selector for selector, _ in seen[other]["turned"]}
        for selector, data in seen[name]["turned"]:
            if selector in upright:
                continue
            where = spot(data)
            problems.append(
                Problem(
                    "orientation",
                    f"In {name} orientation {where.summary} ({where.selector}) is rotated by 90° "
                    f"to look as it does in {other}: the content is locked to one orientation.",
                    (where,),
                )
            )
    return problems


CHECK = Check(
    name="orientation",
    rules=("orientation",),
    run=run,
    summary="landscape vs portrait at the same width: nothing hidden or rotated",
)
