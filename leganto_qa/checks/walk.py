"""Walking a page with Tab and Shift+Tab: the focus sequence keyboard and focus checks share.

The walk starts wherever focus is and presses Tab until focus comes back to an element it
already visited. Passing through "outside the page" (the browser's own UI) closes the normal
cycle; a cycle that never leaves is a keyboard trap, unless it is a modal dialog the page state
shows. Each stop records the element as it looked focused (style signature, box, cover).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from playwright.sync_api import Frame

from leganto_qa.checks.base import CheckContext, js
from leganto_qa.checks.walk_steps import Moved, Stop, Walker, recorded, stepwise

MAX_PRESSES = 300
RECORDED = True
"""Read the walk's stops from recorders in the page, a batch of presses at a time (False:
ask after every press; the findings are the same, the walk takes about twice the round trips)."""

_TABBABLE = js("tabbable")
_FIRST = js("first_in_order")
_OUTSIDE = js("focusable_outside")
_INSIDE = js("keys_in_scope")
_ACT = js("element_action")

__all__ = ["MAX_PRESSES", "Stop", "Walk", "Walks", "walk", "walks"]


@dataclass
class Walk:
    """The focus sequence of one direction."""

    order: list[Stop] = field(default_factory=list)
    """Reached elements in page order (from the start of the document)."""
    info: dict[Stop, dict[str, Any]] = field(default_factory=dict)
    complete: bool = False
    trap: list[Stop] | None = None
    """A cycle focus could not leave (never passing outside the page)."""
    confined: bool = False
    """The cycle stayed inside the page state's modal dialog (as it should)."""
    navigated_from: Stop | None = None
    """Moving focus from this element made the page navigate (3.2.1)."""
    new_url: str = ""


def walk(ctx: CheckContext, key: str = "Tab", full: bool = True) -> Walk:
    """Press ``key`` until focus revisits an element (or :data:`MAX_PRESSES`)."""
    frames = ctx.frames()
    seen: dict[int, list[int]] = {}
    batched = RECORDED
    steps = (
        recorded(ctx, frames, key, full, MAX_PRESSES, seen)
        if batched
        else stepwise(ctx, frames, key, full, seen)
    )
    try:
        result, revisited = _follow(ctx, frames, steps, seen)
    finally:
        steps.close()
    if batched and revisited is not None:
        # The batch may have pressed past the revisit: put focus where one press at a time
        # would have left it, so later checks find the page as before.
        ctx.call(frames[revisited.frame], _ACT, {"key": revisited.key, "action": "focus"})
    return result


def _follow(
    ctx: CheckContext, frames: list[Frame], steps: Walker, seen: dict[int, list[int]]
) -> tuple[Walk, Stop | None]:
    """The walk of the stops ``steps`` yields, and the stop whose revisit ended it."""
    result = Walk()
    sequence: list[Stop | None] = []
    first_at: dict[Stop, int] = {}
    revisited = None
    for current in islice(steps, MAX_PRESSES):
        if isinstance(current, Moved):
            last = next((s for s in reversed(sequence) if s is not None), None)
            result.navigated_from, result.new_url = last, current.url
            ctx.navigated = True
            break
        if current is None:
            if sequence and sequence[-1] is None and len(sequence) > 1 and not first_at:
                result.complete = True
                break
            if len(sequence) >= 2 and sequence[-1] is None and sequence[-2] is None:
                result.complete = True
                break
            sequence.append(None)
            continue
        stop, data = current
        if stop in first_at:
            revisited = stop
            _close_cycle(ctx, frames, result, sequence[first_at[stop] :])
            break
        first_at[stop] = len(sequence)
        sequence.append(stop)
        seen.setdefault(stop.frame, []).append(stop.key)
        result.info[stop] = data
    if not result.order:
        result.order = [s for s in sequence if s is not None]
    return result, revisited


def _close_cycle(
    ctx: CheckContext, frames: list[Frame], result: Walk, cycle: list[Stop | None]
) -> None:
    """Judge the cycle focus went round: complete (passing outside the page, or holding every
    tabbable element), confined to the state's modal dialog, or a trap."""
    stops = [s for s in cycle if s is not None]
    if None in cycle:
        result.complete = True
        cut = cycle.index(None)
        ordered = cycle[cut + 1 :] + cycle[:cut]
        result.order = [s for s in ordered if s is not None]
    elif _tabbables(ctx, frames) <= set(stops) or not _escapes(ctx, frames, stops):
        result.complete = True
        result.order = _from_document_start(ctx, frames, stops)
    else:
        inside = all(result.info[s].get("inScope") for s in stops)
        covers = _in_scope(ctx, frames, _tabbables(ctx, frames)) <= set(stops)
        if ctx.scope is not None and ctx.scope.kind == "dialog" and inside and covers:
            result.complete = result.confined = True
            result.order = stops
        else:
            result.trap = stops


def _tabbables(ctx: CheckContext, frames: list[Frame]) -> set[Stop]:
    """Elements the page puts in the Tab order (as far as the DOM tells)."""
    found: set[Stop] = set()
    for index, frame in enumerate(frames):
        found |= {Stop(index, int(k)) for k in ctx.call(frame, _TABBABLE)}
    return found


def _in_scope(ctx: CheckContext, frames: list[Frame], stops: set[Stop]) -> set[Stop]:
    """The stops inside the page state's popup (top frame)."""
    if ctx.scope is None:
        return stops
    keys = [s.key for s in stops if s.frame == 0]
    inside = ctx.call(frames[0], _INSIDE, {"keys": keys, "scope": ctx.scope.selector})
    return {Stop(0, int(k)) for k in inside}


def _escapes(ctx: CheckContext, frames: list[Frame], stops: list[Stop]) -> bool:
    """Whether the cycle stays inside one part of the page while focusable content lies outside."""
    top = [s.key for s in stops if s.frame == 0]
    if len(top) != len(stops):
        return False
    return bool(ctx.call(frames[0], _OUTSIDE, top))


def _from_document_start(ctx: CheckContext, frames: list[Frame], stops: list[Stop]) -> list[Stop]:
    """A cycle rotated to start at the top document's first element in DOM order."""
    top = [i for i, s in enumerate(stops) if s.frame == 0]
    if not top:
        return stops
    first = ctx.call(frames[0], _FIRST, [stops[i].key for i in top])
    cut = top[int(first)]
    return stops[cut:] + stops[:cut]


@dataclass
class Walks:
    """Forward and backward walks of one page state."""

    forward: Walk
    backward: Walk | None

    @property
    def reached(self) -> set[Stop]:
        found = set(self.forward.info)
        if self.backward is not None:
            found |= set(self.backward.info)
        return found


def walks(ctx: CheckContext) -> Walks:
    """The walks of this page state (walked once, shared by the keyboard and focus checks)."""
    cached = ctx.cache.get("walks")
    if isinstance(cached, Walks):
        return cached
    ctx.budget.enter("Tab walk")
    forward = walk(ctx, "Tab", full=True)
    backward = None
    if not ctx.navigated and (forward.trap or not forward.complete):
        # Shift+Tab finds what a trapped (or endless) Tab walk could not reach, and traps
        # that hold in both directions. A complete Tab cycle already reached everything.
        ctx.budget.enter("Shift+Tab walk")
        backward = walk(ctx, "Shift+Tab", full=False)
    result = Walks(forward, backward)
    ctx.cache["walks"] = result
    return result
