"""Focus visible (WCAG 2.4.7) and focus not obscured (2.4.11) for every stop of the Tab walk.

Each focused element's computed style (its own, its pseudo-elements', two ancestors') is
compared with the same element unfocused; when nothing differs, the pixels of its box plus a
margin are compared focused vs unfocused. No change = no visible focus. A focused element that
is wholly covered by a fixed or sticky layer (header, cookie banner, toolbar) is obscured.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

from playwright.sync_api import FloatRect

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
from leganto_qa.checks.walk import Stop, walks

MARGIN = 10
"""CSS px around an element whose pixels count as its focus indicator."""
MAX_PIXEL_CHECKS = 12
"""Elements per page state compared by pixels (two screenshots each); the rest are skipped."""

_UNFOCUSED = js("unfocused_styles")
_ACT = js("element_action")


def run(ctx: CheckContext) -> list[Problem]:
    if ctx.scope is not None and ctx.scope.kind == "menu":
        return []
    found = walks(ctx)
    if ctx.navigated:
        return []
    walk = found.forward
    stops = [s for s in walk.order if s in walk.info and "sig" in walk.info[s]]
    ctx.budget.enter("covered focus")
    problems = _obscured(ctx, walk.info, stops)
    ctx.budget.enter("focused vs unfocused styles")
    unchanged: list[Stop] = []
    frames = ctx.frames()
    for index, frame in enumerate(frames):
        mine = [s for s in stops if s.frame == index]
        if not mine:
            continue
        plain = ctx.call(frame, _UNFOCUSED, {"keys": [s.key for s in mine]})
        unchanged += [
            s
            for s, sig in zip(mine, plain, strict=True)
            if sig is not None and sig == walk.info[s]["sig"]
        ]
    ctx.budget.enter("focused vs unfocused pixels")
    for stop in unchanged[:MAX_PIXEL_CHECKS]:
        frame = frames[stop.frame]
        if _pixels_change(ctx, stop):
            continue
        where = spot(walk.info[stop], frame_path(frame), frame_offset(frame))
        ctx.call(frame, _ACT, {"key": stop.key, "action": "focus"})
        box = _box(ctx, stop)
        if box:
            where = replace(where, box=(box["x"], box["y"], box["width"], box["height"]))
        shot = ctx.shot((where,))
        ctx.call(frame, _ACT, {"key": stop.key, "action": "blur"})
        problems.append(
            Problem(
                "focus-visible",
                f"{where.summary} shows no visible focus indicator: when it has keyboard "
                "focus it looks exactly as when it does not, so keyboard users cannot see "
                "where they are.",
                (where,),
                shot,
            )
        )
    return problems


def _box(ctx: CheckContext, stop: Stop) -> FloatRect | None:
    """The element's box in the top page's viewport (CSS px), or None when it is gone."""
    frame = ctx.frames()[stop.frame]
    box = ctx.call(frame, _ACT, {"key": stop.key, "action": "box"})
    if not box:
        return None
    dx, dy = frame_offset(frame)
    x, y = round(box[0] + dx, 1), round(box[1] + dy, 1)
    return {"x": x, "y": y, "width": box[2], "height": box[3]}


def _pixels_change(ctx: CheckContext, stop: Stop) -> bool:
    """Whether the element's box (plus margin) looks different focused and unfocused."""
    frame = ctx.frames()[stop.frame]
    if not ctx.call(frame, _ACT, {"key": stop.key, "action": "focus"}):
        return True
    box = _box(ctx, stop)
    width, height = ctx.viewport
    if not box or box["width"] <= 0 or box["height"] <= 0:
        ctx.call(frame, _ACT, {"key": stop.key, "action": "blur"})
        return True
    x0 = max(0.0, box["x"] - MARGIN)
    y0 = max(0.0, box["y"] - MARGIN)
    x1 = min(float(width), box["x"] + box["width"] + MARGIN)
    y1 = min(float(height), box["y"] + box["height"] + MARGIN)
    if x1 <= x0 or y1 <= y0:
        ctx.call(frame, _ACT, {"key": stop.key, "action": "blur"})
        return True
    clip: FloatRect = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
    focused = ctx.page.screenshot(clip=clip, animations="disabled")
    ctx.call(frame, _ACT, {"key": stop.key, "action": "blur"})
    plain = ctx.page.screenshot(clip=clip, animations="disabled")
    from PIL import Image, ImageChops  # Pillow only when focus is compared (not for a scan)

    a = Image.open(io.BytesIO(focused)).convert("RGB")
    b = Image.open(io.BytesIO(plain)).convert("RGB")
    return a.size != b.size or ImageChops.difference(a, b).getbbox() is not None


def _obscured(
    ctx: CheckContext, info: dict[Stop, dict[str, Any]], stops: list[Stop]
) -> list[Problem]:
    """One problem per covering layer, listing the controls it hides when they are focused."""
    frames = ctx.frames()
    groups: dict[str, tuple[Spot, list[Spot], Stop]] = {}
    for stop in stops:
        cover = info[stop].get("cover")
        if not cover or "by" not in cover:
            continue
        frame = frames[stop.frame]
        where = spot(info[stop], frame_path(frame), frame_offset(frame))
        by = spot(cover["by"], frame_path(frame), frame_offset(frame))
        groups.setdefault(by.selector, (by, [], stop))[1].append(where)
    problems = []
    for by, hidden, first in groups.values():
        frame = frames[first.frame]
        ctx.call(frame, _ACT, {"key": first.key, "action": "focus"})
        shot = ctx.shot((hidden[0], by))
        ctx.call(frame, _ACT, {"key": first.key, "action": "blur"})
        names = ", ".join(h.summary for h in hidden[:3])
        more = f" and {len(hidden) - 3} more" if len(hidden) > 3 else ""
        problems.append(
            Problem(
                "focus-obscured",
                f"{by.summary} ({by.selector}) covers controls entirely when they get keyboard "
                f"focus, so keyboard users cannot see where focus is: {names}{more}.",
                (by, hidden[0]),
                shot,
            )
        )
    return problems


CHECK = Check(
    name="focus",
    rules=("focus-visible", "focus-obscured"),
    run=run,
    summary="every Tab stop: visible focus indicator, not covered by sticky layers",
)
