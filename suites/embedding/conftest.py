"""Fixtures of the embedding suite: the LMS course (stand-in or real) and launches per cookie mode.

``embedded(mode)`` opens the course in a fresh browser context, logs in to the LMS if it asks,
and records every answer of the Leganto site (framing headers, Set-Cookie) on the way. Mode
``blocked`` is Playwright's own off-the-record context (third-party cookies blocked, as in
Chrome incognito and Safari); ``allowed`` is a profile that allows them. Contexts are made
with the plugin's ``leganto_context_args`` and ``leganto_launch_args``; a failed test keeps a
screenshot and trace of each one (``leganto_failure_evidence``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, Response

from leganto_qa.browser.lms_embedding import (
    CookieMode,
    ToolCookie,
    cookies_allowed_context,
    parse_set_cookie,
)
from leganto_qa.config.embedding import EmbeddingConfig
from leganto_qa.standins.lms_standin import LmsStandIn
from suites.pages.lms import LmsCourse

SECRET_FIELDS = ("id_token", "state", "lti_message_hint")


@dataclass(frozen=True)
class LmsSite:
    course_url: str
    config: EmbeddingConfig
    user: str | None
    password: str | None
    storage_state: Path | None

    @property
    def origin(self) -> str:
        parts = urlsplit(self.course_url)
        return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Launch:
    """One embedded launch: the LMS page, the course page object, what the tool sent."""

    page: Page
    course: LmsCourse
    mode: CookieMode
    tool_origin: str
    documents: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    cookies: dict[str, ToolCookie] = field(default_factory=dict)

    secrets: list[str] = field(default_factory=list)
    """Cookie values, id_token, state and message hints: kept out of traces and screenshots."""

    def watch(self, response: Response) -> None:
        form = (
            parse_qs(response.request.post_data or "") if response.request.method == "POST" else {}
        )
        for key in SECRET_FIELDS:
            self.secrets.extend(form.get(key, []))
        if not response.url.startswith(self.tool_origin):
            return
        for header in response.headers_array():
            if header["name"].lower() == "set-cookie":
                cookie = parse_set_cookie(header["value"])
                self.cookies[cookie.name] = cookie
                self.secrets.append(header["value"].split(";", 1)[0].partition("=")[2])
        if response.request.resource_type == "document":
            self.documents.append((urlsplit(response.url).path, response.all_headers()))


@pytest.fixture(scope="session")
def embedding(live_sandbox) -> EmbeddingConfig:
    config = live_sandbox.config.embedding
    if config is None:
        pytest.skip(
            f"sandbox {live_sandbox.config.id!r} has no [sandbox.{live_sandbox.config.id}."
            "embedding] table in sandboxes.toml; add one to check the LMS launch"
        )
    return config


@pytest.fixture(scope="session")
def lms_site(embedding, live_sandbox, leganto_run) -> Iterator[LmsSite]:
    """The LMS course; for a stand-in sandbox without course_url, the stand-in LMS."""
    sandbox = live_sandbox.config
    role = sandbox.role(embedding.role) if embedding.role in sandbox.role_names else None
    user = embedding.user or (os.environ.get(embedding.user_env) if embedding.user_env else None)
    password_env = embedding.password_env or (role.password_env if role else None)
    password = os.environ.get(password_env or "") or None
    if embedding.uses_stand_in:
        user = user or (role.user if role else None)
        password = password or ""
        leganto_run.redactor.add(password)
        loopback = f"http://127.0.0.1:{urlsplit(live_sandbox.base_url).port}"
        with LmsStandIn(live_sandbox.base_url, loopback, sandbox.institution, password) as lms:
            yield LmsSite(lms.course_url, embedding, user, password, None)
        return
    leganto_run.redactor.add(password)
    assert embedding.course_url is not None
    state = embedding.state_file if embedding.login == "storage-state" else None
    yield LmsSite(embedding.course_url, embedding, user, password, state)


@pytest.fixture
def embedded(
    leganto_browser,
    playwright,
    leganto_launch_args,
    leganto_context_args,
    leganto_failure_evidence,
    lms_site,
    live_sandbox,
    leganto_run,
) -> Iterator[Callable[..., Launch]]:
    """Factory: ``embedded(mode)`` → a Launch on the course page, logged in, nothing clicked."""
    launches: list[Launch] = []
    stack = ExitStack()
    tool = urlsplit(live_sandbox.base_url)
    tool_origin = f"{tool.scheme}://{tool.netloc}"

    def factory(mode: CookieMode = "blocked") -> Launch:
        options: dict[str, Any] = dict(leganto_context_args)
        if mode == "blocked":
            if lms_site.storage_state is not None:
                options["storage_state"] = str(lms_site.storage_state)
            context = leganto_failure_evidence.watch(leganto_browser.new_context(**options))
        else:
            context = stack.enter_context(
                cookies_allowed_context(playwright, leganto_launch_args, **options)
            )
            leganto_failure_evidence.watch(context, close=False)  # the profile closes it
        page = context.pages[0] if context.pages else context.new_page()
        course = LmsCourse(
            page, lms_site.course_url, lms_site.config, live_sandbox.config.default_locale
        )
        launch = Launch(page, course, mode, tool_origin)
        launches.append(launch)
        context.on("response", launch.watch)
        course.open(lms_site.user, lms_site.password)
        return launch

    yield factory
    for launch in launches:
        leganto_run.redactor.add(*launch.secrets)  # before any trace or screenshot is kept
    leganto_failure_evidence.finish()
    stack.close()  # the persistent profiles
