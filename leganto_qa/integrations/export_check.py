"""Does an export list every citation of the list, in section order?

The expected titles are the list's citations as a student sees them (section by section). A
record format (RIS, BibTeX) matches each title with a record's title; a document (PDF, Word,
Excel) must contain each title in its text, after the previous one. Titles are compared
normalised: Unicode NFKC, case-folded, punctuation and line breaks as single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from leganto_qa.integrations.export_parsing import ExportContent

MAX_MISSING_KEPT = 50
"""At most this many missing titles are kept in an entry (the count is always exact)."""


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


@dataclass(frozen=True)
class ExportCheck:
    """One export (a format in a locale) against the list's citations."""

    format: str
    locale: str
    size: int
    expected: tuple[str, ...]
    found: int
    missing: tuple[str, ...]
    in_order: bool
    records: int | None = None

    @property
    def key(self) -> str:
        return f"{self.format}:{self.locale}"

    @property
    def ok(self) -> bool:
        return not self.missing and self.in_order and self.found == len(self.expected)

    def entry(self) -> dict[str, Any]:
        """The run record's ``exports`` entry (``record_integration("exports", …)``)."""
        return {
            "key": self.key,
            "format": self.format,
            "locale": self.locale,
            "bytes": self.size,
            "records": self.records,
            "expected": len(self.expected),
            "found": self.found,
            "missing": list(self.missing[:MAX_MISSING_KEPT]),
            "in_order": self.in_order,
            "ok": self.ok,
        }

    def describe(self) -> str:
        """One line: '17 of 17 citations in order' / '0 of 17 citations; missing: 'A', …'."""
        text = f"{self.format} ({self.locale}): {self.found} of {len(self.expected)} citations"
        if not self.in_order:
            text += ", out of section order"
        if self.missing:
            shown = ", ".join(repr(t) for t in self.missing[:3])
            more = f" and {len(self.missing) - 3} more" if len(self.missing) > 3 else ""
            text += f"; missing: {shown}{more}"
        return text


def check_export(
    content: ExportContent, expected: Sequence[str], *, locale: str, size: int
) -> ExportCheck:
    """Compare an export's content with the list's citation titles, in order."""
    wanted = [normalise(t) for t in expected]
    if content.titles is not None:
        haystack = [normalise(t) for t in content.titles]
        positions = _positions_in_records(wanted, haystack)
    else:
        positions = _positions_in_text(wanted, f" {normalise(content.text)} ")
    found = [p for p in positions if p is not None]
    missing = tuple(t for t, p in zip(expected, positions, strict=True) if p is None)
    return ExportCheck(
        format=content.format,
        locale=locale,
        size=size,
        expected=tuple(expected),
        found=len(found),
        missing=missing,
        in_order=found == sorted(found),
        records=content.records,
    )


def _positions_in_records(wanted: list[str], records: list[str]) -> list[int | None]:
    """Each title's record index: the first unused match after the previous one, else any."""
    used: set[int] = set()
    positions: list[int | None] = []
    last = -1
    for title in wanted:
        matches = [i for i, r in enumerate(records) if r == title and i not in used]
        after = [i for i in matches if i > last]
        pick = (after or matches)[0] if matches else None
        if pick is not None:
            used.add(pick)
            last = pick
        positions.append(pick)
    return positions


def _positions_in_text(wanted: list[str], text: str) -> list[int | None]:
    """Each title's offset in the text as whole words: after the previous one, else anywhere."""
    positions: list[int | None] = []
    last = 0
    for title in wanted:
        if not title:
            positions.append(None)
            continue
        needle = f" {title} "
        at = text.find(needle, last)
        if at < 0:
            at = text.find(needle)
        if at < 0:
            positions.append(None)
            continue
        positions.append(at)
        last = max(last, at + len(needle) - 1)
    return positions
