"""Fixtures the suites use: the live sandbox, the browser, logged-in pages, page-state capture.

Chain: ``leganto_run`` → ``live_sandbox`` → ``leganto_browser`` → ``role_sessions`` →
``role_page`` (a fresh logged-in page per workflow test, traced) and ``shared_page`` +
``capture_state`` (one reused page per role and locale for page-state scans, the fast path).
"""

from __future__ import annotations

import base64
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright
from pytest_html import extras

from leganto_qa.api.alma_client import AlmaClient, OpenProxyClient
from leganto_qa.browser.discovery import find_browser, launch_args
from leganto_qa.browser.roles import ANONYMOUS, RoleSessions
from leganto_qa.compare.api_shapes import Shape
from leganto_qa.config.run_context import RunContext
from leganto_qa.config.sandboxes import SandboxConfig
from leganto_qa.model.errors import BrowserNotFound, LoginFailed
from leganto_qa.model.records import test_id, write_part
from leganto_qa.model.storage import write_bytes_atomic
from leganto_qa.pytest_plugin.plugin import EXTRAS_KEY, PHASES_KEY, RUN_KEY
from leganto_qa.scanning.state_capture import CaptureResult, StateCapture
from leganto_qa.standins.sandbox_standin import StandIn


@dataclass(frozen=True)
class LiveSandbox:
    """A sandbox ready to visit: its config and the base URL it answers on."""

    config: SandboxConfig
    base_url: str

    @property
    def release(self) -> str:
        return self.config.release

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture(scope="session")
def leganto_run(pytestconfig: pytest.Config) -> RunContext:
    """The current run (sandbox, run folder, secrets); needs ``--sandbox``."""
    run = pytestconfig.stash.get(RUN_KEY, None)
    if run is None:
        raise pytest.UsageError(
            "these tests need a sandbox; pass --sandbox demo (or another id from "
            "sandboxes.toml), or use 'leganto-qa run'"
        )
    return run


@pytest.fixture(scope="session")
def live_sandbox(leganto_run: RunContext) -> Iterator[LiveSandbox]:
    """The sandbox under test; a stand-in sandbox is started here and stopped afterwards."""
    config = leganto_run.sandbox
    if not config.is_stand_in:
        assert config.base_url is not None
        yield LiveSandbox(config, config.base_url.rstrip("/"))
        return
    password_env = next((r.password_env for r in config.roles if r.password_env), None)
    password = os.environ.get(password_env or "", "")
    apikey_env = config.api.apikey_env if config.api else None
    apikey = os.environ.get(apikey_env or "", "") or None
    leganto_run.redactor.add(password, apikey)
    with StandIn(config.release, password=password, apikey=apikey) as standin:
        yield LiveSandbox(config, standin.base_url)


@pytest.fixture(scope="session")
def alma_api(live_sandbox: LiveSandbox, leganto_run: RunContext) -> AlmaClient:
    """A client of the sandbox's Alma Courses API (``[sandbox.<id>.api]``); skips without one."""
    config = live_sandbox.config
    if config.api is None:
        pytest.skip(
            f"sandbox {config.id!r} has no [sandbox.{config.id}.api] table in sandboxes.toml; "
            "add one with apikey_env and course to check the Alma Courses API"
        )
    try:
        apikey = config.api.apikey()
    except LoginFailed as exc:
        raise LoginFailed(f"sandbox {config.id!r} [api]: {exc}") from None
    leganto_run.redactor.add(apikey)
    if config.is_stand_in:  # the stand-in's host name does not resolve in Python: use loopback
        base_url = f"http://127.0.0.1:{urlsplit(live_sandbox.base_url).port}/almaws/v1"
    else:
        assert config.api.base_url is not None  # required for remote sandboxes
        base_url = config.api.base_url
    return AlmaClient(base_url, apikey, apikey_env=config.api.apikey_env)


@pytest.fixture(scope="session")
def open_proxy(alma_api: AlmaClient, live_sandbox: LiveSandbox) -> OpenProxyClient:
    """A client of Sikt's open read-only proxy (``[api] open_proxy``); skips without one.

    Needs `alma_api` (the proxy is checked against it), so without an ``[api]`` table it skips
    with that fixture's reason.

    For a stand-in sandbox only the path of ``open_proxy`` counts: the stand-in serves the proxy
    itself (``/leganto-open-api``), so the client uses the stand-in's own address.
    """
    config = live_sandbox.config
    api = config.api
    if api is None or api.open_proxy is None or api.open_proxy_institution is None:
        pytest.skip(
            f"sandbox {config.id!r} has no open proxy in sandboxes.toml; add open_proxy and "
            f"open_proxy_institution to [sandbox.{config.id}.api] to check Sikt's open proxy"
        )
    base_url = api.open_proxy
    if config.is_stand_in:  # the stand-in's host name does not resolve in Python: use loopback
        port = urlsplit(live_sandbox.base_url).port
        base_url = f"http://127.0.0.1:{port}{urlsplit(api.open_proxy).path}"
    return OpenProxyClient(base_url, api.open_proxy_institution)


@pytest.fixture
def record_api_shape(leganto_run: RunContext) -> Callable[[str, Shape], None]:
    """``record_api_shape(name, shape)``: keep an API contract shape in the run record."""

    def record(name: str, shape: Shape) -> None:
        payload = {"name": name, "shape": shape.to_dict()}
        write_part(leganto_run.layout, leganto_run.worker, "api_shape", payload)

    return record


