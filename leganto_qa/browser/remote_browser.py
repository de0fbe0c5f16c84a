"""A browser on a Playwright browser server (``playwright run-server`` or a service like it).

The harness connects with the launch options it would use for a local Chromium (headless, its
arguments) in the ``x-playwright-launch-options`` header; a server started without ``--unsafe``
keeps only the safe ones (headless), and one whose endpoint URL carries ``?launch-options=...``
uses those instead. Which browser binary runs is the server's business.

Nothing here shows the endpoint whole: it may carry a token (``config.browser_endpoint``).
"""

from __future__ import annotations

import json
import socket

from playwright.sync_api import Browser, Playwright
from playwright.sync_api import Error as PlaywrightError

from leganto_qa.browser.browser_discovery import BrowserChoice, launch_args
from leganto_qa.config.browser_endpoint import SERVER_HINT, endpoint_label, host_port
from leganto_qa.model.errors import BrowserNotFound

CONNECT_TIMEOUT_MS = 60_000
"""How long connecting may take: the server launches a browser for the connection."""


def connect_browser(playwright: Playwright, endpoint: str, headless: bool = True) -> Browser:
    """The server's Chromium; a failure is BrowserNotFound in one line naming only host:port."""
    options = launch_args(BrowserChoice(None, "playwright"), headless=headless)
    headers = {"x-playwright-launch-options": json.dumps(options)}
    try:
        return playwright.chromium.connect(endpoint, timeout=CONNECT_TIMEOUT_MS, headers=headers)
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        reason = "timed out" if "Timeout" in first else "the server refused or closed it"
        raise BrowserNotFound(
            f"could not connect to the browser server at {endpoint_label(endpoint)} ({reason}); "
            f"check that it runs the same Playwright version ({_version()}) and can launch "
            f"Chromium, e.g. '{SERVER_HINT}'"
        ) from None


def check_endpoint_reachable(endpoint: str, timeout_s: float = 5.0) -> None:
    """Before a run: the server accepts connections, else BrowserNotFound in one line."""
    host, port = host_port(endpoint)
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            pass
    except OSError as exc:
        reason = "timed out" if isinstance(exc, TimeoutError) else type(exc).__name__
        raise BrowserNotFound(
            f"the browser server at {endpoint_label(endpoint)} is unreachable ({reason}); start "
            f"one there (e.g. '{SERVER_HINT}') or fix browser_endpoint in sandboxes.toml or "
            "--browser-endpoint"
        ) from None


def _version() -> str:
    from importlib import metadata

    return metadata.version("playwright")
