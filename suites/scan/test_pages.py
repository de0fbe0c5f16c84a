"""axe-core and the browser checks on arbitrary pages (a sandbox of kind ``pages``).

Each page is one page state, named by its URL path unless sandboxes.toml names it. With a
``[login]`` table the pages are visited after a form login (role ``user``), else anonymously.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from leganto_qa.browser.roles import VIEWPORT
from leganto_qa.config.pages import PageTarget
from leganto_qa.config.run_context import RunContext


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    from leganto_qa.pytest_plugin.plugin import run_context

    run = run_context(metafunc.config)
    if "target" not in metafunc.fixturenames:
        return
    pages = run.sandbox.pages.pages if run is not None and run.sandbox.pages else ()
    metafunc.parametrize("target", list(pages), ids=[p.name for p in pages])


@pytest.fixture(scope="session")
def pages_context(leganto_browser: Browser, leganto_run: RunContext) -> Iterator[BrowserContext]:
    """One browser context for the scan, logged in through the form when one is configured."""
    sandbox = leganto_run.sandbox
    if sandbox.pages is None:
        pytest.skip(f"sandbox {sandbox.id!r} is not of kind 'pages'")
    context = leganto_browser.new_context(viewport=VIEWPORT, locale=sandbox.default_locale)
    login = sandbox.pages.login
    if login is not None:
        user, password = login.credentials()
        leganto_run.redactor.add(password)
        page = context.new_page()
        page.goto(login.url)
        page.locator(login.user_field).fill(user)
        page.locator(login.password_field).fill(password)
        page.locator(login.submit).click()
        page.wait_for_load_state("load")
        page.close()
    yield context
    context.close()


def test_page_has_no_new_wcag_findings(
    target: PageTarget, pages_context: BrowserContext, capture_state, leganto_run: RunContext
) -> None:
    sandbox = leganto_run.sandbox
    role = "user" if sandbox.pages and sandbox.pages.login else "visitor"
    page: Page = pages_context.new_page()
    try:
        page.goto(target.url, wait_until="load")
        page.wait_for_load_state("networkidle")
        result = capture_state(page, target.name, role, sandbox.default_locale, (target.url,))
    finally:
        page.close()
    assert not result.new, result.describe_new()
