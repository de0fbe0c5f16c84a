"""The text a user perceives in one page state and locale, keyed so it can be followed.

One ``page.evaluate`` collects visible text, accessible names (``aria-label``, ``title``,
``alt``, ``placeholder``), dialog titles and status messages. Every string gets a key made of
the nearest element with a stable id, the tag path below it and where the text comes from
(``#share-list-button|aria-label``); generated ids and list/citation ids are normalised like
finding selectors, and repeated keys get ``@2``, ``@3`` in document order. The same key in two
locales (or two releases) is the same string in the same place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from leganto_qa.model.findings import normalise_selector
from leganto_qa.model.page_scripts import page_script
from leganto_qa.model.state_key import StateKey

if TYPE_CHECKING:  # records and reports read inventories without Playwright
    from playwright.sync_api import Page

COLLECT_JS = page_script("leganto_qa.i18n", "js/collect_text.js")
"""The page function :func:`collect` runs (``js/collect_text.js``)."""


@dataclass(frozen=True)
class TextEntry:
    """One string a user perceives: where it is, what it says, in which ``lang`` it is marked."""

    key: str
    """Stable element path plus the text's source, e.g. ``#share-list-button|aria-label``."""
    source: str
    """``text`` or the attribute it comes from (aria-label, title, alt, placeholder, value)."""
    kind: str
    """``text``, an attribute name, ``dialog-title`` or ``status`` (a live region)."""
    text: str
    role: str
    """The ARIA role of the element that owns the text (button, link, heading, … or text)."""
    element: str
    """The owning element's stable path, e.g. ``#share-list-button``."""
    lang: str = ""
    """The nearest ``lang`` attribute on the element or its ancestors."""
    content: bool = False
    """Inside a content element of the allowlist (library data, not UI text)."""
    box: tuple[float, float, float, float] | None = None

    @property
    def name(self) -> str:
        """A short human name: the role and the element path."""
        return f"{self.role} {self.element}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["box"] = list(self.box) if self.box is not None else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextEntry:
        box = data.get("box")
        fields = {k: v for k, v in data.items() if k != "box"}
        return cls(**fields, box=(box[0], box[1], box[2], box[3]) if box else None)


@dataclass(frozen=True)
class TextInventory:
    """What one page state showed in one locale."""

    page_state: str
    role: str
    locale: str
    url: str
    html_lang: str
    entries: tuple[TextEntry, ...]
    screenshot: str | None = None
    """Run-relative path of the screenshot the entries' boxes refer to (when one was kept)."""

    @property
    def key(self) -> StateKey:
        """This inventory's page state, role and locale."""
        return StateKey(self.page_state, self.role, self.locale)

    def by_key(self) -> dict[str, TextEntry]:
        return {e.key: e for e in self.entries}

    def to_dict(self) -> dict[str, Any]:
        return {
            "page_state": self.page_state,
            "role": self.role,
            "locale": self.locale,
            "url": self.url,
            "html_lang": self.html_lang,
            "screenshot": self.screenshot,
            "entries": [e.to_dict() for e in self.entries],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextInventory:
        return cls(
            page_state=str(data["page_state"]),
            role=str(data["role"]),
            locale=str(data["locale"]),
            url=str(data["url"]),
            html_lang=str(data.get("html_lang", "")),
            entries=tuple(TextEntry.from_dict(e) for e in data["entries"]),
            screenshot=data.get("screenshot"),
        )


def normalise_path(path: str) -> str:
    """An element path without list/citation ids and generated numbers (like selectors)."""
    return normalise_selector(path)


def entries_from_raw(raw: Sequence[Mapping[str, Any]]) -> tuple[TextEntry, ...]:
    """Keys for the collected strings: normalised path + source, ``@n`` for repeats."""
    counts: dict[str, int] = {}
    entries = []
    for item in raw:
        base = f"{normalise_path(str(item['path']))}|{item['source']}"
        counts[base] = counts.get(base, 0) + 1
        key = base if counts[base] == 1 else f"{base}@{counts[base]}"
        box = item.get("box")
        entries.append(
            TextEntry(
                key=key,
                source=str(item["source"]),
                kind=str(item["kind"]),
                text=str(item["text"]),
                role=str(item["role"]),
                element=normalise_path(str(item["element"])),
                lang=str(item.get("lang") or ""),
                content=bool(item.get("content")),
                box=_box(box),
            )
        )
    return tuple(entries)


def _box(value: Any) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    x, y, width, height = (round(float(v), 1) for v in value)
    return (x, y, width, height)


def collect(
    page: Page,
    page_state: str,
    role: str,
    locale: str,
    url: str,
    content_selectors: Mapping[str, Sequence[str]] | None = None,
) -> TextInventory:
    """The page's text inventory, in one round trip to the browser."""
    selectors = {k: list(v) for k, v in (content_selectors or {}).items()}
    raw = page.evaluate(COLLECT_JS, {"inside": [], "exact": [], **selectors})
    return TextInventory(
        page_state=page_state,
        role=role,
        locale=locale,
        url=url,
        html_lang=str(raw.get("lang", "")),
        entries=entries_from_raw(raw["entries"]),
    )
