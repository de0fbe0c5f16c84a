"""axe-core and the browser checks on arbitrary pages (a sandbox of kind ``pages``).

Each page is one page state, named by its URL path unless sandboxes.toml names it. With a
``[login]`` table the pages are visited after a form login (role ``user``), else anonymously.
The plugin runs a test that takes ``leganto_page_target`` once per page of the sandbox.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from leganto_qa.browser.page_health import QUIET_MS, navigate, remember_login, remember_retries
from leganto_qa.config.pages import PageTarget
from leganto_qa.config.run_context import RunContext


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
        page.close()
    yield context
    context.close()


def test_page_has_no_new_wcag_findings(
    leganto_page_target: PageTarget,
    pages_context: BrowserContext,
    capture_state,
    leganto_run: RunContext,
) -> None:
    target = leganto_page_target
    sandbox = leganto_run.sandbox
    role = "user" if sandbox.pages and sandbox.pages.login else "visitor"
    page: Page = pages_context.new_page()
    try:
        navigate(page, target.url, ready=_network_idle, quiet_ms=QUIET_MS)
        result = capture_state(page, target.name, role, sandbox.default_locale, (target.url,))
    finally:
        page.close()
    assert not result.new, result.describe_new()


def _network_idle(page: Page) -> None:
    page.wait_for_load_state("networkidle")


def _login_hint(sandbox: str, form_login: bool) -> str:
    if form_login:
        return f"the form login of sandbox {sandbox!r} did not hold; check its [login] table"
    return "the page needs a login: scan it through a sandbox of kind 'pages' with a [login] table"
