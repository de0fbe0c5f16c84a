"""Logging a role in and putting its session in a locale, the way users do.

These are the only two UI flows the library itself knows; everything else is page objects'.
The selectors are Leganto's stable hooks (leganto-dom.md): the login form's user/password
fields, the Settings menu `#lg-menu-button-setting-menu`, its `#lg-menu-action-language` item
and the language radio buttons. No secret is ever logged: only env var names appear in errors.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import cast
from urllib.parse import quote

from playwright.sync_api import BrowserContext, Error, Page, StorageState, expect

from leganto_qa.browser.page_health import expect_healthy, navigate, remember_login
from leganto_qa.config.sandboxes import RoleConfig, SandboxConfig
from leganto_qa.model.errors import ConfigError, LoginFailed, SandboxUnavailable
from leganto_qa.model.health import origin
from leganto_qa.model.redaction import Redactor

NUI_LISTS = "/leganto/nui/lists"
USER_FIELD = "input#username, input[name='username']"
PASSWORD_FIELD = "input#password, input[type='password']"
LOGIN_TIMEOUT_MS = 30_000


def dismiss_cookie_banner(page: Page) -> None:
    """Close the OneTrust banner if it is shown; it blocks clicks until dismissed."""
    reject = page.locator("#onetrust-reject-all-handler")
    if reject.is_visible():
        reject.click()
        expect(page.locator("#onetrust-banner-sdk")).to_be_hidden()


def check_not_error_page(page: Page, sandbox: SandboxConfig) -> None:
    """Raise SandboxUnavailable (`PageUnhealthy`, `LoginExpired`) unless Leganto shows a page.

    The page-health gate's checks on the page as it is now: an error, maintenance or login
    page, another site, an empty page or an empty (expired) Angular shell.
    """
    expect_healthy(page, _home(page, sandbox))


def login(page: Page, sandbox: SandboxConfig, role: RoleConfig, redactor: Redactor) -> None:
    """Log a ``local`` role in on ``page``; it ends on ``/leganto/nui/lists``.

    ``storage-state`` roles get their cookies when the context is created; ``none`` needs nothing.
    """
    user, password = role.credentials()
    redactor.add(password)
    remember_login(page.context, _expired(sandbox, role))
    navigate(
        page,
        f"/leganto/login?auth={quote(role.auth)}&redirect={quote(NUI_LISTS)}",
        allow_login=True,
    )
    page.locator(USER_FIELD).first.fill(user)
    page.locator(PASSWORD_FIELD).first.fill(password)
    page.locator(PASSWORD_FIELD).first.press("Enter")
    try:
        page.wait_for_url(re.compile(r".*/leganto/nui/.*"), timeout=LOGIN_TIMEOUT_MS)
    except Error:
        raise LoginFailed(
            f"role {role.name!r} of sandbox {sandbox.id!r} could not log in as {user!r} "
            f"(still at {page.url.split('?')[0]}); check the password in "
            f"{role.password_env} and the user name"
        ) from None
    check_not_error_page(page, sandbox)


def load_storage_state(role: RoleConfig, sandbox: SandboxConfig) -> StorageState:
    """The recorded session of a ``storage-state`` role; a clear error when missing or bad."""
    path = role.state_file
    assert path is not None
    fix = f"record it with 'leganto-qa login {sandbox.id} {role.name}'"
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LoginFailed(f"no recorded login for role {role.name!r} at {path}; {fix}") from None
    except json.JSONDecodeError:
        raise LoginFailed(f"recorded login {path} is not valid JSON; {fix}") from None
    if not isinstance(state, dict) or "cookies" not in state:
        raise LoginFailed(f"recorded login {path} is not a Playwright storage state; {fix}")
    return cast(StorageState, state)


EXPIRY_MARGIN_S = 60
"""A cookie that expires within this many seconds counts as expired already."""


def storage_state_current(state: StorageState, now: float) -> bool:
    """Whether no cookie of ``state`` has expired (or expires within `EXPIRY_MARGIN_S`).

    The cheap half of a validity check: no request is made. Session cookies (``expires``
    -1) never expire by date; whether the server still knows them shows on the next page.
    """
    for cookie in state.get("cookies", []):
        expires = cookie.get("expires", -1)
        if 0 < expires < now + EXPIRY_MARGIN_S:
            return False
    return True


def save_storage_state(context: BrowserContext, path: Path) -> None:
    """Write a recorded login readable by the owner only (it holds session cookies)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(context.storage_state(), handle)
    tmp.replace(path)


def expect_session_alive(page: Page, sandbox: SandboxConfig, role: RoleConfig) -> None:
    """A login page or an empty Angular shell means the session expired (leganto-dom.md §4).

    Also remembers, for the page-health gate, how to log ``role`` in again when a later page
    of this context lands on a login page.
    """
    remember_login(page.context, _expired(sandbox, role))
    expect_healthy(page, _home(page, sandbox))


def _home(page: Page, sandbox: SandboxConfig) -> str:
    """Where a logged-in role belongs: the sandbox's My lists (the gate judges against it)."""
    return (sandbox.base_url or origin(page.url)).rstrip("/") + NUI_LISTS


def _expired(sandbox: SandboxConfig, role: RoleConfig) -> str:
    if role.login == "storage-state":
        return (
            f"the recorded login of role {role.name!r} on sandbox {sandbox.id!r} has expired; "
            f"record it again with 'leganto-qa login {sandbox.id} {role.name}'"
        )
    return (
        f"role {role.name!r} on sandbox {sandbox.id!r} was sent back to the login page; "
        "check its login settings in sandboxes.toml"
    )


def switch_language(page: Page, sandbox: SandboxConfig, locale: str) -> None:
    """Settings → Choose a language → ``locale`` (the way users do), then wait for the reload."""
    if sandbox.language_switch == "none":
        return
    if sandbox.language_switch != "settings-menu":  # pragma: no cover - config validates
        raise ConfigError(f"unknown language_switch {sandbox.language_switch!r}")
    if page.locator("html").get_attribute("lang") == locale:
        return
    dismiss_cookie_banner(page)
    page.locator("#lg-menu-button-setting-menu").click()
    page.locator(".cdk-overlay-container #lg-menu-action-language").click()
    dialog = page.locator(".cdk-overlay-container [role=dialog]")
    expect(dialog).to_be_visible()
    option = dialog.locator(f"input[type=radio][value='{locale}']")
    if option.count() == 0:
        raise SandboxUnavailable(
            f"sandbox {sandbox.id!r} offers no language {locale!r} in Settings → Choose a "
            "language; remove it from locales in sandboxes.toml"
        )
    option.click()  # choosing reloads the page, so check() could not confirm it
    expect(page.locator("html")).to_have_attribute("lang", locale, timeout=15_000)
