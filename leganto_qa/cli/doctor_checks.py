"""`leganto-qa doctor`: check that this machine can run the harness, without changing anything.

`run_checks` only looks (browser discovery, never install) and returns `Check`s; the CLI prints.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from leganto_qa.browser.browser_discovery import (
    BROWSER_ENV,
    BrowserChoice,
    browser_version,
    find_browser,
    playwright_chromium_path,
)
from leganto_qa.browser.remote_browser import check_endpoint_reachable
from leganto_qa.config.browser_endpoint import effective_endpoint, endpoint_label
from leganto_qa.config.sandboxes import HarnessConfig, load_config
from leganto_qa.model.errors import HarnessError

__all__ = ["MIN_PYTHON", "Check", "axe_core_version", "run_checks"]

MIN_PYTHON = (3, 11)
_AXE_HEADER_RE = re.compile(r"axe v(\d+\.\d+\.\d+\S*)")


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report: what was checked, whether it is fine, and details."""

    name: str
    ok: bool
    detail: str


def _python_check() -> Check:
    version = ".".join(str(part) for part in sys.version_info[:3])
    if sys.version_info[:2] >= MIN_PYTHON:
        return Check("Python", True, version)
    needed = ".".join(str(part) for part in MIN_PYTHON)
    return Check("Python", False, f"{version} is too old; use Python {needed} or newer")


def _playwright_check() -> Check:
    try:
        return Check("Playwright", True, metadata.version("playwright"))
    except metadata.PackageNotFoundError:
        return Check("Playwright", False, "not installed; run 'pip install playwright'")


def axe_core_version() -> str | None:
    """The axe-core version bundled with axe-playwright-python (from `axe.min.js`), or None."""
    try:
        script = resources.files("axe_playwright_python").joinpath("axe.min.js")
        with script.open("r", encoding="utf-8", errors="replace") as handle:
            header = handle.read(512)
    except (ModuleNotFoundError, OSError):
        return None
    match = _AXE_HEADER_RE.search(header)
    return match.group(1) if match else None


def _axe_check() -> Check:
    version = axe_core_version()
    if version is None:
        return Check(
            "axe-core",
            False,
            "axe-playwright-python or its axe.min.js is missing; "
            "run 'pip install axe-playwright-python'",
        )
    try:
        wrapper = metadata.version("axe-playwright-python")
    except metadata.PackageNotFoundError:
        wrapper = "unknown"
    return Check("axe-core", True, f"{version} (axe-playwright-python {wrapper})")


def _config_check(config_path: Path) -> tuple[Check, HarnessConfig | None]:
    try:
        config = load_config(config_path)
    except HarnessError as exc:
        return Check("config", False, str(exc)), None
    ids = ", ".join(config.sandbox_ids)
    return Check("config", True, f"{config.path}: sandboxes {ids}"), config


def _browser_checks(
    config: HarnessConfig | None,
    environ: Mapping[str, str] | None,
    playwright_path: Callable[[], str | None],
    search_path: str | None,
) -> list[Check]:
    remote = _browser_server_check(config, environ)
    if remote is not None:
        return [remote]
    configured = config.browser if config is not None else None
    try:
        choice: BrowserChoice | None = find_browser(
            configured, environ=environ, playwright_path=playwright_path, search_path=search_path
        )
    except HarnessError as exc:
        return [Check("browser", False, str(exc))]
    if choice is None:
        return [
            Check(
                "browser",
                False,
                "no Chromium found; run 'python -m playwright install chromium', or install "
                f"Chromium (Debian: apt-get install -y chromium) and set {BROWSER_ENV}",
            )
        ]
    version = browser_version(choice)
    if version == "unknown":
        version_check = Check(
            "browser version",
            False,
            f"'{choice.executable} --version' failed; check that this browser runs here",
        )
    else:
        version_check = Check("browser version", True, version)
    return [Check("browser", True, choice.describe()), version_check]


def _browser_server_check(
    config: HarnessConfig | None, environ: Mapping[str, str] | None
) -> Check | None:
    """With a browser endpoint, the server must answer (no local Chromium is needed); None
    without one. Shows the endpoint only as scheme://host:port."""
    try:
        endpoint = effective_endpoint(
            config.browser_endpoint if config is not None else None,
            environ=os.environ if environ is None else environ,
        )
        if endpoint is None:
            return None
        check_endpoint_reachable(endpoint)
    except HarnessError as exc:
        return Check("browser server", False, str(exc))
    return Check("browser server", True, f"{endpoint_label(endpoint)} answers (remote browser)")


def run_checks(
    config_path: Path,
    *,
    environ: Mapping[str, str] | None = None,
    playwright_path: Callable[[], str | None] = playwright_chromium_path,
    search_path: str | None = None,
) -> list[Check]:
    """Check Python, Playwright, axe-core, the config file and the browser; print nothing."""
    config_check, config = _config_check(config_path)
    return [
        _python_check(),
        _playwright_check(),
        _axe_check(),
        config_check,
        *_browser_checks(config, environ, playwright_path, search_path),
    ]
