"""The selectable checks, in the order they run, and parsing of ``--checks``.

Checks that only measure (and restore what they change) run first; checks that press keys or
close popups run last, so each sees the page state as it was confirmed.
"""

from __future__ import annotations

from leganto_qa.checks import (
    activation,
    content,
    content_focus,
    dialogs,
    focus,
    keyboard,
    orientation,
    reflow,
    resize,
    spacing,
    status,
    target,
)
from leganto_qa.checks.base import Check
from leganto_qa.model.errors import HarnessError

CHECKS: tuple[Check, ...] = (
    reflow.CHECK,
    spacing.CHECK,
    resize.CHECK,
    target.CHECK,
    orientation.CHECK,
    content.CHECK,
    keyboard.CHECK,
    focus.CHECK,
    dialogs.CHECK,
    activation.CHECK,
    status.CHECK,
    content_focus.CHECK,
)
NAMES: tuple[str, ...] = tuple(c.name for c in CHECKS)
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
    """The checks named, in run order."""
    return [c for c in CHECKS if c.name in names]
