"""Where the config files are: ``sandboxes.toml`` and the files beside it, the user's folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

CONFIG_ENV = "LEGANTO_QA_CONFIG"
DEFAULT_CONFIG_NAME = "sandboxes.toml"
KNOWN_ISSUES_NAME = "known-issues.toml"
ALLOWLIST_NAME = "i18n-allowlist.toml"


def default_config_path(environ: Mapping[str, str] = os.environ) -> Path:
    """`$LEGANTO_QA_CONFIG` when set, else `./sandboxes.toml`."""
    configured = environ.get(CONFIG_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path.cwd() / DEFAULT_CONFIG_NAME


def user_config_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """The user's own folder for leganto-qa: ``$XDG_CONFIG_HOME/leganto-qa`` (~/.config)."""
    base = environ.get("XDG_CONFIG_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".config") / "leganto-qa"


def user_cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """What leganto-qa learns about this machine: ``$XDG_CACHE_HOME/leganto-qa`` (~/.cache)."""
    base = environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "leganto-qa"


def session_roots(config_dir: Path, environ: Mapping[str, str] = os.environ) -> tuple[Path, Path]:
    """Where recorded login sessions may live: the project (the config file's folder) or the
    user's config folder; never elsewhere (a state file is read and written with cookies)."""
    return (config_dir, user_config_dir(environ))
