"""Browser contexts per role: one login per role and worker, reused across locales and states.

Page-state scans reuse one page per role: a second locale of the role switches the language
in place (Settings → Choose a language, as users do) on the same session instead of logging
in again. The role's session is kept as a storage state in memory (never on disk); a page
closed to save memory is reopened from it while it is still valid, else the role logs in
afresh. Workflow tests get a fresh session each, so what one test changes is never seen by
another.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, StorageState

from leganto_qa.browser.page_close import close_page
from leganto_qa.browser.page_health import remember_retries
from leganto_qa.browser.renderer_memory import release_memory
from leganto_qa.browser.sessions import (
    NUI_LISTS,
    dismiss_cookie_banner,
    expect_session_alive,
    load_storage_state,
    login,
    storage_state_current,
    switch_language,
)
from leganto_qa.config.sandboxes import SandboxConfig
from leganto_qa.model.errors import LoginExpired
from leganto_qa.model.redaction import Redactor
from leganto_qa.model.viewport import VIEWPORT

ANONYMOUS = "anonymous"
CONTEXT_ARGS: dict[str, Any] = {"viewport": VIEWPORT, "locale": "en-GB"}
"""Options of every context the harness opens (the plugin's ``leganto_context_args``)."""
MAX_SHARED_PAGES = 2
ACTION_TIMEOUT_MS = 15_000
"""How long a click or fill waits for its element: long enough for a slow sandbox, short
enough that a renamed control fails a test in seconds, not minutes."""


@dataclass
class _Shared:
    """A role's reused page and the language its session was last put in."""

    context: BrowserContext
    page: Page
    locale: str


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
        self.logins: Counter[str] = Counter()
        """Form logins done per role (``login = "local"``), fresh sessions included."""
        self._states: dict[str, StorageState] = {}
        self._shared: dict[str, _Shared] = {}

    def _new_context(self, **extra: Any) -> BrowserContext:
        context = self.browser.new_context(**self._context_args(), **extra)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        remember_retries(context, self.sandbox.retries)
        return context

    def _context_args(self) -> dict[str, Any]:
        return {"base_url": self.base_url, **self.context_args}

    def _start(self, role: str) -> str:
        """Where a session of ``role`` starts (and is switched to another language)."""
        if role == ANONYMOUS:
            return f"/leganto/public/{self.sandbox.institution}/searchlists"
        return NUI_LISTS

    def fresh_context(self, role: str, locale: str) -> BrowserContext:
        """A context with its own new session of ``role``, already switched to ``locale``."""
        context, page = self._logged_in(role, locale)
        close_page(page)
        return context

    def _logged_in(self, role: str, locale: str) -> tuple[BrowserContext, Page]:
        """A new session of ``role`` in ``locale`` and the page it ends on (its start page)."""
        local = role != ANONYMOUS and self.sandbox.role(role).login == "local"
        if role != ANONYMOUS and self.sandbox.role(role).login == "storage-state":
            state = load_storage_state(self.sandbox.role(role), self.sandbox)
            self.redactor.add_cookies(state)
            context = self._new_context(storage_state=state)
        else:
            context = self._new_context()
        page = context.new_page()
        try:
            if local:
                self.logins[role] += 1
                login(page, self.sandbox, self.sandbox.role(role), self.redactor)
            else:
                page.goto(self._start(role))
                if role != ANONYMOUS:
                    expect_session_alive(page, self.sandbox, self.sandbox.role(role))
            dismiss_cookie_banner(page)
            switch_language(page, self.sandbox, locale)
        except BaseException:
            context.close()
            raise
        self.redactor.add_cookies(context.storage_state())
        return context, page

    def shared_page(self, role: str, locale: str) -> Page:
        """The page this worker reuses for every page state of ``role`` (in any locale).

        Another locale than the session's is switched to in place. At most
        ``MAX_SHARED_PAGES`` stay open (least recently used are closed): a page holds a whole
        renderer's memory, and reopening one costs a context and a page load, not a login.
        """
        last = next(reversed(self._shared), None)
        if last is not None and last != role:
            # The page used last is set aside (open, for its role's next states): its renderer
            # gives back what the states it showed left behind.
            release_memory(self._shared[last].page)
        entry = self._shared.pop(role, None)
        if entry is not None and entry.page.is_closed():
            entry.context.close()
            entry = None
        if entry is None:
            entry = self._reopen(role, locale) or self._log_in_shared(role, locale)
        elif entry.locale != locale:
            entry = self._switch_in_place(entry, role, locale)
        self._shared[role] = entry
        while len(self._shared) > MAX_SHARED_PAGES:
            oldest = next(iter(self._shared))
            self._shared.pop(oldest).context.close()
        return entry.page

    def _log_in_shared(self, role: str, locale: str) -> _Shared:
        context, page = self._logged_in(role, locale)
        self._states[role] = context.storage_state()
        return _Shared(context, page, locale)

    def _reopen(self, role: str, locale: str) -> _Shared | None:
        """The role's session from its storage state, on its start page in ``locale``; None
        when there is none or it is no longer valid (cookies past their expiry, or the start
        page shows a login page or an empty Leganto shell)."""
        state = self._states.get(role)
        if state is None:
            return None
        if not storage_state_current(state, time.time()):
            del self._states[role]
            return None
        context = self._new_context(storage_state=state)
        entry = _Shared(context, context.new_page(), locale)
        try:
            return self._switch_in_place(entry, role, locale, relogin=False)
        except LoginExpired:
            return None  # _switch_in_place closed the context and forgot the state

    def _switch_in_place(
        self, entry: _Shared, role: str, locale: str, *, relogin: bool = True
    ) -> _Shared:
        """Open the role's start page in ``entry`` and switch its session to ``locale``.

        A session found expired there is replaced by a fresh login (``relogin``), or
        `LoginExpired` is raised.
        """
        try:
            entry.page.goto(self._start(role))
            if role != ANONYMOUS:
                expect_session_alive(entry.page, self.sandbox, self.sandbox.role(role))
            dismiss_cookie_banner(entry.page)
            switch_language(entry.page, self.sandbox, locale)
        except LoginExpired:
            entry.context.close()
            self._states.pop(role, None)
            if not relogin:
                raise
            return self._log_in_shared(role, locale)
        except BaseException:
            entry.context.close()
            raise
        entry.locale = locale
        return entry

    def close(self) -> None:
        for entry in self._shared.values():
            entry.context.close()
        self._shared.clear()
