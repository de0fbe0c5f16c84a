"""Run axe-core on a page state, in every frame, and turn its violations into findings.

One scan per page state covers the WCAG 2.x A/AA tags and best practice together; the two are
told apart afterwards by their tags. A page without frames gets one ``axe.run`` (one call, which
also finds axe-core preloaded or says it is missing). Frames are scanned the way
@axe-core/playwright does it:
axe-core is injected into each frame (cross-origin ones included, since Playwright reaches
them all), ``axe.runPartial`` runs per frame with the context axe-core gives for it, and
``axe.finishRun`` combines the partial results in a blank page. Each node's target then starts
with its frame path. A frame that could not be scanned (its page never loaded, axe-core failed or
overran :data:`AXE_TIMEOUT_S`) is listed in :attr:`Scan.untested`: the page state records it as a
coverage gap (``frames_not_scanned``), never as a WCAG finding; axe-core's ``frame-tested`` rule is
switched off so it never reports. The page functions are in ``js/``.
"""

from __future__ import annotations

import json
import re
import weakref
from dataclasses import dataclass
from functools import cache
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Frame, Page
from playwright.sync_api import Error as PlaywrightError

from leganto_qa.browser.page_health import wait_loaded
from leganto_qa.model.errors import SandboxUnavailable
from leganto_qa.model.findings import (
    BEST_PRACTICE_TAG,
    WCAG_TAGS,
    Finding,
    StateContext,
    findings_from_axe,
)
from leganto_qa.model.page_scripts import page_script

AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": [*WCAG_TAGS, BEST_PRACTICE_TAG]},
    "resultTypes": ["violations"],
    "rules": {"frame-tested": {"enabled": False}},
}
FRAME_NOT_SCANNED = "frame-not-scanned"
"""Rule id of the finding older runs recorded for a frame axe-core could not be run in (now a
coverage gap of the page state; reports still read it from old records)."""

AXE_TIMEOUT_S = 120.0
"""Longest axe-core may run in one frame (or to combine the frames' results)."""
FRAME_READY_PROBE_S = 0.5
"""How long a frame may still be loading before it is reported as not scanned."""

_TOP_CONTEXT: dict[str, Any] = {"exclude": []}
_PRESENT = page_script("leganto_qa.scanning", "js/axe_present.js")
_GET_FRAME_CONTEXTS = page_script("leganto_qa.scanning", "js/axe_frame_contexts.js")
_RUN = page_script("leganto_qa.scanning", "js/axe_run.js")
_SHADOW_SELECT = page_script("leganto_qa.scanning", "js/axe_shadow_select.js")
_ERROR_PAGE = re.compile(r"^chrome-error:")
_blank_pages: weakref.WeakKeyDictionary[Browser, Page] = weakref.WeakKeyDictionary()
"""Per browser, the blank page (in a context of its own) axe.finishRun combines frames' results in
(see `_finish`)."""


@cache
def _axe() -> Axe:
    return Axe()


def axe_version() -> str:
    """The axe-core version bundled with axe-playwright-python, e.g. ``4.12.1``."""
    match = re.search(r"axe v([\d.]+)", _axe().axe_script[:300])
    return match.group(1) if match else "unknown"


@dataclass(frozen=True)
class UntestedFrame:
    """A frame axe-core could not be run in, and why."""

    frame_path: tuple[str, ...]
    """Selectors of the enclosing frames, outermost first (empty: a frame of the top page)."""
    selector: str
    """The ``iframe`` element's selector within its parent frame."""
    url: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "frame_path": list(self.frame_path),
            "selector": self.selector,
            "url": self.url,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Scan:
    """What axe saw in one page state."""

    raw: dict[str, Any]
    findings: list[Finding]
    untested: tuple[UntestedFrame, ...] = ()
    raw_json: str = ""
    """``raw`` as JSON text (what ``axe.json`` keeps), serialised once: by axe's page."""


def scan(page: Page, where: StateContext, options: dict[str, Any] | None = None) -> Scan:
    """Scan every frame of ``page``; the state must be confirmed first."""
    try:
        return _scan(page, where, options if options is not None else AXE_OPTIONS)
    except AxeOverran as exc:
        raise SandboxUnavailable(
            f"axe-core could not scan {page.url!r}: {exc}; the page state was not scanned "
            "(retry; report it if it persists)"
        ) from None


def _scan(page: Page, where: StateContext, options: dict[str, Any]) -> Scan:
    wait_loaded(page)  # never the unstyled document of a state reached by a form
    top = page.main_frame
    arg = {"step": "top", "context": _TOP_CONTEXT, "options": options}
    answer = _ask(top, arg)
    if answer.get("absent"):  # not preloaded into this document: send axe-core, ask again
        top.evaluate(_axe().axe_script)
        answer = _ask(top, arg)
    if "contexts" not in answer:  # no frames: one page, one axe.run
        text = _result(answer)
        raw = json.loads(text)
    else:
        untested: list[UntestedFrame] = []
        partials = _partials(top, _TOP_CONTEXT, options, (), untested, answer["contexts"])
        raw = json.loads(_finish(page, partials, options))
        raw["untestedFrames"] = [u.to_dict() for u in untested]
        text = ""
    if _drop_frame_tested(raw) or not text:
        text = json.dumps(raw)
    untested_frames = tuple(_untested_from_raw(raw))
    findings = findings_from_axe(raw.get("violations", []), where)
    return Scan(raw=raw, findings=findings, untested=untested_frames, raw_json=text)


