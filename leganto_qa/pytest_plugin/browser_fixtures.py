"""Fixtures of the browser side: launch and context options, the browser, logged-in pages,
and page-state capture.

Chain: ``leganto_launch_args`` → ``leganto_browser``; ``leganto_context_args`` →
``role_sessions`` → ``role_page`` (a fresh logged-in page per workflow test, traced) and
``shared_page`` + ``capture_state`` (one reused page per role, switched to each locale in
place, the fast path).
Override ``leganto_launch_args`` or ``leganto_context_args`` in a conftest (session scope)
to change how every browser or context is made: ``{**leganto_context_args, ...}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import pytest
from playwright.sync_api import Browser, Page, Playwright

from leganto_qa.browser.browser_discovery import find_browser, launch_args
from leganto_qa.browser.chromium_features import remember_playwright_features
from leganto_qa.browser.remote_browser import connect_browser
from leganto_qa.browser.role_sessions import CONTEXT_ARGS, RoleSessions
from leganto_qa.config.browser_endpoint import (
    effective_endpoint,
    endpoint_label,
    endpoint_secrets,
)
from leganto_qa.config.run_context import RunContext
from leganto_qa.model.errors import BrowserNotFound
from leganto_qa.model.findings import Finding, StateContext
from leganto_qa.model.records import test_id, write_part
from leganto_qa.pytest_plugin.failure_evidence import FailureEvidence, add_extra, png_extra
from leganto_qa.pytest_plugin.sandbox_fixtures import LiveSandbox
from leganto_qa.pytest_plugin.user_findings import hook_findings
from leganto_qa.scanning.state_capture import CaptureResult, StateCapture


@pytest.fixture(scope="session")
def leganto_launch_args(playwright: Playwright, leganto_run: RunContext) -> dict[str, Any]:
    """Options of ``chromium.launch()`` for the Chromium the harness found.

    Found in this order: ``[harness] browser`` in sandboxes.toml, ``$LEGANTO_QA_CHROMIUM``,
    Playwright's own Chromium, Chromium on PATH. Headless unless ``--headed``. Override (session
    scope) to add options: ``return {**leganto_launch_args, "slow_mo": 200}``.
    """
    configured = str(leganto_run.harness.browser) if leganto_run.harness.browser else None
    choice = find_browser(configured, playwright_path=lambda: _playwright_chromium(playwright))
    if choice is None:
        raise BrowserNotFound(
            "no Chromium found; run 'leganto-qa doctor' to see what is missing and "
            "'leganto-qa run' to install one"
        )
    return launch_args(choice, headless=not leganto_run.headed)


def _playwright_chromium(playwright: Playwright) -> str | None:
    """Playwright's own Chromium, if it was installed (asked of the running Playwright)."""
    path = playwright.chromium.executable_path
    return path if path and Path(path).exists() else None


@pytest.fixture(scope="session")
def leganto_context_args() -> dict[str, Any]:
    """Options of every browser context the harness opens (viewport, locale, ...).

    The sandbox's ``base_url`` is added for contexts of a role. Override (session scope) to
    change them: ``return {**leganto_context_args, "reduced_motion": "reduce"}``. Page-state
    screenshots and element boxes assume the default viewport.
    """
    return dict(CONTEXT_ARGS)


@pytest.fixture(scope="session")
def leganto_browser(
    playwright: Playwright, leganto_run: RunContext, request: pytest.FixtureRequest
) -> Iterator[Browser]:
    """The Chromium of this worker, launched with ``leganto_launch_args``; or, with a browser
    endpoint (``[harness] browser_endpoint``, ``$LEGANTO_QA_BROWSER_ENDPOINT``), the Chromium of
    that Playwright browser server."""
    endpoint = effective_endpoint(leganto_run.harness.browser_endpoint)
    if endpoint:
        leganto_run.redactor.add(*endpoint_secrets(endpoint))  # a token: never in an artifact
        browser = connect_browser(playwright, endpoint, headless=not leganto_run.headed)
        where = f" on {endpoint_label(endpoint)}"
    else:
        options = request.getfixturevalue("leganto_launch_args")
        browser = playwright.chromium.launch(**options)
        remember_playwright_features(browser, options.get("args", ()))
        where = ""
    write_part(
        leganto_run.layout,
        leganto_run.worker,
        "versions",
        {"versions": {"browser": f"Chromium {browser.version}{where}"}},
        leganto_run.redactor,
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def role_sessions(
    leganto_browser: Browser,
    live_sandbox: LiveSandbox,
    leganto_run: RunContext,
    leganto_context_args: dict[str, Any],
) -> Iterator[RoleSessions]:
    """Logged-in browser contexts per role and locale (logins are cached per worker)."""
    sessions = RoleSessions(
        leganto_browser,
        live_sandbox.base_url,
        live_sandbox.config,
        leganto_run.redactor,
        context_args=leganto_context_args,
    )
    yield sessions
    sessions.close()


class RolePageFactory(Protocol):
    def __call__(self, role: str, locale: str | None = None) -> Page: ...


@pytest.fixture
def role_page(
    role_sessions: RoleSessions,
    leganto_run: RunContext,
    leganto_failure_evidence: FailureEvidence,
) -> RolePageFactory:
    """Factory: ``role_page(role, locale=None)`` → a page in a fresh session of ``role``.

    Each session has its own login. When the test fails, a screenshot and the Playwright
    trace of each session are kept in the run folder (``leganto_failure_evidence``).
    """

    def factory(role: str, locale: str | None = None) -> Page:
        context = role_sessions.fresh_context(role, locale or leganto_run.sandbox.default_locale)
        return leganto_failure_evidence.watch(context).new_page()

    return factory


@pytest.fixture
def shared_page(role_sessions: RoleSessions) -> Callable[[str, str], Page]:
    """``shared_page(role, locale)``: the one page per role this worker reuses, in ``locale``."""
    return role_sessions.shared_page


@pytest.fixture
def capture_state(
    request: pytest.FixtureRequest, leganto_run: RunContext
) -> Callable[..., CaptureResult]:
    """``capture_state(page, state, role, locale, steps=(), reach_again=None, also=None)``.

    Scans a confirmed page state with axe and the browser checks, asks the
    ``pytest_leganto_state_captured`` hooks for more findings, keeps the evidence in the run
    folder and returns what was found (``result.new``: WCAG findings the baseline lacks).
    """
    more = partial(hook_findings, request.config)
    capture = StateCapture(leganto_run, test_id(request.node.nodeid), more_findings=more)

    def run_capture(
        page: Page,
        state: str,
        role: str,
        locale: str,
        steps: tuple[str, ...] = (),
        reach_again: Callable[[Page], None] | None = None,
        also: Callable[[Page, StateContext], list[Finding]] | None = None,
    ) -> CaptureResult:
        result = capture(page, state, role, locale, steps, reach_again, also)
        if result.screenshot is not None and request.config.pluginmanager.has_plugin("html"):
            add_extra(request.node, png_extra(result.screenshot, f"{state} [{role}, {locale}]"))
        return result

    return run_capture
