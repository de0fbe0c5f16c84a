"""Deadlines for the browser checks: a budget per check per page state, named phases.

A check spends its budget across its phases ("measure at 320 px", "Tab walk", ...). Before each
call into the page the budget is looked at; once it is spent the check is abandoned with
:class:`CheckNotCompleted`, the runner restores the page and records a coverage gap. Waits in the
page (animation frames) race a timer inside the script, so none waits for ever. While the page is
being restored the budget is not enforced (restoring is short and must finish).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

CHECK_BUDGET_S = 60.0
"""Seconds one check may take on one page state before it is abandoned as not completed."""
SETTLE_TIMEOUT_S = 2.0
"""Longest wait for two animation frames in a frame after a resize or restyle."""
FRAME_READY_PROBE_S = 0.2
"""How long a frame may still be loading before the checks leave it out (never-loading frames)."""


class CheckNotCompleted(Exception):
    """A check was abandoned: which phase it was in and why."""

    def __init__(self, phase: str, reason: str) -> None:
        super().__init__(f"{phase}: {reason}")
        self.phase = phase
        self.reason = reason


@dataclass
class Budget:
    """The time one check may spend on one page state, and the phase it is in."""

    seconds: float = CHECK_BUDGET_S
    started: float = field(default_factory=time.monotonic)
    phase: str = "start"
    restoring: bool = False

    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def enter(self, phase: str) -> None:
        """Begin ``phase`` (abandons the check when the budget is already spent)."""
        self.phase = phase
        self.ensure()

    def ensure(self) -> None:
        """Raise :class:`CheckNotCompleted` when the budget is spent (not while restoring)."""
        if not self.restoring and self.remaining() <= 0:
            raise CheckNotCompleted(self.phase, f"its budget of {self.seconds:g} s ran out")

    def wait_ms(self, longest_s: float) -> int:
        """Milliseconds a wait in the page may take: ``longest_s``, or what the budget leaves."""
        if self.restoring:
            return int(longest_s * 1000)
        return max(1, int(min(longest_s, self.remaining()) * 1000))

    @contextmanager
    def restore(self) -> Iterator[None]:
        """Undo what the check changed, even when its budget is spent."""
        before = self.restoring
        self.restoring = True
        try:
            yield
        finally:
            self.restoring = before
