"""Keyboard reachability, traps, positive tabindex and focus order (WCAG 2.1.1, 2.1.2, 2.4.3).

Also reports a change of context on focus (3.2.1): Tab making the page navigate.
"""

from __future__ import annotations

import itertools
from typing import Any

from playwright.sync_api import CDPSession
from playwright.sync_api import Error as PlaywrightError

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
from leganto_qa.checks.walk import Stop, Walks, walks

MAX_POINTER_CANDIDATES = 40

_UNREACHED = js("unreached")
_POSITIVE = js("positive_tabindex")
_GEOMETRY = js("focus_geometry")
_CANDIDATES = "window.__lqa.cands"
"""The pointer-cursor candidates ``unreached.js`` kept, read over CDP for their listeners."""


def run(ctx: CheckContext) -> list[Problem]:
    if ctx.scope is not None and ctx.scope.kind == "menu":
        return []  # menus are walked with arrow keys; Tab closes them by design
    found = walks(ctx)
    problems: list[Problem] = []
    ctx.budget.enter("positive tabindex")
    problems += _positive_tabindex(ctx)
    if found.forward.navigated_from is not None or ctx.navigated:
        return problems + _on_focus(ctx, found)
    problems += _traps(ctx, found)
    if found.forward.complete and not found.forward.trap:
        ctx.budget.enter("focus order")
        problems += _focus_order(ctx, found)
    if found.forward.complete or (found.backward is not None and found.backward.complete):
        ctx.budget.enter("unreachable controls")
        problems += _unreachable(ctx, found)
    return problems


def _spot_of(ctx: CheckContext, stop: Stop, data: dict[str, Any]) -> Spot:
    frame = ctx.frames()[stop.frame]
    return spot(data, frame_path(frame), frame_offset(frame))


def _positive_tabindex(ctx: CheckContext) -> list[Problem]:
    problems = []
    for frame in ctx.frames():
        scope = ctx.scope.selector if ctx.scope and frame.parent_frame is None else None
        for data in ctx.call(frame, _POSITIVE, {"scope": scope}):
            where = spot(data, frame_path(frame), frame_offset(frame))
            problems.append(
                Problem(
                    "positive-tabindex",
                    f'{where.summary} has tabindex="{data["tabindex"]}": it is focused '
                    "before everything else on the page, out of the reading order. "
                    "Remove the positive tabindex and order the markup instead.",
                    (where,),
                )
            )
    return problems


def _traps(ctx: CheckContext, found: Walks) -> list[Problem]:
    problems = []
    for direction, result in (("Tab", found.forward), ("Shift+Tab", found.backward)):
        if result is None or not result.trap:
            continue
        spots = tuple(
            _spot_of(ctx, s, result.info.get(s) or found.forward.info.get(s) or {})
            for s in result.trap
        )
        names = ", ".join(s.summary for s in spots[:4])
        problems.append(
            Problem(
                "keyboard-trap",
                f"Keyboard trap: pressing {direction} keeps focus among {names}; focus "
                f"never leaves this part of the page with {direction}.",
                spots[:1] + spots[1:5],
                ctx.shot(spots[:1]),
            )
        )
    return problems


def _unreachable(ctx: CheckContext, found: Walks) -> list[Problem]:
    problems: list[Problem] = []
    reached = found.reached
    for index, frame in enumerate(ctx.frames()):
        keys = [s.key for s in reached if s.frame == index]
        scope = ctx.scope.selector if ctx.scope and index == 0 else None
        data = ctx.call(frame, _UNREACHED, {"reached": keys, "scope": scope})
        path, offset = frame_path(frame), frame_offset(frame)
        for item in data["unreached"]:
            where = spot(item, path, offset)
            problems.append(
                Problem(
                    "keyboard-unreachable",
                    f"{where.summary} cannot be reached with the keyboard: Tab and "
                    "Shift+Tab never move focus to it, so keyboard users cannot use it.",
                    (where,),
                )
            )
        handlers = (
            _pointer_handlers(ctx, data["pointer"])
            if index == 0
            else [bool(p["onclick"]) for p in data["pointer"]]
        )
        for item, clickable in zip(data["pointer"], handlers, strict=False):
            if not clickable:
                continue
            where = spot(item, path, offset)
            problems.append(
                Problem(
                    "keyboard-unreachable",
                    f"{where.summary} responds to the mouse (pointer cursor, mouse handler) but is "
                    "not a control: keyboard users cannot focus or activate it. Use a button "
                    "or link.",
                    (where,),
                )
            )
    return problems


