"""Focus visible (WCAG 2.4.7) and focus not obscured (2.4.11) for every stop of the Tab walk.

Each focused element's computed style (its own, its pseudo-elements', two ancestors') is
compared with the same element unfocused; when nothing differs, the pixels of its box plus a
margin are compared focused vs unfocused. No change = no visible focus. A focused element that
is wholly covered by a fixed or sticky layer (header, cookie banner, toolbar) is obscured.
"""

from __future__ import annotations

import io
from typing import Any

from PIL import Image, ImageChops
from playwright.sync_api import FloatRect

from leganto_qa.checks.base import (
    Check,
    CheckContext,
    Problem,
    Spot,
    frame_offset,
    frame_path,
    script,
    spot,
)
from leganto_qa.checks.walk import _STATE, Stop, walks

MARGIN = 10
"""CSS px around an element whose pixels count as its focus indicator."""
MAX_PIXEL_CHECKS = 12
"""Elements per page state compared by pixels (two screenshots each); the rest are skipped."""

_UNFOCUSED = script(
    _STATE
    + r"""
const a = active();
if (a && a !== document.body && a.blur) a.blur();
return arg.keys.map(k => W.els[k] && W.els[k].isConnected ? sig(W.els[k]) : null);
"""
)

_FOCUS = script(_STATE + "const el = W.els[arg.key]; if (el) el.focus(); return !!el;")
_BLUR = script(_STATE + "const el = W.els[arg.key]; if (el) el.blur(); return !!el;")


def run(ctx: CheckContext) -> list[Problem]:
    if ctx.scope is not None and ctx.scope.kind == "menu":
        return []
    found = walks(ctx)
    if ctx.navigated:
        return []
    walk = found.forward
    stops = [s for s in walk.order if s in walk.info and "sig" in walk.info[s]]
    problems = _obscured(ctx, walk.info, stops)
    unchanged: list[Stop] = []
    frames = ctx.frames()
    for index, frame in enumerate(frames):
        mine = [s for s in stops if s.frame == index]
        if not mine:
            continue
        plain = frame.evaluate(_UNFOCUSED, {"keys": [s.key for s in mine]})
        unchanged += [
            s
            for s, sig in zip(mine, plain, strict=True)
            if sig is not None and sig == walk.info[s]["sig"]
        ]
    for stop in unchanged[:MAX_PIXEL_CHECKS]:
        frame = frames[stop.frame]
        if _pixels_change(ctx, stop):
            continue
        where = spot(walk.info[stop], frame_path(frame), frame_offset(frame))
        frame.evaluate(_FOCUS, {"key": stop.key})
        handle = frame.evaluate_handle(_STATE_HANDLE, {"key": stop.key}).as_element()
        box = handle.bounding_box() if handle else None
        if box:
            where = type(where)(
                where.frame_path,
                where.selector,
                where.html,
                where.summary,
                (
                    round(box["x"], 1),
                    round(box["y"], 1),
                    round(box["width"], 1),
                    round(box["height"], 1),
                ),
            )
        shot = ctx.shot((where,))
        frame.evaluate(_BLUR, {"key": stop.key})
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


_STATE_HANDLE = script(_STATE + "return W.els[arg.key] || null;")


def _pixels_change(ctx: CheckContext, stop: Stop) -> bool:
    """Whether the element's box (plus margin) looks different focused and unfocused."""
    frame = ctx.frames()[stop.frame]
    if not frame.evaluate(_FOCUS, {"key": stop.key}):
        return True
    handle = frame.evaluate_handle(_STATE_HANDLE, {"key": stop.key}).as_element()
    box = handle.bounding_box() if handle else None
    width, height = ctx.viewport
    if not box or box["width"] <= 0 or box["height"] <= 0:
        frame.evaluate(_BLUR, {"key": stop.key})
        return True
    x0 = max(0.0, box["x"] - MARGIN)
    y0 = max(0.0, box["y"] - MARGIN)
    x1 = min(float(width), box["x"] + box["width"] + MARGIN)
    y1 = min(float(height), box["y"] + box["height"] + MARGIN)
    if x1 <= x0 or y1 <= y0:
        frame.evaluate(_BLUR, {"key": stop.key})
        return True
    clip: FloatRect = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
    focused = ctx.page.screenshot(clip=clip, animations="disabled")
    frame.evaluate(_BLUR, {"key": stop.key})
    plain = ctx.page.screenshot(clip=clip, animations="disabled")
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
        frame.evaluate(_FOCUS, {"key": first.key})
        shot = ctx.shot((hidden[0], by))
        frame.evaluate(_BLUR, {"key": first.key})
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
