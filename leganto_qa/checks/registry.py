"""The selectable checks, in the order they run, and parsing of ``--checks``.

Checks that only measure (and restore what they change) run first; checks that press keys or
close popups run last, so each sees the page state as it was confirmed. A check's module is
imported when the check is selected, not before: ``--checks none`` and the CLI's parsing of
``--checks`` load none of them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from leganto_qa.model.errors import HarnessError

if TYPE_CHECKING:
    from leganto_qa.checks.base import Check

MODULES: dict[str, str] = {
    "reflow": "reflow",
    "text-spacing": "spacing",
    "resize-text": "resize",
    "target-size": "target",
    "orientation": "orientation",
    "content": "content",
    "keyboard": "keyboard",
    "focus": "focus",
    "dialogs": "dialogs",
    "activation": "activation",
    "status": "status",
    "focus-removed": "content_focus",
}
"""Each check's name (``--checks``) and its module in :mod:`leganto_qa.checks`, in run order."""
NAMES: tuple[str, ...] = tuple(MODULES)
DEFAULT: tuple[str, ...] = NAMES
"""What ``leganto-qa run`` uses unless ``--checks`` says otherwise (default locale only)."""


def parse_checks(text: str | None) -> tuple[str, ...]:
    """``keyboard,reflow`` → those names in run order; ``all``/``default``; ``none`` → ()."""
    if text is None or text.strip() in ("default", ""):
        return DEFAULT if text is None or text.strip() == "default" else ()
    wanted = {part.strip() for part in text.split(",") if part.strip()}
    if wanted == {"none"}:
        return ()
    if "all" in wanted:
        return NAMES
    unknown = sorted(wanted - set(NAMES))
    if unknown:
        raise HarnessError(
            f"--checks: unknown check {', '.join(repr(u) for u in unknown)}; "
            f"choose from {', '.join(NAMES)} (or all, none)"
        )
    return tuple(n for n in NAMES if n in wanted)


def selected(names: tuple[str, ...]) -> list[Check]:
    """The checks named, in run order (their modules imported now)."""
    return [check_named(name) for name in NAMES if name in names]


def check_named(name: str) -> Check:
    """The check called ``name`` (one of :data:`NAMES`)."""
    check: Check = import_module(f"leganto_qa.checks.{MODULES[name]}").CHECK
    return check