def _pointer_handlers(ctx: CheckContext, candidates: list[dict[str, Any]]) -> list[bool]:
    """Whether each pointer-cursor candidate has its own click/pointer listener (CDP)."""
    if not candidates:
        return []
    try:
        cdp = ctx.page.context.new_cdp_session(ctx.page)
    except PlaywrightError:
        return [bool(c["onclick"]) for c in candidates]
    answers = []
    try:
        cands = cdp.send("Runtime.evaluate", {"expression": _CANDIDATES})["result"].get("objectId")
        items = _items(cdp, cands) if cands else {}
        for index, candidate in enumerate(candidates[:MAX_POINTER_CANDIDATES]):
            ctx.budget.ensure()
            if candidate["onclick"] or not cands:
                answers.append(bool(candidate["onclick"]))
                continue
            object_id = items.get(str(index))
            if not object_id:
                answers.append(False)
                continue
            listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": object_id})
            types = {entry.get("type") for entry in listeners.get("listeners", [])}
            answers.append(
                bool(types & {"click", "mousedown", "mouseup", "pointerdown", "pointerup"})
            )
    finally:
        cdp.detach()
    return answers


def _items(cdp: CDPSession, array_id: str) -> dict[str, str]:
    """The object ids of a page array's items by index, in one round trip."""
    props = cdp.send("Runtime.getProperties", {"objectId": array_id, "ownProperties": True})
    return {
        str(p["name"]): p["value"]["objectId"]
        for p in props.get("result", [])
        if p.get("name", "").isdigit() and p.get("value", {}).get("objectId")
    }


def _focus_order(ctx: CheckContext, found: Walks) -> list[Problem]:
    order = found.forward.order
    problems: list[Problem] = []
    groups: dict[str, list[Spot]] = {}
    sentences: dict[str, str] = {}
    for index, frame in enumerate(ctx.frames()):
        stops = [s for s in order if s.frame == index]
        if len(stops) < 2:
            continue
        geometry = ctx.call(frame, _GEOMETRY, {"keys": [s.key for s in stops]})
        path, offset = frame_path(frame), frame_offset(frame)
        for a, b in itertools.pairwise(geometry):
            if not a or not b or a["scroller"] != b["scroller"] or not a["after"] or a["rtl"]:
                continue
            if not _jumps_back(a["box"], b["box"]):
                continue
            key = a["common"] or "page"
            before, after = spot(a["info"], path, offset), spot(b["info"], path, offset)
            groups.setdefault(key, [])
            for s in (before, after):
                if s.selector not in {g.selector for g in groups[key]}:
                    groups[key].append(s)
            sentences.setdefault(
                key,
                f"Focus order does not follow the reading order: after {before.summary}, Tab "
                f"moves focus to {after.summary}, which is shown before it (above or to the "
                "left). Make the markup order match the visual order.",
            )
    for key, spots in groups.items():
        problems.append(
            Problem("focus-order", sentences[key], tuple(spots), ctx.shot(tuple(spots)))
        )
    return problems


def _jumps_back(a: list[float], b: list[float]) -> bool:
    """B is clearly before A in reading order: above it in the same column, or left in a row."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    if min(aw, ah, bw, bh) <= 0:
        return False
    overlap_x = min(ax + aw, bx + bw) - max(ax, bx)
    overlap_y = min(ay + ah, by + bh) - max(ay, by)
    above = by + bh <= ay - 2 and overlap_x > 0
    left = bx + bw <= ax - 2 and overlap_y > min(ah, bh) / 2
    return above or left


def _on_focus(ctx: CheckContext, found: Walks) -> list[Problem]:
    walk = found.forward
    before = walk.info.get(walk.navigated_from) if walk.navigated_from else None
    spots = (_spot_of(ctx, walk.navigated_from, before),) if walk.navigated_from and before else ()
    after = f" after {spots[0].summary}" if spots else ""
    return [
        Problem(
            "on-focus",
            f"Moving focus with Tab{after} changed the context: the page went to "
            f"{walk.new_url} without the user activating anything.",
            spots,
        )
    ]


CHECK = Check(
    name="keyboard",
    rules=("keyboard-unreachable", "keyboard-trap", "positive-tabindex", "focus-order", "on-focus"),
    run=run,
    summary="Tab/Shift+Tab walk: unreachable controls, traps, positive tabindex, focus order",
)
