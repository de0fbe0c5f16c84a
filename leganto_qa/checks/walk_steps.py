"""Where each key press of the Tab walk moved focus: read after every press, or recorded.

`stepwise` asks every frame after every press (two round trips a press at least). `recorded`
puts a listener in every frame that notes, on the key's keyup, where focus is then
(``js/walk_record.js``), so a batch of presses is read back at once (one round trip a press,
one a frame a batch). The first batch is as long as the DOM's Tab order plus two (a whole cycle
from anywhere), later ones `BATCH`. Both yield, press by press, a stop (with what the page said
of it), None (focus outside the page), or `Moved` (the page navigated on that press).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, Request

from leganto_qa.checks.base import CheckContext, call, js

BATCH = 4
"""Presses per read once the first batch (a whole cycle) did not close the walk."""
COMMIT_WAIT_MS = 5_000
"""How long a walk that saw the page start to navigate waits for the new URL."""

_STEP = js("walk_step")
_RECORD = js("walk_record")


@dataclass(frozen=True)
class Stop:
    """One element focus reached: frame index (in ``CheckContext.frames()``) and its key."""

    frame: int
    key: int


@dataclass(frozen=True)
class Moved:
    """The press made the page navigate (to ``url``)."""

    url: str


Step = tuple[Stop, dict[str, Any]] | None | Moved
Walker = Generator[Step, None, None]


def stepwise(
    ctx: CheckContext, frames: list[Frame], key: str, full: bool, seen: dict[int, list[int]]
) -> Walker:
    """Press ``key``, then ask each frame where focus is (``seen``: keys described already)."""
    while True:
        url = ctx.page.url
        ctx.page.keyboard.press(key)
        try:
            current = None if ctx.page.url != url else _step(ctx, frames, full, seen)
        except PlaywrightError:  # the document went away under the step: a navigation
            url = ""
        if ctx.page.url != url:
            yield Moved(ctx.page.url)
            return
        yield current


def _step(
    ctx: CheckContext, frames: list[Frame], full: bool, seen: dict[int, list[int]]
) -> tuple[Stop, dict[str, Any]] | None:
    scope = ctx.scope.selector if ctx.scope else None
    for index, frame in enumerate(frames):
        arg = {"full": full, "seen": seen.get(index, []), "scope": scope if index == 0 else None}
        data = ctx.call(frame, _STEP, arg)
        if index == 0 and not data.get("has"):
            return None
        if data.get("key") is not None:
            return Stop(index, int(data["key"])), data
        if index == 0 and not data.get("frame"):
            return None
    return None


def recorded(
    ctx: CheckContext,
    frames: list[Frame],
    key: str,
    full: bool,
    presses: int,
    seen: dict[int, list[int]],
) -> Walker:
    """At most ``presses`` presses of ``key``, read back a batch at a time from every frame.

    A batch that noted fewer stops than presses (a key event no recorder heard, e.g. in a frame
    left out) ends the recording; the walk goes on `stepwise`.
    """
    page, top = ctx.page, frames[0]
    leaving: list[str] = []

    def on_request(request: Request) -> None:
        if request.is_navigation_request() and request.frame == top:
            leaving.append(request.url)

    def on_navigated(navigated: Frame) -> None:
        if navigated == top:
            leaving.append(navigated.url)

    start_url = page.url
    page.on("request", on_request)
    page.on("framenavigated", on_navigated)
    try:
        batch = min(presses, _start(ctx, frames, full) + 2)
        while presses > 0:
            pressed = 0
            while pressed < batch and not leaving:
                page.keyboard.press(key)
                pressed += 1
            presses -= pressed
            notes, moved = _notes(ctx, frames, "stop" if leaving or presses <= 0 else "read")
            yield from notes
            if leaving or moved:
                yield Moved(_new_url(ctx, start_url, leaving))
                return
            if len(notes) != pressed:
                yield from stepwise(ctx, frames, key, full, seen)
                return
            batch = min(presses, BATCH)
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("framenavigated", on_navigated)
        if not leaving:
            _notes(ctx, frames, "stop")


def _start(ctx: CheckContext, frames: list[Frame], full: bool) -> int:
    """Start a recorder in every frame; how many elements the frames put in the Tab order (in
    a modal dialog's state: the dialog's, where focus should go round)."""
    scope = ctx.scope.selector if ctx.scope else None
    modal = scope if ctx.scope is not None and ctx.scope.kind == "dialog" else None
    count = 0
    for index, frame in enumerate(frames):
        top = index == 0
        arg = {"action": "start", "full": full, "scope": scope if top else None}
        if modal:
            arg["countIn"] = modal if top else None
        found = int(ctx.call(frame, _RECORD, arg))
        count += found if top or not modal else 0
    return count


def _notes(ctx: CheckContext, frames: list[Frame], action: str) -> tuple[list[Step], bool]:
    """The stops the recorders noted since the last read, in press order, up to the press
    during which the top document began to navigate; and whether it did (or is gone)."""
    timed: list[tuple[float, Step]] = []
    leaving_at = None
    for index, frame in enumerate(frames):
        notes = _read(ctx, frame, action)
        if notes is None:
            if index == 0:
                return [s for _, s in sorted(timed, key=lambda n: n[0])], True
            continue  # a frame gone: its stops are missing, so the walk goes on stepwise
        if index == 0:
            leaving_at = notes.get("leavingAt")
        timed += [(float(n["t"]), _as_step(index, n)) for n in notes["log"]]
    timed.sort(key=lambda n: n[0])
    if leaving_at is not None:
        return [s for t, s in timed if t < float(leaving_at)], True
    return [s for _, s in timed], False


def _read(ctx: CheckContext, frame: Frame, action: str) -> dict[str, Any] | None:
    """A recorder's notes since the last read (None: the document is gone); "stop" also
    removes its listeners, even when the check's budget is spent."""
    try:
        notes = call(frame, _RECORD, {"action": action}, None if action == "stop" else ctx.budget)
    except PlaywrightError:
        return None
    return notes if isinstance(notes, dict) else None


def _as_step(index: int, note: dict[str, Any]) -> tuple[Stop, dict[str, Any]] | None:
    """A note as `_step` would have answered for that press (None: focus outside the page)."""
    if not note.get("has") or note.get("key") is None:
        return None
    return Stop(index, int(note["key"])), note


def _new_url(ctx: CheckContext, start_url: str, leaving: list[str]) -> str:
    """Where the page went: its URL once the navigation committed (else where it was sent)."""
    if ctx.page.url == start_url:
        try:
            ctx.page.wait_for_url(
                lambda url: url != start_url,
                wait_until="commit",
                timeout=min(COMMIT_WAIT_MS, ctx.budget.wait_ms(COMMIT_WAIT_MS / 1000)),
            )
        except PlaywrightError:
            return leaving[-1] if leaving else ctx.page.url
    return ctx.page.url
