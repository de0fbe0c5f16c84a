"""axe-core and the browser checks on arbitrary pages (a sandbox of kind ``pages``).

Each page is one page state, named by its URL path unless sandboxes.toml names it. With a
``[login]`` table the pages are visited after a form login (role ``user``), else anonymously.
The plugin runs a test that takes ``leganto_page_target`` once per page of the sandbox.

One page per worker is reused across the page states (``scan_page``); a new one only when the
last test left it closed or broken (an error, an inconclusive page), or when the next URL is the
same document (a goto would not load it again). A page counts as ready after load once its DOM
has been quiet for ``[harness] ready_quiet_ms`` and it stayed on its URL for ``stay_ms``
(`page_health.hold_still`): no network-idle wait, so audio and video never hold a page up.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from leganto_qa.browser.page_close import close_page
from leganto_qa.browser.page_health import navigate, remember_login, remember_retries
from leganto_qa.config.pages import PageTarget
from leganto_qa.config.run_context import RunContext
from leganto_qa.scanning.axe_scan import preload as preload_axe


@pytest.fixture(scope="session")
def pages_context(
    leganto_browser: Browser, leganto_context_args, leganto_run: RunContext
) -> Iterator[BrowserContext]:
    """One browser context for the scan, logged in through the form when one is configured."""
    sandbox = leganto_run.sandbox
    if sandbox.pages is None:
        pytest.skip(f"sandbox {sandbox.id!r} is not of kind 'pages'")
    context = leganto_browser.new_context(
        **{**leganto_context_args, "locale": sandbox.default_locale}
    )
    remember_login(context, _login_hint(sandbox.id, sandbox.pages.login is not None))
    remember_retries(context, sandbox.retries)
    preload_axe(context)
    login = sandbox.pages.login
    if login is not None:
        user, password = login.credentials()
        leganto_run.redactor.add(password)
        page = context.new_page()
        navigate(page, login.url, allow_login=True)
        page.locator(login.user_field).fill(user)
        page.locator(login.password_field).fill(password)
        page.locator(login.submit).click()
        page.wait_for_load_state("load")
        close_page(page)
    yield context
    context.close()


class ScanPage:
    """The one page of this worker's scan, reused across page states."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.page: Page | None = None

    def for_url(self, url: str) -> Page:
        """The reused page, or a new one where the old cannot be trusted with ``url``."""
        page = self.page
        if page is not None and (page.is_closed() or _same_document(page.url, url)):
            self.discard()
            page = None
        if page is None:
            page = self.page = self.context.new_page()
        return page

    def discard(self) -> None:
        """Close the page (it is left broken, or mid-way); the next state gets a new one.

        It may be navigating by itself (a script sending it to a login page): `close_page` is
        bounded where Chromium would drop a close racing that navigation."""
        page, self.page = self.page, None
        if page is not None:
            close_page(page)


@pytest.fixture(scope="session")
def scan_page(pages_context: BrowserContext) -> Iterator[ScanPage]:
    holder = ScanPage(pages_context)
    yield holder
    holder.discard()


def test_page_has_no_new_wcag_findings(
    leganto_page_target: PageTarget,
    scan_page: ScanPage,
    capture_state,
    leganto_run: RunContext,
    explorer_for,
) -> None:
    target = leganto_page_target
    sandbox = leganto_run.sandbox
    harness = leganto_run.harness
    role = "user" if sandbox.pages and sandbox.pages.login else "visitor"
    page = scan_page.for_url(target.url)
    try:
        navigate(page, target.url, stay_ms=harness.stay_ms, dom_quiet_ms=harness.ready_quiet_ms)

        # The state explorer (leganto_qa.explore): menus, dialogs, disclosures, tabs, tooltips.
        def reach_again(fresh: Page) -> None:
            quiet_ms = harness.ready_quiet_ms
            navigate(fresh, target.url, stay_ms=harness.stay_ms, dom_quiet_ms=quiet_ms)

        explorer = explorer_for(steps=(target.url,), reach_again=reach_again)
        result = capture_state(
            page, target.name, role, sandbox.default_locale, (target.url,), also=explorer
        )
    except BaseException:  # an error or an inconclusive page: the next state gets a new page
        scan_page.discard()
        raise
    assert not result.new, result.describe_new()
    assert not explorer.new, explorer.describe_new()


def _same_document(current: str, url: str) -> bool:
    """Whether going to ``url`` from ``current`` would stay in the same document (a fragment)."""
    return current.split("#")[0] == url.split("#")[0] and current != "about:blank"


def _login_hint(sandbox: str, form_login: bool) -> str:
    if form_login:
        return f"the form login of sandbox {sandbox!r} did not hold; check its [login] table"
    return "the page needs a login: scan it through a sandbox of kind 'pages' with a [login] table"
