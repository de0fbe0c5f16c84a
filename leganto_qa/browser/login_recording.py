"""`leganto-qa login`: a person logs in once in a visible browser; the session is kept.

For Feide/SAML with MFA, which no script should automate. The saved storage state is
written owner-only and never printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import BrowserContext, Error, sync_playwright

from leganto_qa.browser.browser_discovery import ensure_browser, launch_args
from leganto_qa.browser.sessions import save_storage_state
from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.errors import ConfigError, LoginFailed

LOGGED_IN = re.compile(r".*/leganto/nui/.*")


def record_login(
    context: BrowserContext, base_url: str, auth: str, state_file: Path, timeout_s: int
) -> Path:
    """Open Leganto's login, wait until the user reaches the new UI, save the session."""
    page = context.pages[0] if context.pages else context.new_page()
    if not LOGGED_IN.match(page.url):
        page.goto(f"{base_url}/leganto/login?auth={auth}")
    try:
        page.wait_for_url(LOGGED_IN, timeout=timeout_s * 1000)
    except Error:
        raise LoginFailed(
            f"no login finished within {timeout_s} s (the browser never reached /leganto/nui/); "
            "run the command again and complete the login, or raise --timeout"
        ) from None
    save_storage_state(context, state_file)
    return state_file


def record_login_headed(
    config_path: Path, sandbox_id: str, role_name: str, timeout_s: int, echo: Callable[[str], None]
) -> Path:
    harness = load_config(config_path)
    sandbox = harness.sandbox(sandbox_id)
    role = sandbox.role(role_name)
    if sandbox.is_stand_in or sandbox.base_url is None:
        raise ConfigError(
            f"sandbox {sandbox_id!r} is the stand-in, whose sessions end with each run; "
            "'leganto-qa login' is for real sandboxes with login = \"storage-state\""
        )
    if role.login != "storage-state" or role.state_file is None:
        raise ConfigError(
            f"role {role_name!r} of sandbox {sandbox_id!r} uses login = {role.login!r}; set "
            'login = "storage-state" in sandboxes.toml to record a login by hand'
        )
    choice = ensure_browser(str(harness.browser) if harness.browser else None, progress=echo)
    echo(
        f"A browser opens at {sandbox.base_url}; log in as the {role_name} "
        f"(you have {timeout_s} s)."
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(choice, headless=False))
        try:
            context = browser.new_context()
            return record_login(context, sandbox.base_url, role.auth, role.state_file, timeout_s)
        finally:
            browser.close()
