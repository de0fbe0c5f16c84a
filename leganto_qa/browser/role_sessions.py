"""Browser contexts per role and locale: logins done once per worker and reused.

Page-state scans reuse one page per (role, locale); workflow tests get a fresh session each,
so what one test changes is never seen by another.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, StorageState

from leganto_qa.browser.page_health import remember_retries
from leganto_qa.browser.sessions import (
    NUI_LISTS,
    dismiss_cookie_banner,
    expect_session_alive,
    load_storage_state,
    login,
    switch_language,
)
from leganto_qa.config.sandboxes import SandboxConfig
from leganto_qa.model.redaction import Redactor
from leganto_qa.model.viewport import VIEWPORT

ANONYMOUS = "anonymous"
CONTEXT_ARGS: dict[str, Any] = {"viewport": VIEWPORT, "locale": "en-GB"}
"""Options of every context the harness opens (the plugin's ``leganto_context_args``)."""
MAX_SHARED_PAGES = 2
ACTION_TIMEOUT_MS = 15_000
"""How long a click or fill waits for its element: long enough for a slow sandbox, short
enough that a renamed control fails a test in seconds, not minutes."""


class RoleSessions:
    """Creates logged-in contexts for the roles of one sandbox."""

    def __init__(
        self,
        browser: Browser,
        base_url: str,
        sandbox: SandboxConfig,
        redactor: Redactor,
        context_args: dict[str, Any] | None = None,
    ) -> None:
        self.browser = browser
        self.context_args = CONTEXT_ARGS if context_args is None else context_args
        self.base_url = base_url
        self.sandbox = sandbox
        self.redactor = redactor
        self._states: dict[tuple[str, str], StorageState] = {}
        self._shared: dict[tuple[str, str], tuple[BrowserContext, Page]] = {}

    def _new_context(self, **extra: Any) -> BrowserContext:
        context = self.browser.new_context(**self._context_args(), **extra)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        remember_retries(context, self.sandbox.retries)
        return context

    def _context_args(self) -> dict[str, Any]:
        return {"base_url": self.base_url, **self.context_args}

    def fresh_context(self, role: str, locale: str) -> BrowserContext:
        """A context with its own new session of ``role``, already switched to ``locale``."""
        if role == ANONYMOUS:
            context = self._new_context()
            start = f"/leganto/public/{self.sandbox.institution}/searchlists"
        else:
            config = self.sandbox.role(role)
            if config.login == "storage-state":
                state = load_storage_state(config, self.sandbox)
                self.redactor.add_cookies(state)
                context = self._new_context(storage_state=state)
            else:
                context = self._new_context()
            start = NUI_LISTS
        page = context.new_page()
        try:
            if role != ANONYMOUS and self.sandbox.role(role).login == "local":
                login(page, self.sandbox, self.sandbox.role(role), self.redactor)
            else:
                page.goto(start)
            if role != ANONYMOUS:
                expect_session_alive(page, self.sandbox, self.sandbox.role(role))
            dismiss_cookie_banner(page)
            switch_language(page, self.sandbox, locale)
        except BaseException:
            context.close()
            raise
        finally:
            if not page.is_closed():
                page.close()
        self.redactor.add_cookies(context.storage_state())
        return context

    def shared_page(self, role: str, locale: str) -> Page:
        """The page this worker reuses for every page state of ``role`` in ``locale``.

        At most ``MAX_SHARED_PAGES`` stay open (least recently used are closed): a page holds
        a whole renderer's memory, and reopening one costs a context, not a login.
        """
        key = (role, locale)
        entry = self._shared.pop(key, None)
        if entry is None or entry[1].is_closed():
            if key in self._states:
                context = self._new_context(storage_state=self._states[key])
            else:  # the first time: the logged-in context itself becomes the shared one
                context = self.fresh_context(role, locale)
                self._states[key] = context.storage_state()
            entry = (context, context.new_page())
        self._shared[key] = entry
        while len(self._shared) > MAX_SHARED_PAGES:
            oldest = next(iter(self._shared))
            self._shared.pop(oldest)[0].close()
        return entry[1]

    def close(self) -> None:
        for context, _page in self._shared.values():
            context.close()
        self._shared.clear()
