"""Target size (WCAG 2.5.8): pointer targets at least 24 x 24 CSS px, or spaced apart enough.

A smaller target passes when a 24 px circle centred on it touches no other target and no other
small target's circle. Two small targets too close to each other are one problem. Exempt (WCAG's
inline and user-agent exceptions): links inside a sentence, native checkboxes and radio buttons,
and text fields and selects left at the browser's own height.
"""

from __future__ import annotations

from typing import Any

from leganto_qa.checks.base import (
    Check,
    CheckContext,
    Problem,
    Spot,
    frame_offset,
    frame_path,
    js,
    spot,
)

MIN = 24.0

_TARGETS = js("small_targets")


def run(ctx: CheckContext) -> list[Problem]:
    problems = []
    ctx.budget.enter("measure targets")
    for frame in ctx.frames():
        scope = ctx.scope.selector if ctx.scope and frame.parent_frame is None else None
        path, offset = frame_path(frame), frame_offset(frame)
        for data in ctx.call(frame, _TARGETS, {"scope": scope, "min": MIN}):
            where = spot(data, path, offset)
            near = spot(data["near"], path, offset)
            problems.append(
                Problem(
                    "target-size", _sentence(data, where, near), (where, near), ctx.shot((where,))
                )
            )
    return problems


def _sentence(data: dict[str, Any], where: Spot, near: Spot) -> str:
    """One sentence for a small target too close to another; a pair of small targets that are
    too close to each other is one problem naming both."""
    if data.get("nearSmall"):
        return (
            f"{where.summary} ({data['w']} x {data['h']} CSS px) and {near.summary} "
            f"({data['nw']} x {data['nh']} CSS px) are both small and too close to each other: "
            "a pointer aimed at one easily hits the other. Make them at least 24 x 24 px or "
            "space them apart."
        )
    return (
        f"{where.summary} is only {data['w']} x {data['h']} CSS px and too close to "
        f"{near.summary}: a pointer aimed at one easily hits the other. Make it at least "
        "24 x 24 px or space the targets apart."
    )


CHECK = Check(
    name="target-size",
    rules=("target-size",),
    run=run,
    summary="pointer targets ≥ 24 x 24 CSS px or spaced apart",
)
