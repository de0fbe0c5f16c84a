"""Locator drift: a page object's stable id is gone, so the UI changed under the test.

Page objects (``suites/pages``) start such a failure's message with :data:`DRIFT_PREFIX` and
name what the page holds instead; the comparison files those failures apart from broken features.
"""

from __future__ import annotations

DRIFT_PREFIX = "UI changed under the test:"


def is_drift(message: str) -> bool:
    """True when a failure message says the page object's locator no longer matches."""
    return DRIFT_PREFIX in message


def drift_detail(message: str) -> str:
    """What the page holds instead, without the prefix and the exception's name."""
    return message.split(DRIFT_PREFIX, 1)[-1].strip()
