"""Run axe-core on a page state and turn its violations into findings.

One ``axe.run`` per page state covers the WCAG 2.x A/AA tags and best practice together;
the two are told apart afterwards by their tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from leganto_qa.findings import (
    BEST_PRACTICE_TAG,
    WCAG_TAGS,
    Finding,
    StateContext,
    findings_from_axe,
)

AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": [*WCAG_TAGS, BEST_PRACTICE_TAG]},
    "resultTypes": ["violations"],
}


@cache
def _axe() -> Axe:
    return Axe()


def axe_version() -> str:
    """The axe-core version bundled with axe-playwright-python, e.g. ``4.12.1``."""
    match = re.search(r"axe v([\d.]+)", _axe().axe_script[:300])
    return match.group(1) if match else "unknown"


@dataclass(frozen=True)
class Scan:
    """What axe saw in one page state."""

    raw: dict[str, Any]
    findings: list[Finding]


def scan(page: Page, where: StateContext) -> Scan:
    """Inject axe-core into ``page`` (top frame) and run it; the state must be confirmed first."""
    results = _axe().run(page, options=AXE_OPTIONS)
    raw: dict[str, Any] = dict(results.response)
    return Scan(raw=raw, findings=findings_from_axe(raw.get("violations", []), where))
