"""Closing a page without hanging the run.

Chromium can acknowledge a close that races a navigation commit (a page sending itself on to a
login page, a meta refresh, a redirect just after load) and then drop it: ``page.close()`` has
no timeout and waits forever for a target that stays open (crbug.com/536385539, Playwright
issues 42068 and 42366; not fixed in Playwright 1.65). `close_page` asks Chromium to close the
page over the DevTools protocol, waits a bounded time for it to go, and asks again; a page
that still stays is left to its context's close. Other browsers get ``page.close()``.
"""

from __future__ import annotations

import contextlib
import logging

from playwright.sync_api import Error, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from leganto_qa.browser.devtools import devtools_session

CLOSE_ATTEMPTS = 3
CLOSE_WAIT_MS = 1_000
"""How long each close request is given before it is sent again."""

log = logging.getLogger(__name__)


def close_page(page: Page) -> bool:
    """Close ``page`` within `CLOSE_ATTEMPTS` waits of `CLOSE_WAIT_MS`; whether it closed."""
    if page.is_closed():
        return True
    session = devtools_session(page)
    if session is None:  # not Chromium: its close does not race a commit this way
        page.close()
        return True
    try:
        target = session.send("Target.getTargetInfo")["targetInfo"]["targetId"]
    except Error:  # the page went meanwhile
        return page.is_closed() or _closed_within(page, CLOSE_WAIT_MS)
    for _ in range(CLOSE_ATTEMPTS):
        with contextlib.suppress(Error):  # the session went with the page
            session.send("Target.closeTarget", {"targetId": target})
        if page.is_closed() or _closed_within(page, CLOSE_WAIT_MS):
            return True
    log.warning("a page did not close after %d requests; left to its context", CLOSE_ATTEMPTS)
    return False


def _closed_within(page: Page, ms: int) -> bool:
    try:
        page.wait_for_event("close", timeout=ms)
    except PlaywrightTimeout:
        return page.is_closed()
    except Error:  # closed while the wait began
        return True
    return True
