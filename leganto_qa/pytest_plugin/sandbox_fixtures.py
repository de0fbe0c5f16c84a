"""Fixtures of the run and the sandbox: the run context, the live sandbox, its APIs.

``leganto_run`` needs ``--leganto-sandbox``; ``live_sandbox`` starts a stand-in sandbox
(once per worker) or points at a real one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from leganto_qa.browser.role_sessions import ANONYMOUS
from leganto_qa.config.pages import PageTarget
from leganto_qa.config.run_context import RunContext
from leganto_qa.config.sandboxes import SandboxConfig
from leganto_qa.model.errors import LoginFailed
from leganto_qa.pytest_plugin.keys import RUN_KEY

if TYPE_CHECKING:  # imported where used: a scan of pages needs neither (requests, the stand-in)
    from leganto_qa.api.alma_client import AlmaClient, OpenProxyClient

NO_SANDBOX = (
    "these tests need a sandbox; pass --leganto-sandbox demo (or another id from "
    "sandboxes.toml), set leganto_sandbox in the ini file, or use 'leganto-qa run'"
)


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
    """The current run: sandbox config, run folder, secrets to redact (needs a sandbox)."""
    run = pytestconfig.stash.get(RUN_KEY, None)
    if run is None:
        raise pytest.UsageError(NO_SANDBOX)
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
    from leganto_qa.standins.sandbox_standin import StandIn

    with StandIn(
        config.release, password=password, apikey=apikey, institution=config.institution
    ) as standin:
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
    from leganto_qa.api.alma_client import AlmaClient

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
    from leganto_qa.api.alma_client import OpenProxyClient

    if config.is_stand_in:  # the stand-in's host name does not resolve in Python: use loopback
        port = urlsplit(live_sandbox.base_url).port
        base_url = f"http://127.0.0.1:{port}{urlsplit(api.open_proxy).path}"
    return OpenProxyClient(base_url, api.open_proxy_institution)


@pytest.fixture(scope="session")
def anonymous_role() -> str:
    """The pseudo-role of visitors who are not logged in (public pages)."""
    return ANONYMOUS


@pytest.fixture
def leganto_page_target(leganto_run: RunContext) -> PageTarget:
    """A page of a sandbox of kind ``pages``: a test taking it runs once per page.

    The plugin parametrizes it (``pytest_generate_tests``); a sandbox without pages gives
    the test no runs.
    """
    raise pytest.UsageError(f"sandbox {leganto_run.sandbox.id!r} has no pages to scan")
