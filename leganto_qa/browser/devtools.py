"""A DevTools (CDP) session on a page, where the browser has one (Chromium only)."""

from __future__ import annotations

from playwright.sync_api import CDPSession, Error, Page


def devtools_session(page: Page) -> CDPSession | None:
    """A new DevTools session attached to ``page``; None in Firefox and WebKit."""
    try:
        return page.context.new_cdp_session(page)
    except Error:
        return None
