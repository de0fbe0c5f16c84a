"""The page side of the explorer: candidate controls, the page's signature, waiting for quiet."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from leganto_qa.checks.base import call
from leganto_qa.model.page_scripts import page_script

_CANDIDATES = page_script("leganto_qa.explore", "js/candidates.js")
_SIGNATURE = page_script("leganto_qa.explore", "js/signature.js")
_QUIET = page_script("leganto_qa.explore", "js/quiet.js")

QUIET_MS = 120
"""How long the DOM must stay unchanged before an opened (or closed) state counts as shown."""
QUIET_MAX_MS = 1500


@dataclass(frozen=True)
class Candidate:
    """A control that may open something: where it is, what it is called, how to operate it."""

    selector: str
    name: str
    role: str
    kind: str
    """``dialog``, ``menu``, ``listbox``, ``disclosure``, ``tabs``, ``tooltip``, ``overlay`` or
    ``other`` (a plain button whose click may reveal content)."""
    how: str
    """``click`` or ``hover`` (tooltips: hover, then focus)."""
    controls: str = ""

    @property
    def locator_selector(self) -> str:
        """The selector for Playwright, whose CSS pierces open shadow roots by itself."""
        return self.selector.replace(" >>> ", " ")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Candidate:
        return cls(
            selector=str(data["selector"]),
            name=str(data["name"]),
            role=str(data["role"]),
            kind=str(data["kind"]),
            how=str(data["how"]),
            controls=str(data.get("controls") or ""),
        )


@dataclass(frozen=True)
class Signature:
    """What the page shows, cheaply: rendered text hash, visible element count, open popups."""

    text: str
    count: int
    popups: tuple[str, ...]
    """``role|selector`` of each visible dialog, menu, listbox, tooltip, tab panel."""
    url: str

    def same_page(self, other: Signature) -> bool:
        return self.url.split("#")[0] == other.url.split("#")[0]


def candidates(page: Page, limit: int) -> list[Candidate]:
    """The controls of the top document that may open something, most telling first."""
    found = call(page.main_frame, _CANDIDATES, {"max": limit})
    return [Candidate.from_dict(c) for c in found]


def signature(page: Page) -> Signature:
    data = call(page.main_frame, _SIGNATURE)
    return Signature(
        text=str(data["text"]),
        count=int(data["count"]),
        popups=tuple(str(p) for p in data["popups"]),
        url=str(data["url"]),
    )


def quiet(page: Page, *, history: bool = False) -> None:
    """Wait until the DOM stopped changing (an opening animation, lazily added content).

    ``history``: changes already counted by the page-health DOM watch count too, so a page
    that has been quiet for `QUIET_MS` returns at once (a state just captured); otherwise the
    wait starts now (after operating a control)."""
    # A page that navigated meanwhile: the caller sees it in the next signature.
    with suppress(PlaywrightError):
        page.evaluate(_QUIET, {"quiet": QUIET_MS, "ms": QUIET_MAX_MS, "history": history})
