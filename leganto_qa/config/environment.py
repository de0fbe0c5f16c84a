"""Secrets come from environment variables: the config names them, these functions read them.

Messages name the variable and what it holds, never its value.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from leganto_qa.model.errors import LoginFailed


def require_env(
    name: str,
    what: str,
    placeholder: str,
    environ: Mapping[str, str] = os.environ,
    *,
    where: str = "",
    strip: bool = False,
) -> str:
    """The value of ``$name``; LoginFailed naming the variable when it is unset or empty."""
    value = environ.get(name, "")
    value = value.strip() if strip else value
    if not value:
        prefix = f"{where}: " if where else ""
        raise LoginFailed(
            f"{prefix}environment variable {name} ({what}) is not set; "
            f"export {name}=<{placeholder}> and run again"
        )
    return value


def missing_env(names: Iterable[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    """The variables of ``names`` that are unset or empty, each once, in order."""
    missing: list[str] = []
    for name in names:
        if not environ.get(name, "").strip() and name not in missing:
            missing.append(name)
    return missing
