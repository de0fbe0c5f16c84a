"""Find (and if needed install) the Chromium the harness drives, and how to launch it.

Discovery order: `[harness] browser` in sandboxes.toml, env `LEGANTO_QA_CHROMIUM`, Playwright's
own Chromium, then a system Chromium/Chrome on PATH. A configured path that is unusable is an
error, never a silent fallthrough. Everything that touches the machine (commands, PATH, the
Playwright lookup, /etc, the user id) is injectable so tests install nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from leganto_qa.browser.chromium_features import disable_features_arg
from leganto_qa.model.errors import BrowserNotFound

__all__ = [
    "BROWSER_ENV",
    "CHROMIUM_ARGS",
    "SYSTEM_BROWSER_NAMES",
    "BrowserChoice",
    "Runner",
    "Source",
    "browser_version",
    "ensure_browser",
    "find_browser",
    "is_debian",
    "launch_args",
    "not_found_message",
    "playwright_chromium_path",
    "run_command",
]

BROWSER_ENV = "LEGANTO_QA_CHROMIUM"
SYSTEM_BROWSER_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
)
CHROMIUM_ARGS = ("--disable-background-networking", "--disable-component-update", "--disable-sync")
PLAYWRIGHT_INSTALL = (sys.executable, "-m", "playwright", "install", "chromium")
APT_UPDATE = ("apt-get", "update")
APT_INSTALL = ("apt-get", "install", "-y", "chromium")

Source = Literal["config", "env", "playwright", "system", "installed"]
Runner = Callable[[Sequence[str]], int]
"""Runs a command and returns its exit code (non-zero when it could not start)."""


@dataclass(frozen=True)
class BrowserChoice:
    """The Chromium to launch and where it was found."""

    executable: str | None
    source: Source

    def describe(self) -> str:
        """One line for humans: path and origin."""
        where = {
            "config": "[harness] browser in sandboxes.toml",
            "env": BROWSER_ENV,
            "playwright": "Playwright's Chromium",
            "system": "PATH",
            "installed": "installed just now",
        }[self.source]
        return f"{self.executable or 'Playwright default'} ({where})"


def not_found_message() -> str:
    """The one-line message when no Chromium exists and none could be installed."""
    return (
        f"no Chromium found ([harness] browser, {BROWSER_ENV}, Playwright's browsers and PATH "
        "were checked, and installing one failed); run 'python -m playwright install chromium', "
        f"or install Chromium (Debian: apt-get install -y chromium) and set {BROWSER_ENV}"
    )


def _is_executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def _check_named(path: str, what: str, fix: str) -> str:
    if not os.path.exists(path):
        raise BrowserNotFound(f"{what} = {path!r} does not exist; {fix}")
    if not _is_executable(path):
        raise BrowserNotFound(f"{what} = {path!r} is not an executable file; {fix}")
    return path


def playwright_chromium_path() -> str | None:
    """Ask Playwright where its own Chromium lives; None when it is not installed (slow-ish)."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
    except Exception:  # any failure here just means "not available"
        return None
    return path if path and _is_executable(path) else None


def find_browser(
    configured: str | Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    playwright_path: Callable[[], str | None] = playwright_chromium_path,
    search_path: str | None = None,
) -> BrowserChoice | None:
    """Find a Chromium without installing anything; None when there is none.

    `search_path` is the PATH to search (default: the environment's). Raises BrowserNotFound when
    the configured browser or `$LEGANTO_QA_CHROMIUM` names an unusable file.
    """
    env = os.environ if environ is None else environ
    if configured is not None:
        path = _check_named(
            os.fspath(configured),
            "sandboxes.toml [harness] browser",
            "fix the path, or remove the key to let the harness find Chromium",
        )
        return BrowserChoice(path, "config")
    from_env = env.get(BROWSER_ENV, "").strip()
    if from_env:
        path = _check_named(
            os.path.expanduser(from_env),
            BROWSER_ENV,
            f"point it at a Chromium executable (e.g. /usr/bin/chromium), or unset {BROWSER_ENV}",
        )
        return BrowserChoice(path, "env")
    bundled = playwright_path()
    if bundled:
        return BrowserChoice(bundled, "playwright")
    path_value = env.get("PATH", os.defpath) if search_path is None else search_path
    for name in SYSTEM_BROWSER_NAMES:
        found = shutil.which(name, path=path_value)
        if found:
            return BrowserChoice(found, "system")
    return None