def preload(context: BrowserContext) -> None:
    """Load axe-core into every document and frame ``context`` opens, before the page's scripts.

    Each page state is then scanned without sending and compiling axe-core again (the scan
    finds it present); a document that lost it is sent it as before.
    """
    context.add_init_script(script=_axe().axe_script)


def _inject(frame: Frame) -> None:
    if not frame.evaluate(_PRESENT):
        frame.evaluate(_axe().axe_script)


def _partials(
    frame: Frame,
    context: Any,
    options: dict[str, Any],
    path: tuple[str, ...],
    untested: list[UntestedFrame],
    contexts: list[dict[str, Any]] | None = None,
) -> list[Any]:
    """Partial results of ``frame`` then of its frames, depth first, as axe.finishRun wants.

    A child frame that fails contributes one ``None`` (and none of its descendants), so
    axe-core keeps the others in place.
    """
    if contexts is None:
        contexts = frame.evaluate(_GET_FRAME_CONTEXTS, context)
    own = _run(frame, {"step": "partial", "context": context, "options": options})
    results: list[Any] = [own]
    for item in contexts or []:
        selector = _selector_text(item.get("frameSelector"))
        child, url, reason = _child_frame(frame, item.get("frameSelector"))
        if child is None:
            untested.append(UntestedFrame(path, selector, url, reason))
            results.append(None)
            continue
        try:
            _inject(child)
            results.extend(
                _partials(child, item.get("frameContext"), options, (*path, selector), untested)
            )
        except (PlaywrightError, AxeOverran) as exc:
            untested.append(UntestedFrame(path, selector, child.url, _first_line(exc)))
            results.append(None)
    return results


def _child_frame(frame: Frame, frame_selector: Any) -> tuple[Frame | None, str, str]:
    """The frame of the iframe axe-core names, or None with its URL and why it is unusable."""
    try:
        handle = frame.evaluate_handle(_SHADOW_SELECT, frame_selector)
        element = handle.as_element()
        if element is None:
            return None, "", "the iframe element was not found again"
        src = str(element.get_attribute("src") or "")
        child = element.content_frame()
    except PlaywrightError as exc:
        return None, "", _first_line(exc)
    if child is None:
        return None, src, "the iframe has no loaded document"
    try:
        child.wait_for_load_state("domcontentloaded", timeout=FRAME_READY_PROBE_S * 1000)
    except PlaywrightError:
        return None, src or child.url, "the frame's page never finished loading"
    if _ERROR_PAGE.match(child.url):
        return None, src, "the browser refused to show the frame's page (blocked or failed)"
    return child, child.url, ""


def _finish(page: Page, partials: list[Any], options: dict[str, Any]) -> str:
    """axe.finishRun in a blank page of a browser context of its own, away from the page's
    scripts.

    Its own context, not the page's: a second page in the page's context becomes the shown one
    and the scanned page, now in the background, gets no animation frames (the layout checks
    after the scan would wait for them in vain). One blank page per browser, kept (axe injected
    once) until the browser closes: ``finishRun`` only merges the partial results it is given.
    """
    browser = page.context.browser
    if browser is None:  # a persistent context has no browser to open a context in
        return _finish_in(page.main_frame, partials, options)
    blank = _blank_pages.get(browser)
    if blank is None or blank.is_closed():
        blank = _blank_pages[browser] = browser.new_context().new_page()
    _inject(blank.main_frame)
    return _finish_in(blank.main_frame, partials, options)


def _finish_in(frame: Frame, partials: list[Any], options: dict[str, Any]) -> str:
    return _run(frame, {"step": "finish", "partials": partials, "options": options})


class AxeOverran(Exception):
    """axe-core did not finish in a frame within :data:`AXE_TIMEOUT_S`."""


def _run(frame: Frame, arg: dict[str, Any]) -> str:
    """One step of axe-core (``js/axe_run.js``) in ``frame``, within :data:`AXE_TIMEOUT_S`; its
    result as JSON text (a partial result goes back to ``finishRun`` as it is)."""
    return _result(_ask(frame, arg))


def _ask(frame: Frame, arg: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = frame.evaluate(_RUN, {**arg, "ms": int(AXE_TIMEOUT_S * 1000)})
    return answer


def _result(answer: dict[str, Any]) -> str:
    if answer.get("timeout"):
        raise AxeOverran(f"axe-core did not finish within {AXE_TIMEOUT_S:g} s")
    return str(answer["result"])


def _drop_frame_tested(raw: dict[str, Any]) -> bool:
    """Take axe-core's ``frame-tested`` results out of ``raw``; whether there were any."""
    dropped = False
    for key in ("violations", "incomplete", "passes", "inapplicable"):
        if isinstance(raw.get(key), list):
            kept = [r for r in raw[key] if r.get("id") != "frame-tested"]
            dropped = dropped or len(kept) != len(raw[key])
            raw[key] = kept
    return dropped


def _untested_from_raw(raw: dict[str, Any]) -> list[UntestedFrame]:
    return [
        UntestedFrame(tuple(u["frame_path"]), u["selector"], u["url"], u["reason"])
        for u in raw.get("untestedFrames", [])
    ]


def _selector_text(frame_selector: Any) -> str:
    # axe-core gives a selector string, or a list of them across shadow roots.
    if isinstance(frame_selector, list):
        return " >>> ".join(str(s) for s in frame_selector)
    return str(frame_selector)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
