"""One finding per root cause: what several measurements or sources saw of one barrier.

- Text clipped or overlapping because of one too-wide element at 320 px, clipped by one
  ancestor, or overlapping inside one container: one problem listing every element
  (:func:`text_cause`, :func:`grouped`).
- The same element and WCAG criterion reported by two sources (``axe:target-size`` and
  ``check:target-size``): one finding that keeps the first source's fingerprint and names the
  others in ``also_seen_by`` (:func:`merged_sources`). axe-core comes first, then the checks,
  then the rest, so the surviving fingerprint does not depend on the order of arrival.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from leganto_qa.model.findings import Element, Finding, normalise_selector

T = TypeVar("T")

SOURCE_ORDER: tuple[str, ...] = ("axe", "check")
"""Source families by precedence: the first one's finding survives a merge."""
NAMED_LIMIT = 4
"""Most elements a grouped sentence names before "and N more"."""


def text_cause(kind: str, a: dict[str, Any], b: dict[str, Any] | None) -> Hashable:
    """What made a text clipped or overlapping (``measure.js`` data of the text(s)).

    Inside a too-wide element: that element (its index among the frame's overflow); else the
    clipping ancestor, or the nearest container both overlapping texts share.
    """
    for data in (a, b):
        if data is not None and int(data.get("within", -1)) >= 0:
            return ("wide", int(data["within"]))
    if kind == "clipped":
        return ("clipped", str(a.get("by", a.get("selector", ""))))
    return ("overlap", str(a.get("common", a.get("selector", ""))))


def grouped(items: Iterable[T], cause: Callable[[T], Hashable]) -> list[list[T]]:
    """``items`` grouped by ``cause``, groups in order of their first item."""
    groups: dict[Hashable, list[T]] = {}
    for item in items:
        groups.setdefault(cause(item), []).append(item)
    return list(groups.values())


def unique_spots(spots: Iterable[Element]) -> tuple[Element, ...]:
    """Elements in order, each (frame path, selector) once."""
    seen: set[tuple[tuple[str, ...], str]] = set()
    out = []
    for spot in spots:
        key = (spot.frame_path, spot.selector)
        if key not in seen:
            seen.add(key)
            out.append(spot)
    return tuple(out)


def named(spots: Sequence[Element], limit: int = NAMED_LIMIT) -> str:
    """``a, b and c`` or ``a, b, c, d and 3 more`` of the elements' summaries."""
    names = [s.summary for s in spots]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _family(source: str) -> str:
    return source.split(":", 1)[0]


def _rank(finding: Finding) -> tuple[int, str]:
    family = _family(finding.source)
    order = SOURCE_ORDER.index(family) if family in SOURCE_ORDER else len(SOURCE_ORDER)
    return order, finding.source


def _keys(element: Element) -> set[tuple[Any, ...]]:
    """What identifies an element across sources: its normalised selector, and in the top
    frame its box (axe-core and the checks build selectors differently)."""
    keys: set[tuple[Any, ...]] = {("css", element.frame_path, normalise_selector(element.selector))}
    if element.box is not None and not element.frame_path:
        keys.add(("box", tuple(round(v) for v in element.box)))
    return keys


def _same_barrier(kept: Finding, other: Finding) -> bool:
    if kept.key != other.key or _family(kept.source) == _family(other.source):
        return False
    if other.source in kept.also_seen_by or not set(kept.criteria) & set(other.criteria):
        return False
    mine = set().union(*(_keys(e) for e in kept.elements)) if kept.elements else set()
    return bool(other.elements) and bool(_keys(other.elements[0]) & mine)


def merged_sources(findings: Sequence[Finding]) -> list[Finding]:
    """Findings of one element and criterion from different sources (axe-core, a check) merged
    into one: the first source's finding (:data:`SOURCE_ORDER`) with the others in
    ``also_seen_by`` and their extra elements appended. Order of the survivors is kept."""
    kept: dict[int, Finding] = {}
    for index in sorted(range(len(findings)), key=lambda i: (_rank(findings[i]), i)):
        finding = findings[index]
        into = None
        if finding.kind == "wcag" and finding.criteria:
            into = next((k for k, f in kept.items() if _same_barrier(f, finding)), None)
        if into is None:
            kept[index] = finding
            continue
        primary = kept[into]
        kept[into] = replace(
            primary,
            also_seen_by=tuple(sorted({*primary.also_seen_by, finding.source})),
            elements=unique_spots((*primary.elements, *finding.elements)),
        )
    return [kept[i] for i in sorted(kept)]