def is_debian(etc: Path = Path("/etc")) -> bool:
    """True on Debian, Ubuntu and their derivatives (where `apt-get install chromium` works)."""
    if (etc / "debian_version").exists():
        return True
    try:
        text = (etc / "os-release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("ID", "ID_LIKE"):
            names = value.strip().strip("\"'").split()
            if "debian" in names or "ubuntu" in names:
                return True
    return False


def run_command(argv: Sequence[str]) -> int:
    """Run an install command, its output going to stderr; return its exit code."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        err: int | None = sys.stderr.fileno()  # keep stdout clean for the CLI's own output
    except (AttributeError, OSError, ValueError):
        err = None
    try:
        completed = subprocess.run(
            list(argv), stdout=err, stderr=err, env=env, timeout=1800, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return 127
    return completed.returncode


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _geteuid() -> int:
    geteuid = getattr(os, "geteuid", None)
    return int(geteuid()) if geteuid is not None else -1


def ensure_browser(
    configured: str | Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    playwright_path: Callable[[], str | None] = playwright_chromium_path,
    search_path: str | None = None,
    runner: Runner = run_command,
    progress: Callable[[str], None] = _stderr,
    debian: Callable[[], bool] = is_debian,
    euid: Callable[[], int] = _geteuid,
    install_command: Sequence[str] = PLAYWRIGHT_INSTALL,
) -> BrowserChoice:
    """Find a Chromium, installing one when none exists; raise BrowserNotFound if that fails.

    Tries `python -m playwright install chromium`, then (Debian/Ubuntu as root only)
    `apt-get update` and `apt-get install -y chromium`, looking again after each success.
    """

    def look() -> BrowserChoice | None:
        return find_browser(
            configured, environ=environ, playwright_path=playwright_path, search_path=search_path
        )

    choice = look()
    if choice is not None:
        return choice

    progress(f"leganto-qa: no Chromium found; running {' '.join(install_command)}")
    code = runner(install_command)
    if code == 0:
        choice = look()
        if choice is not None:
            return BrowserChoice(choice.executable, "installed")
        progress("leganto-qa: Playwright reported success but its Chromium is still missing")
    else:
        progress(f"leganto-qa: Playwright could not install Chromium (exit code {code})")

    if debian() and euid() == 0:
        progress(f"leganto-qa: trying Debian's Chromium: {' '.join(APT_UPDATE)}")
        code = runner(APT_UPDATE)
        if code != 0:
            progress(f"leganto-qa: apt-get update failed (exit code {code}); installing anyway")
        progress(f"leganto-qa: {' '.join(APT_INSTALL)}")
        code = runner(APT_INSTALL)
        if code == 0:
            choice = look()
            if choice is not None:
                return BrowserChoice(choice.executable, "installed")
            progress("leganto-qa: apt-get installed chromium but it is not on PATH")
        else:
            progress(f"leganto-qa: apt-get install failed (exit code {code})")
    raise BrowserNotFound(not_found_message())


def launch_args(
    choice: BrowserChoice,
    headless: bool = True,
    *,
    euid: Callable[[], int] = _geteuid,
    disable_features: Callable[[], str | None] = disable_features_arg,
) -> dict[str, Any]:
    """Keyword arguments for `browser_type.launch(**...)` for this machine."""
    args = list(CHROMIUM_ARGS)
    if euid() == 0:
        args.append("--no-sandbox")  # Chromium refuses its sandbox as root
    features = disable_features()  # Playwright's list and the harness's, once it is known
    if features:
        args.append(features)
    result: dict[str, Any] = {"headless": headless, "args": args}
    if choice.executable is not None:
        result["executable_path"] = choice.executable
    return result


def browser_version(choice: BrowserChoice, timeout: float = 10.0) -> str:
    """`<exe> --version` (e.g. 'Chromium 120.0.6099.224 built on Debian'), or 'unknown'."""
    if choice.executable is None:
        return "unknown"
    try:
        completed = subprocess.run(
            [choice.executable, "--version"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    output = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not output:
        return "unknown"
    return output[0].strip()
