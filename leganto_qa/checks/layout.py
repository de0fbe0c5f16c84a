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
from leganto_qa.checks.root_causes import grouped, named, text_cause, unique_spots

_MEASURE = js("measure")
_SETTLE = js("settle")
_LAYOUT_LIB = js("layout_lib")
_STEP = js("restyled")
NO_LAYOUT = "lqa:no-layout"
"""What a layout script answers when its document lacks ``layout_lib.js`` yet."""


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


@dataclass(frozen=True)
class Restyle:
    """How a check restyles a document: a ``layout_lib.js`` function and its two arguments."""

    how: str
    """``spacing`` (the WCAG text spacing style sheet) or ``zoom`` (text-only zoom)."""
    apply: dict[str, Any]
    undo: dict[str, Any]


def layout_call(ctx: CheckContext, frame: Frame, source: str, arg: Any = None) -> Any:
    """Run a layout script in ``frame``, installing ``layout_lib.js`` first when missing."""
    answer = ctx.call(frame, source, arg)
    if isinstance(answer, str) and answer == NO_LAYOUT:
        ctx.call(frame, _LAYOUT_LIB)
        answer = ctx.call(frame, source, arg)
    return answer


def _layout(frame: Frame, data: dict[str, Any]) -> Layout:
    layout = Layout(frame, overflow=data["overflow"], doc_scroll=bool(data["docScroll"]))
    layout.clipped = {int(c["key"]): c for c in data["clipped"]}
    layout.overlaps = {(int(a["key"]), int(b["key"])): (a, b) for a, b in data["overlaps"]}
    return layout


def _scope(ctx: CheckContext, frame: Frame) -> str | None:
    return ctx.scope.selector if ctx.scope and frame.parent_frame is None else None


def measure(ctx: CheckContext, phase: str, overflow: bool = False) -> list[Layout]:
    """Measure every frame (the top one within the page state's popup, if any)."""
    ctx.budget.enter(phase)
    out = []
    for frame in ctx.frames():
        arg = {"scope": _scope(ctx, frame), "overflow": overflow}
        try:
            out.append(_layout(frame, layout_call(ctx, frame, _MEASURE, arg)))
        except PlaywrightError:  # a frame that navigated away is simply not measured
            continue
    return out


def settle_ms(ctx: CheckContext) -> int:
    """How long a document may take to run two animation frames (:data:`SETTLE_TIMEOUT_S`,
    or what the budget leaves)."""
    return ctx.budget.wait_ms(SETTLE_TIMEOUT_S)


def settled_measure(
    ctx: CheckContext, phase: str, overflow: bool = False, restyle: Restyle | None = None
) -> tuple[list[Layout], list[Layout]]:
    """One call per frame (``restyled.js``): with ``restyle``, measure, restyle, settle, measure
    and undo; without, settle and measure. Returns the layouts before (restyle only) and after.

    Settling is :func:`settle`'s: frames not on screen are not waited on, and a top document
    that runs no animation frame abandons the check.
    """
    ctx.budget.enter(phase)
    before: list[Layout] = []
    after: list[Layout] = []
    for frame in ctx.frames():
        top = frame.parent_frame is None
        scope = _scope(ctx, frame)
        try:
            wait = top or ctx.shown(frame)
            arg: dict[str, Any] = {
                "ms": settle_ms(ctx) if wait else 0,
                "measure": {"scope": scope, "overflow": overflow},
            }
            if restyle is not None:
                arg |= {"before": {"scope": scope, "overflow": False}, "how": restyle.how}
                arg |= {"apply": restyle.apply, "undo": restyle.undo}
            answer = layout_call(ctx, frame, _STEP, arg)
        except PlaywrightError:  # a frame that navigated away is simply not measured
            continue
        if answer["settled"] == "timeout" and top:
            raise CheckNotCompleted(
                phase, "the page ran no animation frame, so its layout never settled"
            )
        after.append(_layout(frame, answer["data"]))
        if answer.get("before"):
            before.append(_layout(frame, answer["before"]))
    return before, after


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


TextHit = tuple[str, Layout, dict[str, Any], dict[str, Any] | None]
"""A text newly clipped or overlapping: (kind, layout, its data, the other text's data)."""


def new_text_problems(before: list[Layout], after: list[Layout]) -> list[TextHit]:
    """Clipped texts and overlaps present after but not before: (kind, layout, a, b)."""
    old = {id(b.frame): b for b in before}
    found: list[TextHit] = []
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


def by_cause(hits: list[TextHit]) -> list[list[TextHit]]:
    """Hits grouped by root cause within their frame (see :func:`root_causes.text_cause`)."""
    return grouped(hits, lambda h: (id(h[1].frame), text_cause(h[0], h[2], h[3])))


def hit_spots(hit: TextHit) -> tuple[Spot, ...]:
    """The text (and the text it overlaps) of one hit."""
    _kind, layout, data, other = hit
    first = spot_in(layout, data)
    return (first,) if other is None else (first, spot_in(layout, other))


def more_of_the_same(group: list[TextHit]) -> tuple[tuple[Spot, ...], str]:
    """All spots of a group after its first hit's, and a sentence naming them ("" if none)."""
    spots = unique_spots(s for hit in group for s in hit_spots(hit))
    rest = spots[len(hit_spots(group[0])) :]
    if not rest:
        return spots, ""
    return spots, f" The same cause affects {named(rest)}."


def restyled_text_problems(
    ctx: CheckContext,
    rule: str,
    restyle: Restyle,
    clipped: Callable[[Spot, str], str],
    overlap: Callable[[Spot, Spot], str],
) -> list[Problem]:
    """Restyle every frame, report text newly clipped or overlapping, then restore the page.

    Each frame is measured, restyled, settled, measured again and restored in one call
    (:func:`settled_measure`); only when something is found is the page restyled once more for
    the screenshots. ``clipped`` and ``overlap`` turn the spots found into the tester's sentence.
    """
    before, after = settled_measure(ctx, "settle after restyling", restyle=restyle)
    groups = by_cause(new_text_problems(before, after))
    if not groups:
        return []
    frames = ctx.frames()
    problems: list[Problem] = []
    try:
        ctx.budget.enter("restyle for the screenshots")
        for frame in frames:
            layout_call(ctx, frame, _STEP, {"how": restyle.how, "apply": restyle.apply, "ms": 0})
        for group in groups:
            kind, _layout, data, _other = group[0]
            first = hit_spots(group[0])
            if kind == "clipped":
                sentence = clipped(first[0], str(data["by"]))
            else:
                sentence = overlap(first[0], first[1])
            spots, more = more_of_the_same(group)
            problems.append(Problem(rule, sentence + more, spots, ctx.shot(spots)))
    finally:
        with ctx.budget.restore():
            for frame in frames:
                if not frame.is_detached():
                    layout_call(ctx, frame, _STEP, {"how": restyle.how, "apply": restyle.undo})
    return problems
