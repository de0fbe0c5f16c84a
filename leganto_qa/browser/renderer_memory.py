"""Giving back the memory of a page the run sets aside.

A page reused across many page states shows document after document in one renderer process.
V8 and Blink free an old document's objects in their own time but keep the memory, so the
renderer grows by several MB per page state (measured on the stand-in: 80 MB to 300-400 MB over
40 scans with axe-core). `release_memory` asks Chromium for a full, memory-releasing garbage
collection. It takes about 40 ms, and the page's next scripts run slower for a while (their
compiled code went with it), so the harness asks for it when it sets a page aside, not after
every page state. Chromium only; elsewhere it does nothing.
"""

from __future__ import annotations

import contextlib

from playwright.sync_api import Error, Page

from leganto_qa.browser.devtools import devtools_session


def release_memory(page: Page) -> bool:
    """A full garbage collection in ``page``'s renderer; whether it ran."""
    if page.is_closed():
        return False
    session = devtools_session(page)
    if session is None:
        return False
    try:
        session.send("HeapProfiler.collectGarbage")
    except Error:  # the page went meanwhile: its memory went with it
        return False
    finally:
        with contextlib.suppress(Error):
            session.detach()
    return True
