"""Page ranges of excerpts (``45-68``, ``12-34, 40-41``, ``xii-xv``) and page counts of works.

Accepted: one or more ranges or single pages separated by ``,`` or ``;``; a range joins its ends
with a hyphen, an en dash, an em dash or a minus sign, spaces allowed; an optional ``s.``,
``p.`` or ``pp.`` in front (Norwegian and English). Ends are arabic numbers or lower/upper-case
roman numerals (front matter: ``xii-xv``), both ends of one range the same kind; a roman range
counts its pages like an arabic one. Not accepted: an end before its start, page 0, letters
other than roman numerals (``12a-14``), open ranges (``12-``, ``12ff``): BOLK needs the exact
pages. A work's length is a number with an optional ``s.``/``p.``/``pages``/``sider`` unit
(``312 s.``). Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PageRange", "parse_page_ranges", "parse_work_pages", "range_text"]

_PREFIX = re.compile(r"^(sider|side|pages|page|pp|s|p)(\.\s*|\s+)", re.IGNORECASE)
_DASH = "\u2010\u2011\u2012\u2013\u2014\u2212-"
_RANGE = re.compile(
    rf"^(?P<start>[0-9]+|[ivxlcdm]+)(\s*[{_DASH}]\s*(?P<end>[0-9]+|[ivxlcdm]+))?$",
    re.IGNORECASE,
)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_RE = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_WORK = re.compile(r"^(?P<n>[0-9]+)\s*(s|p|pp|pages?|sider|sidor)?\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class PageRange:
    start: str
    end: str
    pages: int


def _roman(value: str) -> int | None:
    v = value.lower()
    if not v or not _ROMAN_RE.fullmatch(v):
        return None
    total = 0
    for i, c in enumerate(v):
        n = _ROMAN[c]
        total += -n if i + 1 < len(v) and _ROMAN[v[i + 1]] > n else n
    return total


def _number(value: str) -> tuple[str, int] | None:
    """(kind, value) of one page number: ``arabic`` or ``roman``; None when neither."""
    if value.isdigit():
        return ("arabic", int(value))
    roman = _roman(value)
    return ("roman", roman) if roman else None


def _one_range(text: str) -> PageRange | str:
    m = _RANGE.fullmatch(text.strip())
    if not m:
        return f"'{text.strip()}' is not a page or page range"
    start, end = m.group("start"), m.group("end") or m.group("start")
    a, b = _number(start), _number(end)
    if a is None or b is None:
        return f"'{text.strip()}' is not a page or page range"
    if a[0] != b[0]:
        return f"'{text.strip()}' mixes roman and arabic page numbers"
    if a[1] < 1:
        return f"'{text.strip()}' starts at page 0"
    if b[1] < a[1]:
        return f"'{text.strip()}' ends before it starts"
    return PageRange(start, end, b[1] - a[1] + 1)


def parse_page_ranges(text: str) -> tuple[tuple[PageRange, ...], str | None]:
    """The ranges of ``text`` and None, or () and what is wrong (empty text: "empty")."""
    body = _PREFIX.sub("", text.strip())
    if not body:
        return (), "empty"
    ranges: list[PageRange] = []
    for part in re.split(r"[,;]", body):
        parsed = _one_range(_PREFIX.sub("", part.strip()))
        if isinstance(parsed, str):
            return (), parsed
        ranges.append(parsed)
    return tuple(ranges), None


def range_text(ranges: tuple[PageRange, ...]) -> str:
    """The ranges written the usual way, an en dash in each range: ``45-68, 70``."""
    return ", ".join(r.start if r.start == r.end else f"{r.start}\u2013{r.end}" for r in ranges)


def parse_work_pages(text: str) -> tuple[int | None, str | None]:
    """A work's number of pages and None, or None and what is wrong."""
    m = _WORK.fullmatch(text.strip())
    if not m:
        return None, f"'{text.strip()}' is not a number of pages"
    pages = int(m.group("n"))
    return (pages, None) if pages > 0 else (None, "the work has 0 pages")
