"""Requests per second per host, and the waits a server asks for (``Retry-After``).

A `HostPacer` lets one request to a host through every ``1 / per_second`` seconds; a
``Retry-After`` pushes that host's next slot later. The clock and the sleeper are injected, so
tests of the pacing are exact and never sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = ["HostPacer", "retry_after_seconds"]


@dataclass
class HostPacer:
    """At most ``per_second`` requests per host; ``wait(host)`` before each request."""

    per_second: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next: dict[str, float] = field(default_factory=dict)
    waited_s: float = 0.0
    """Seconds spent waiting so far (for the closing figures: links per second)."""

    def wait(self, host: str) -> float:
        """Sleep until ``host`` may be asked again; return the seconds slept."""
        now = self.clock()
        delay = max(0.0, self._next.get(host, now) - now)
        if delay:
            self.sleep(delay)
            self.waited_s += delay
        self._next[host] = now + delay + 1.0 / self.per_second
        return delay

    def hold(self, host: str, seconds: float) -> None:
        """Ask ``host`` again no sooner than ``seconds`` from now (its ``Retry-After``)."""
        self._next[host] = max(self._next.get(host, 0.0), self.clock() + seconds)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delay-seconds or an HTTP date; None if absent/bad."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
