"""Layout measurements shared by reflow, text spacing and resize text.

:func:`measure` returns, for every frame, the elements that overflow the viewport sideways,
text that is clipped by its own box or a clipping ancestor, and text boxes that overlap other
text. Checks measure before and after changing the page and report what is new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame

from leganto_qa.checks.base import (
    CheckContext,
    Problem,
    Spot,
    frame_offset,
    frame_path,
    js,
    spot,
)
from leganto_qa.checks.budget import SETTLE_TIMEOUT_S, CheckNotCompleted

_MEASURE = js("measure")
_SETTLE = js("settle")


@dataclass
class Layout:
    """What one measurement of a frame saw."""

    frame: Frame
    overflow: list[dict[str, Any]] = field(default_factory=list)
    clipped: dict[int, dict[str, Any]] = field(default_factory=dict)
    overlaps: dict[tuple[int, int], tuple[dict[str, Any], dict[str, Any]]] = field(
        default_factory=dict
    )
    doc_scroll: bool = False


def measure(ctx: CheckContext, phase: str, overflow: bool = False) -> list[Layout]:
    """Measure every frame (the top one within the page state's popup, if any)."""
    ctx.budget.enter(phase)
    out = []
    for frame in ctx.frames():
        scope = ctx.scope.selector if ctx.scope and frame.parent_frame is None else None
        try:
            data = ctx.call(frame, _MEASURE, {"scope": scope, "overflow": overflow})
        except PlaywrightError:  # a frame that navigated away is simply not measured
            continue
        layout = Layout(frame, overflow=data["overflow"], doc_scroll=bool(data["docScroll"]))
        layout.clipped = {int(c["key"]): c for c in data["clipped"]}
        layout.overlaps = {(int(a["key"]), int(b["key"])): (a, b) for a, b in data["overlaps"]}
        out.append(layout)
    return out


def settle(ctx: CheckContext, phase: str) -> None:
    """Let resize handlers and layout run: two animation frames in each frame on screen.

    Hidden, zero-size and off-screen frames get no animation frames from Chromium (OneTrust's
    ``ot-text-resize`` frame sits at ``top: -50000px``), so they are never waited on. Each wait
    races a timer (:data:`SETTLE_TIMEOUT_S`, or what the budget leaves); when the top document
    gets no animation frame in that time the check is abandoned, since its resize handlers
    have not run. A frame inside the page that stays still is measured as it is.
    """
    ctx.budget.enter(phase)
    for frame in ctx.frames():
        top = frame.parent_frame is None
        try:
            if not top and not ctx.shown(frame):
                continue
            answer = ctx.call(frame, _SETTLE, {"ms": ctx.budget.wait_ms(SETTLE_TIMEOUT_S)})
        except PlaywrightError:  # a frame that went away has nothing to settle
            continue
        if answer == "timeout" and top and not ctx.budget.restoring:
            raise CheckNotCompleted(
                phase, "the page ran no animation frame, so its layout never settled"
            )


def spot_in(layout: Layout, data: dict[str, Any]) -> Spot:
    return spot(data, frame_path(layout.frame), frame_offset(layout.frame))


def new_text_problems(
    before: list[Layout], after: list[Layout]
) -> list[tuple[str, Layout, dict[str, Any], dict[str, Any] | None]]:
    """Clipped texts and overlaps present after but not before: (kind, layout, a, b)."""
    old = {id(b.frame): b for b in before}
    found: list[tuple[str, Layout, dict[str, Any], dict[str, Any] | None]] = []
    for layout in after:
        prior = old.get(id(layout.frame))
        for key, data in sorted(layout.clipped.items()):
            if prior is None or key not in prior.clipped:
                found.append(("clipped", layout, data, None))
        reported: set[int] = set()
        for (a, b), (da, db) in sorted(layout.overlaps.items()):
            if prior is not None and (a, b) in prior.overlaps:
                continue
            if a in reported or a in layout.clipped:
                continue
            reported.add(a)
            found.append(("overlap", layout, da, db))
    return found


def restyled_text_problems(
    ctx: CheckContext,
    rule: str,
    apply: tuple[str, object],
    restore: tuple[str, object],
    clipped: Callable[[Spot, str], str],
    overlap: Callable[[Spot, Spot], str],
) -> list[Problem]:
    """Restyle every frame, report text newly clipped or overlapping, then restore the page.

    ``apply`` and ``restore`` are a script and its argument (the second undoes the first);
    ``clipped`` and ``overlap`` turn the spots found into the tester's sentence.
    """
    before = measure(ctx, "measure before restyling")
    frames = ctx.frames()
    problems: list[Problem] = []
    try:
        ctx.budget.enter("restyle")
        for frame in frames:
            ctx.call(frame, apply[0], apply[1])
        settle(ctx, "settle after restyling")
        after = measure(ctx, "measure restyled")
        for kind, layout, data, other in new_text_problems(before, after):
            where = spot_in(layout, data)
            spots: tuple[Spot, ...]
            if kind == "clipped":
                sentence, spots = clipped(where, str(data["by"])), (where,)
            else:
                assert other is not None
                second = spot_in(layout, other)
                sentence, spots = overlap(where, second), (where, second)
            problems.append(Problem(rule, sentence, spots, ctx.shot(spots)))
    finally:
        with ctx.budget.restore():
            for frame in frames:
                if not frame.is_detached():
                    ctx.call(frame, restore[0], restore[1])
    return problems
