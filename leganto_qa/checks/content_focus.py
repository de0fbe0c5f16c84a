"""Focus removed on focus (WCAG 2.4.7, failure F55): a control that blurs itself when focused.

Focuses each tabbable, shown control from script (at most :data:`MAX_CONTROLS`) and reports the
ones after which focus is back on the page body; focus is put back where it was. Runs after the
other checks, as focusing may run the page's focus handlers.
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
from leganto_qa.checks.content_sentences import sentence

MAX_CONTROLS = 150
"""Most controls focused per frame (each focus costs a style update: ~20 ms on a page of 12 000
elements, a few ms on a usual one)."""
_FOCUS_REMOVED = js("content_focus_removed")


def run(ctx: CheckContext) -> list[Problem]:
    if ctx.navigated:
        return []
    problems = []
    for frame in ctx.frames():
        scope = ctx.scope.selector if ctx.scope and frame.parent_frame is None else None
        ctx.budget.enter("focus each control")
        found = ctx.call(frame, _FOCUS_REMOVED, {"scope": scope, "max": MAX_CONTROLS})
        path, offset = frame_path(frame), frame_offset(frame)
        for data in found:
            where = spot(data, path, offset)
            problems.append(
                Problem(
                    "focus-removed",
                    sentence("focus-removed", where, {}),
                    (where,),
                    ctx.shot((where,)),
                )
            )
    return problems


CHECK = Check(
    name="focus-removed",
    rules=("focus-removed",),
    run=run,
    summary="controls keep keyboard focus when they get it (no blur on focus)",
)
