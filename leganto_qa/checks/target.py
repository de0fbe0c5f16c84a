"""Target size (WCAG 2.5.8): pointer targets at least 24 x 24 CSS px, or spaced apart enough.

A smaller target passes when a 24 px circle centred on it touches no other target and no other
small target's circle. Inline links in text and unstyled browser controls are exempt.
"""

from __future__ import annotations

from leganto_qa.checks.base import (
    Check,
    CheckContext,
    Problem,
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
                    "target-size",
                    f"{where.summary} is only {data['w']} x {data['h']} CSS px and too close "
                    f"to {near.summary}: a pointer aimed at one easily hits the other. Make it "
                    "at least 24 x 24 px or space the targets apart.",
                    (where, near),
                    ctx.shot((where,)),
                )
            )
    return problems


CHECK = Check(
    name="target-size",
    rules=("target-size",),
    run=run,
    summary="pointer targets ≥ 24 x 24 CSS px or spaced apart",
)
