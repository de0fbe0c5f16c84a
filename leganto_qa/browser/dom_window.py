"""The windows a scanned page must pass before its capture counts: it stays on its document
for ``stay_ms`` after load, and its DOM stays unchanged for ``dom_quiet_ms`` after load and after
its last change (page_health.navigate opens them; `hold_still` closes them after a capture).

Never a fixed wait: a static page is captured at once and its windows run out while axe works;
a DOM still changing when the page is shown is waited for until quiet; one that changed during
the capture is waited for and captured again. Counted in the page by ``js/dom_watch.js`` (a
MutationObserver per document).
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Error, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from leganto_qa.model.page_scripts import page_script

SETTLE_MAX_MS = 5_000
"""Longest wait for a DOM that keeps changing to go quiet; then it is captured as it is."""
DOM_RECAPTURES = 2
"""How often a capture is taken again because the DOM changed under it; then it is kept."""
_DOM_WATCH_JS = page_script("leganto_qa.browser", "js/dom_watch.js")
_DOM_HELD_JS = page_script("leganto_qa.browser", "js/dom_held.js")
_DOM_QUIET_JS = page_script("leganto_qa.browser", "js/dom_quiet.js")


@dataclass
class _Window:
    """What `hold_still` still owes a page navigated with ``stay_ms`` or ``dom_quiet_ms``."""

    until: float
    """`time.monotonic` until which the page must stay on its document."""
    stay_ms: int
    dom_quiet_ms: int
    recaptures: int = 0


_windows: weakref.WeakKeyDictionary[Page, _Window] = weakref.WeakKeyDictionary()


def open_window(page: Page, stay_ms: int, dom_quiet_ms: int) -> None:
    """After a navigation of ``page``: what `hold_still` will owe (nothing when both are 0)."""
    _windows.pop(page, None)
    if stay_ms or dom_quiet_ms:
        _windows[page] = _Window(time.monotonic() + stay_ms / 1000, stay_ms, dom_quiet_ms)


def hold_still(page: Page) -> bool:
    """Wait out the rest of the page's windows (`navigate`'s ``stay_ms`` and ``dom_quiet_ms``).

    Both are counted by the page's own clock, from load and from the last DOM change, so the
    time the capture took counts; what is left is waited for here, and a main-frame navigation
    ends that wait early (the capture's `NavigationWatch` has seen it). False when the DOM
    changed since load or since the last capture began: it has then been waited for until
    quiet, and the caller captures again (at most `DOM_RECAPTURES` times, then the capture is
    kept as it is).
    """
    window = _windows.get(page)
    if window is None:
        return True
    if not window.dom_quiet_ms or window.recaptures >= DOM_RECAPTURES:
        _stay(page, (window.until - time.monotonic()) * 1000)
        _windows.pop(page, None)
        return True
    held = _held(page, window)
    if held.get("state") == "unwatched":
        _stay(page, (window.until - time.monotonic()) * 1000)
    elif held.get("state") == "held" and held["left"] > 0:
        held = {"state": "moved"} if _stay(page, held["left"]) else _held(page, window)
    if held.get("state") != "changed":
        _windows.pop(page, None)
        return True
    window.recaptures += 1
    dom_quiet(page, window.dom_quiet_ms)
    return False


def _held(page: Page, window: _Window) -> dict[str, Any]:
    """``dom_held.js``'s answer; ``{"state": "moved"}`` when the page navigated meanwhile."""
    try:
        answer = page.evaluate(_DOM_HELD_JS, {"quiet": window.dom_quiet_ms, "stay": window.stay_ms})
    except Error:  # the page navigated meanwhile: the capture's NavigationWatch has seen it
        return {"state": "moved"}
    return dict(answer)


def _stay(page: Page, left_ms: float) -> bool:
    """Wait ``left_ms`` unless the page navigates first; whether it did."""
    if left_ms <= 0:
        return False
    try:
        page.wait_for_event(
            "framenavigated", predicate=lambda frame: frame == page.main_frame, timeout=left_ms
        )
    except PlaywrightTimeout:
        return False
    return True


def watch_dom(page: Page) -> None:
    """Start counting the document's DOM changes (``js/dom_watch.js``)."""
    try:
        page.evaluate(_DOM_WATCH_JS)
    except Error:  # navigated meanwhile; the next phase judges where it went
        return


def dom_quiet(page: Page, quiet_ms: int, *, if_changed: bool = False) -> None:
    """Wait until the DOM has not changed for ``quiet_ms`` (at most `SETTLE_MAX_MS`)."""
    arg = {"quiet": quiet_ms, "ms": SETTLE_MAX_MS, "ifChanged": if_changed}
    try:
        if page.evaluate(_DOM_QUIET_JS, arg) == "unwatched":  # a new document: watch it instead
            page.evaluate(_DOM_WATCH_JS)
    except Error:  # navigated meanwhile; the capture's NavigationWatch sees it
        return