@pytest.fixture(scope="session")
def leganto_browser(playwright: Playwright, leganto_run: RunContext) -> Iterator[Browser]:
    """Chromium as found by the harness (config, $LEGANTO_QA_CHROMIUM, Playwright's, PATH)."""
    configured = str(leganto_run.harness.browser) if leganto_run.harness.browser else None
    choice = find_browser(configured, playwright_path=lambda: _existing(playwright))
    if choice is None:
        raise BrowserNotFound(
            "no Chromium found; run 'leganto-qa doctor' to see what is missing and "
            "'leganto-qa run' to install one"
        )
    browser = playwright.chromium.launch(**launch_args(choice, headless=not leganto_run.headed))
    write_part(
        leganto_run.layout,
        leganto_run.worker,
        "versions",
        {"versions": {"browser": f"Chromium {browser.version}"}},
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def role_sessions(
    leganto_browser: Browser, live_sandbox: LiveSandbox, leganto_run: RunContext
) -> Iterator[RoleSessions]:
    """Logged-in browser contexts per role and locale (logins are cached per worker)."""
    sessions = RoleSessions(
        leganto_browser, live_sandbox.base_url, live_sandbox.config, leganto_run.redactor
    )
    yield sessions
    sessions.close()


def _existing(playwright: Playwright) -> str | None:
    """Playwright's own Chromium, if it was installed (asked of the running Playwright)."""
    path = playwright.chromium.executable_path
    return path if path and Path(path).exists() else None


class RolePageFactory(Protocol):
    def __call__(self, role: str, locale: str | None = None) -> Page: ...


@pytest.fixture
def role_page(
    request: pytest.FixtureRequest, role_sessions: RoleSessions, leganto_run: RunContext
) -> Iterator[RolePageFactory]:
    """Factory: a page in a fresh session of ``role`` (own login, traced for evidence).

    When the test fails, a screenshot and the Playwright trace are kept in the run folder.
    """
    opened: list[BrowserContext] = []

    def factory(role: str, locale: str | None = None) -> Page:
        context = role_sessions.fresh_context(role, locale or leganto_run.sandbox.default_locale)
        if not leganto_run.axe_only:
            context.tracing.start(screenshots=False, snapshots=True, sources=False)
        opened.append(context)
        return context.new_page()

    yield factory
    failed = _failed(request.node)
    for index, context in enumerate(opened):
        if failed and not leganto_run.axe_only:
            _keep_failure_evidence(request.node, leganto_run, context, index)
        elif not leganto_run.axe_only:
            context.tracing.stop()
        context.close()


def _failed(item: pytest.Item) -> bool:
    reports = item.stash.get(PHASES_KEY, {})
    return any(r.failed for r in reports.values())


def _keep_failure_evidence(
    item: pytest.Item, run: RunContext, context: BrowserContext, index: int
) -> None:
    folder = run.layout.test_dir(test_id(item.nodeid))
    suffix = f"-{index}" if index else ""
    artifacts: list[str] = []
    for number, page in enumerate(context.pages):
        shot = folder / f"failure{suffix}-{number}.png"
        png = page.screenshot()
        write_bytes_atomic(shot, png)
        artifacts.append(run.layout.relative(shot))
        item.stash.setdefault(EXTRAS_KEY, []).append(_png_extra(png, f"failure {number}"))
    trace = folder / f"trace{suffix}.zip"
    with tempfile.TemporaryDirectory(prefix="leganto-trace-") as scratch:
        raw = Path(scratch) / "trace.zip"  # outside reports/: only the redacted copy lands
        context.tracing.stop(path=str(raw))
        run.redactor.store(raw, trace)
    artifacts.append(run.layout.relative(trace))
    write_part(
        run.layout,
        run.worker,
        "test_artifacts",
        {"test": test_id(item.nodeid), "artifacts": artifacts},
    )


def _png_extra(png: bytes, name: str) -> dict[str, Any]:
    extra: dict[str, Any] = extras.png(base64.b64encode(png).decode("ascii"), name)
    return extra


@pytest.fixture
def shared_page(role_sessions: RoleSessions) -> Callable[[str, str], Page]:
    """``shared_page(role, locale)``: the one page per role and locale this worker reuses."""
    return role_sessions.shared_page


@pytest.fixture
def capture_state(
    request: pytest.FixtureRequest, leganto_run: RunContext
) -> Callable[..., CaptureResult]:
    """Scan a confirmed page state with axe and keep its evidence; returns what was found."""
    capture = StateCapture(leganto_run, test_id(request.node.nodeid))

    def run_capture(
        page: Page,
        state: str,
        role: str,
        locale: str,
        steps: tuple[str, ...] = (),
        reach_again: Callable[[Page], None] | None = None,
    ) -> CaptureResult:
        result = capture(page, state, role, locale, steps, reach_again)
        if result.screenshot is not None:
            request.node.stash.setdefault(EXTRAS_KEY, []).append(
                _png_extra(result.screenshot, f"{state} [{role}, {locale}]")
            )
        return result

    return run_capture


@pytest.fixture(scope="session")
def anonymous_role() -> str:
    """The pseudo-role of visitors who are not logged in (public pages)."""
    return ANONYMOUS
