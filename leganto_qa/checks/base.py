"""What every browser check shares: the page it runs on, what it reports, and a DOM toolkit.

A check looks at one confirmed page state and returns :class:`Problem` objects; the runner turns
them into findings (source ``check:<rule>``) and stores each problem's outlined screenshot.
The page side of every check lives in ``js/*.js`` (one function per file); the DOM toolkit they
share (``js/lib.js``) is installed once per document by :func:`call`. Every call into the page
goes through the check's :class:`~leganto_qa.checks.budget.Budget`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, Page

from leganto_qa.checks.budget import FRAME_READY_PROBE_S, Budget
from leganto_qa.model.element_crops import Box, crop_with_outline, outline_boxes
from leganto_qa.model.findings import Element, StateContext
from leganto_qa.model.page_scripts import page_script

Spot = Element
"""An element a problem points at, as measured in the page: a finding's element."""


def js(name: str) -> str:
    """The source of ``js/<name>.js`` (a function expression Playwright calls with one arg)."""
    return page_script("leganto_qa.checks", f"js/{name}.js")


@dataclass(frozen=True)
class Problem:
    """One barrier a check saw: rule, a sentence a tester can paste, the elements, a picture."""

    rule: str
    sentence: str
    spots: tuple[Spot, ...]
    shot: bytes | None = None
    """An outlined screenshot (PNG) that shows the problem."""


@dataclass(frozen=True)
class Scope:
    """An open popup (modal dialog or menu) the page state is about; checks stay inside it."""

    selector: str
    kind: str
    """``dialog`` (modal), ``nonmodal-dialog`` or ``menu``."""
    focus_inside: bool = True
    """Whether keyboard focus was inside the popup when the checks began."""


@dataclass
class CheckContext:
    """What a check gets: the page (state confirmed), where it is, and shared scratch space."""

    page: Page
    where: StateContext
    scope: Scope | None = None
    cache: dict[str, Any] = field(default_factory=dict)
    max_shots: int = 6
    shots_taken: int = 0
    navigated: bool = False
    """Set when a check made the page leave the state (later interactive checks skip)."""
    budget: Budget = field(default_factory=Budget)
    """The running check's budget (the runner gives each check a fresh one)."""
    unloaded: dict[int, str] = field(default_factory=dict)
    """Frames left out because their document never loaded (``id`` → URL)."""

    @property
    def viewport(self) -> tuple[int, int]:
        size = self.page.viewport_size or {"width": 1280, "height": 800}
        return size["width"], size["height"]

    def frames(self) -> list[Frame]:
        """The page's frames, top first, that still show a loaded document.

        A frame whose document never loaded (a server that never answers) is left out: Playwright
        would wait for ever to run a script in it.
        """
        return [
            f
            for f in self.page.frames
            if not f.is_detached() and (f.parent_frame is None or self._loaded(f))
        ]

    def _loaded(self, frame: Frame) -> bool:
        if id(frame) in self.unloaded:
            return False
        try:
            frame.wait_for_load_state("domcontentloaded", timeout=FRAME_READY_PROBE_S * 1000)
        except PlaywrightError:
            self.unloaded[id(frame)] = _frame_source(frame)
            return False
        return True

    def call(self, frame: Frame, source: str, arg: Any = None) -> Any:
        """Run a checks script in ``frame`` within the running check's budget."""
        return call(frame, source, arg, self.budget)

    def shown(self, frame: Frame) -> bool:
        """Whether ``frame`` is rendered on screen (it and every frame around it)."""
        current = frame
        while current.parent_frame is not None:
            parent = current.parent_frame
            if not self.call(parent, FRAME_SHOWN, current.frame_element()):
                return False
            current = parent
        return True

    def shot(self, spots: tuple[Spot, ...]) -> bytes | None:
        """An outlined screenshot of the page as it is now (None when over the budget)."""
        boxes = [Box.from_list(s.box) for s in spots if s.box is not None]
        if not boxes or self.shots_taken >= self.max_shots:
            return None
        self.shots_taken += 1
        png = self.page.screenshot(animations="disabled")
        width = self.viewport[0]
        if len(boxes) == 1:
            return crop_with_outline(png, boxes[0], width, margin=48) or outline_boxes(
                png, boxes, width
            )
        return outline_boxes(png, boxes, width)


@dataclass(frozen=True)
class Check:
    """A selectable check: its name (for ``--checks``), the rules it reports, how to run it."""

    name: str
    rules: tuple[str, ...]
    run: Callable[[CheckContext], list[Problem]]
    summary: str


NO_LIB = "lqa:no-lib"
"""What a script answers when its document lacks the toolkit (``js/lib.js``) yet."""
LIB = js("lib")
SELECTOR = js("selector")
FIND_SCOPE = js("find_scope")
FRAME_SHOWN = js("frame_shown")


def call(frame: Frame, source: str, arg: Any = None, budget: Budget | None = None) -> Any:
    """Run a checks script in ``frame`` (installing the toolkit first when the document lacks
    it); with a ``budget``, abandon the check first when the budget is spent."""
    if budget is not None:
        budget.ensure()
    result = frame.evaluate(source, arg)
    if isinstance(result, str) and result == NO_LIB:
        frame.evaluate(LIB)
        result = frame.evaluate(source, arg)
    return result


def _frame_source(frame: Frame) -> str:
    """Where a frame that did not load was meant to come from: its ``src``, or its URL."""
    try:
        src = frame.frame_element().get_attribute("src")
    except PlaywrightError:
        src = None
    return src or frame.url or "no address"


def frame_path(frame: Frame) -> tuple[str, ...]:
    """Selectors of the frame elements from the top document down to ``frame``."""
    path: list[str] = []
    current = frame
    while current.parent_frame is not None:
        parent = current.parent_frame
        path.insert(0, str(call(parent, SELECTOR, current.frame_element())))
        current = parent
    return tuple(path)


def frame_offset(frame: Frame) -> tuple[float, float]:
    """Where ``frame``'s viewport starts in the top page's viewport (CSS px)."""
    if frame.parent_frame is None:
        return 0.0, 0.0
    box = frame.frame_element().bounding_box()
    return (box["x"], box["y"]) if box else (0.0, 0.0)


def spot(
    data: dict[str, Any], path: tuple[str, ...] = (), offset: tuple[float, float] = (0, 0)
) -> Spot:
    """A :class:`Spot` from LIB's ``info(el)`` (box moved by the frame's offset)."""
    box = data.get("box")
    moved = (
        (
            round(box[0] + offset[0], 1),
            round(box[1] + offset[1], 1),
            box[2],
            box[3],
        )
        if box
        else None
    )
    return Spot(
        frame_path=path,
        selector=str(data.get("selector", "")),
        html=str(data.get("html", "")),
        summary=str(data.get("summary", "")),
        box=moved,
    )


def find_scope(page: Page) -> Scope | None:
    """The popup open in the page state (a dialog, or a menu holding focus), if any."""
    found = call(page.main_frame, FIND_SCOPE)
    return Scope(selector=found[0], kind=found[1], focus_inside=found[2]) if found else None
