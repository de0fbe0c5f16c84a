"""Rules for single values, shared by the file parsers and the command-line overrides.

Release labels, locales, ids and codes; problems are phrases that never repeat the value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from leganto_qa.model.errors import ConfigError

LOCALES: tuple[str, ...] = ("en", "nb", "nn", "se")

ID_RE = re.compile(r"[a-z][a-z0-9_-]{0,62}")
"""Sandbox ids, role names, open-proxy institution names."""
INSTITUTION_RE = re.compile(r"[A-Z0-9][A-Z0-9_]{0,62}")
RELEASE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}")
DIGITS_RE = re.compile(r"[0-9]{1,40}")

ID_RULE = "must start with a lowercase letter and hold only lowercase letters, digits, '-' or '_'"
RELEASE_RULE = "use letters, digits, '.', '-' or '_' like \"2024-06\""


def locales_problem(locales: Sequence[str], *, typed: bool = False) -> str | None:
    """Why ``locales`` is not a list of supported locales, each once (None: it is).

    A file's values are named by position; ``typed`` ones (the command line) by themselves.
    """
    if not locales:
        return f"no locales given; give at least one of: {', '.join(LOCALES)}"
    for index, locale in enumerate(locales, start=1):
        if locale not in LOCALES:
            what = repr(locale) if typed else f"item {index}"
            return f"{what} is not a supported locale; use some of: {', '.join(LOCALES)}"
    for index, locale in enumerate(locales, start=1):
        if locale in locales[: index - 1]:
            what = repr(locale) if typed else f"item {index} ({locale})"
            return f"{what} is listed twice; list each locale once"
    return None


def release_override(label: str) -> str:
    """A release label given on the command line, stripped and checked."""
    label = label.strip()
    if not RELEASE_RE.fullmatch(label):
        # Typed on the command line, not read from a file: repeating it helps.
        raise ConfigError(
            f"release override {label!r} is not a release label; "
            "use letters, digits, '.', '-' or '_' like 2024-06"
        )
    return label


def locales_override(locales: str | Sequence[str]) -> tuple[str, ...]:
    """Locales given on the command line (a list, or a comma-separated string), checked."""
    items = locales.split(",") if isinstance(locales, str) else list(locales)
    cleaned = tuple(item.strip() for item in items if item.strip())
    problem = locales_problem(cleaned, typed=True)
    if problem:
        raise ConfigError(f"locales override {','.join(cleaned)!r}: {problem}")
    return cleaned
