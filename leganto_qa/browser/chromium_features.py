"""One ``--disable-features`` list for Chromium: Playwright's own plus the harness's.

Chromium honours only the last ``--disable-features`` on its command line, and Playwright passes
its own list (features that make automation flaky), so a second list would silently replace
it. The harness therefore adds its features to Playwright's list, which it reads from the
command line of a Chromium that Playwright launched on this machine and keeps per Playwright
version (`remember_playwright_features`, in the user's cache). Until it has that list it leaves
Playwright's alone: the first run on a machine only uses more memory.

The harness's own: the omnibox popup, which Chromium renders as a WebUI page
(``chrome://omnibox-popup.top-chrome``) in a renderer process of its own for every browser
context, about 50 MB each, though a run never shows a browser's address bar.
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from leganto_qa.config.config_paths import user_cache_dir
from leganto_qa.model.storage import read_json, write_json_atomic

if TYPE_CHECKING:  # browser_discovery (and with it the CLI) starts without Playwright
    from playwright.sync_api import Browser

HARNESS_DISABLED_FEATURES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
DISABLE_FEATURES = "--disable-features="
CACHE_NAME = "chromium-features.json"
PLAYWRIGHT_PIPE = "--remote-debugging-pipe"
"""On the command line of every Chromium Playwright launches itself."""

log = logging.getLogger(__name__)


def cache_file() -> Path:
    return user_cache_dir() / CACHE_NAME


def playwright_version() -> str:
    try:
        return version("playwright")
    except PackageNotFoundError:  # pragma: no cover - Playwright is a dependency
        return "unknown"


def disable_features_arg(cache: Path | None = None, pw_version: str | None = None) -> str | None:
    """``--disable-features=`` with Playwright's list (as learnt) and the harness's; None while
    Playwright's list for this version is not known yet."""
    known = _read(cache or cache_file()).get(pw_version or playwright_version())
    if not isinstance(known, list):
        return None
    merged = [str(f) for f in known]
    merged += [f for f in HARNESS_DISABLED_FEATURES if f not in merged]
    return DISABLE_FEATURES + ",".join(merged)


def remember_playwright_features(
    browser: Browser,
    launch_args: Sequence[str],
    cache: Path | None = None,
    pw_version: str | None = None,
) -> bool:
    """Learn Playwright's ``--disable-features`` list from ``browser``, launched here with
    ``launch_args`` (not when those carried a list of their own); whether it was stored."""
    if any(arg.startswith(DISABLE_FEATURES) for arg in launch_args):
        return False
    cache, key = cache or cache_file(), pw_version or playwright_version()
    known = _read(cache)
    if key in known:
        return False
    command_line = _browser_command_line(browser)
    if PLAYWRIGHT_PIPE not in command_line:  # not the browser Playwright launched here
        return False
    lists = [arg for arg in command_line if arg.startswith(DISABLE_FEATURES)]
    if not lists:
        return False
    known[key] = [f for f in lists[-1].removeprefix(DISABLE_FEATURES).split(",") if f]
    try:
        write_json_atomic(cache, known)  # whole or not at all: another worker may write it too
    except OSError as exc:
        log.debug("could not keep Playwright's Chromium features in %s: %s", cache, exc)
        return False
    return True


def _read(cache: Path) -> dict[str, object]:
    try:
        data = read_json(cache)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _browser_command_line(browser: Browser) -> list[str]:
    """The launched browser process's arguments (empty when it is not on this machine)."""
    from playwright.sync_api import Error

    try:
        session = browser.new_browser_cdp_session()
        processes = session.send("SystemInfo.getProcessInfo")["processInfo"]
        session.detach()
    except Error:  # not Chromium, or a browser elsewhere
        return []
    pids = [int(p["id"]) for p in processes if p.get("type") == "browser"]
    if not pids:
        return []
    proc = Path(f"/proc/{pids[0]}/cmdline")
    if proc.exists():
        with contextlib.suppress(OSError):
            return proc.read_bytes().decode(errors="replace").split("\0")
        return []
    if sys.platform == "win32":
        return []
    try:  # macOS: no /proc; the list itself holds no spaces
        shown = subprocess.run(
            ["ps", "-ww", "-o", "command=", "-p", str(pids[0])],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return shown.stdout.split()
