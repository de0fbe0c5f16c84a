"""Coverage gaps of a run: what was not fully checked on each page state, never a pass.

Three kinds: a browser check that did not complete (``checks_not_completed``: check, phase,
reason), a page state the page-health gate judged unhealthy (an error, maintenance or login
page), and a frame axe-core could not scan (the page state's ``frames_not_scanned``; records of
older runs kept it as a ``harness:frame-not-scanned`` finding). Each gap carries the WCAG criteria
it leaves undecided there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from leganto_qa.compare.baseline import is_healthy
from leganto_qa.model.records import PageStateRecord, RunRecord
from leganto_qa.model.state_key import StateKey
from leganto_qa.reports.wcag import Catalogue, catalogue, criterion_order

GapKind = Literal["check", "unhealthy", "frame"]
KINDS: tuple[GapKind, ...] = ("check", "unhealthy", "frame")

CHECK_RULES: dict[str, tuple[str, ...]] = {
    "reflow": ("reflow",),
    "text-spacing": ("text-spacing",),
    "resize-text": ("resize-text",),
    "target-size": ("target-size",),
    "orientation": ("orientation",),
    "keyboard": (
        "keyboard-unreachable",
        "keyboard-trap",
        "positive-tabindex",
        "focus-order",
        "on-focus",
    ),
    "focus": ("focus-visible", "focus-obscured"),
    "dialogs": ("dialog-focus", "focus-return"),
    "activation": ("key-activation",),
    "status": ("status-message",),
    "content": (
        "link-purpose",
        "skip-link-target",
        "file-link-type",
        "table-headers",
        "layout-table",
        "error-association",
        "required-indicator",
        "group-name",
        "autocomplete-missing",
        "alt-quality",
        "css-content",
        "accesskey-clash",
        "tabindex-noninteractive",
        "page-title",
        "duplicate-id-ref",
        "visible-label",
        "label-in-name",
        "custom-control-role",
        "font-size-vw",
        "hidden-focusable",
    ),
    "focus-removed": ("focus-removed",),
}
"""The rules each browser check (``leganto_qa.checks.registry``) reports; a test keeps the two
in step (reports may not import the browser side). ``all`` stands for every check."""
ALL_CHECKS = "all"
FRAME_RULES = frozenset({"frame-not-scanned"})
"""Rules of findings that say a frame's content was not scanned."""
LIST_LIMIT = 3
"""Most items named on one terminal line."""


@dataclass(frozen=True)
class Gap:
    """One thing not fully checked on one page state."""

    kind: GapKind
    key: StateKey
    what: str
    """The check's name, the frame's selector, or the page state's URL (unhealthy)."""
    phase: str
    reason: str
    criteria: tuple[str, ...] = ()
    """WCAG criteria the gap leaves undecided on this page state."""

    @property
    def label(self) -> str:
        """``reflow (settle at 320 px)``; the frame or page otherwise."""
        return f"{self.what} ({self.phase})" if self.phase else self.what

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "page_state": self.key.page_state,
            "role": self.key.role,
            "locale": self.key.locale,
            "what": self.what,
            "phase": self.phase,
            "reason": self.reason,
            "criteria": list(self.criteria),
        }


@dataclass(frozen=True)
class Coverage:
    """Every gap of a run, in page-state order, and what still covers each criterion."""

    gaps: tuple[Gap, ...] = ()
    covered_elsewhere: dict[StateKey, frozenset[str]] = field(default_factory=dict)
    """Per page state: criteria some other completed source decided there (axe, another
    check)."""

    def __bool__(self) -> bool:
        return bool(self.gaps)

    def of_kind(self, kind: GapKind) -> tuple[Gap, ...]:
        return tuple(g for g in self.gaps if g.kind == kind)

    def by_state(self) -> dict[StateKey, list[Gap]]:
        result: dict[StateKey, list[Gap]] = {}
        for gap in self.gaps:
            result.setdefault(gap.key, []).append(gap)
        return result

    def untested_states(self, criterion: str) -> tuple[StateKey, ...]:
        """Page states where a check deciding ``criterion`` did not complete and nothing else
        covers it there."""
        keys = {
            g.key
            for g in self.of_kind("check")
            if criterion in g.criteria
            and criterion not in self.covered_elsewhere.get(g.key, frozenset())
        }
        return tuple(sorted(keys))

    def counts(self) -> dict[str, dict[str, int]]:
        """Per kind: how many gaps on how many page states."""
        return {
            kind: {
                "gaps": len(self.of_kind(kind)),
                "page_states": len({g.key for g in self.of_kind(kind)}),
            }
            for kind in KINDS
        }

    def to_json(self) -> dict[str, object]:
        return {"counts": self.counts(), "gaps": [g.to_dict() for g in self.gaps]}


def check_criteria(check: str, cat: Catalogue) -> tuple[str, ...]:
    """The criteria a check's rules decide (every check's for ``all``)."""
    rules = (
        [r for rs in CHECK_RULES.values() for r in rs]
        if check == ALL_CHECKS
        else CHECK_RULES.get(check, (check,))
    )
    found = {c for rule in rules for c in (cat.mapping("check:" + rule, rule) or ())}
    return tuple(sorted(found, key=criterion_order))


def _sorted(criteria: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(criteria), key=criterion_order))


def _state_gaps(state: PageStateRecord, cat: Catalogue) -> list[Gap]:
    gaps = [
        Gap(
            "check",
            state.key,
            str(item.get("check", "")),
            str(item.get("phase", "")),
            str(item.get("reason", "")),
            check_criteria(str(item.get("check", "")), cat),
        )
        for item in state.checks_not_completed
    ]
    if not is_healthy(state):
        gaps.append(
            Gap(
                "unhealthy",
                state.key,
                state.url,
                "",
                state.health_cause or state.health,
                _sorted(cat.automated()),
            )
        )
    return gaps


def _covered_elsewhere(state: PageStateRecord, cat: Catalogue) -> frozenset[str]:
    """Criteria decided on ``state`` by axe or by a check that completed there."""
    if not is_healthy(state):
        return frozenset()
    result = set(cat.automated(["axe"])) if state.axe_raw else set()
    missed = {str(item.get("check", "")) for item in state.checks_not_completed}
    if ALL_CHECKS in missed:
        return frozenset(result)
    for check in state.check_seconds:
        if check not in missed:
            result |= set(check_criteria(check, cat))
    return frozenset(result)


def coverage(record: RunRecord, cat: Catalogue | None = None) -> Coverage:
    """The run's coverage gaps, per page state in record order."""
    cat = cat or catalogue()
    gaps: list[Gap] = []
    frames: dict[StateKey, list[Gap]] = {}
    axe_criteria = _sorted(cat.automated(["axe"]))
    for finding in record.findings:
        if finding.rule in FRAME_RULES:
            element = finding.elements[0] if finding.elements else None
            where = (
                " ▸ ".join((*element.frame_path, element.selector)) if element else finding.identity
            )
            frames.setdefault(finding.key, []).append(
                Gap("frame", finding.key, where, "", finding.description, axe_criteria)
            )
    seen: set[StateKey] = set()
    for state in record.page_states:
        gaps += _state_gaps(state, cat)
        gaps += [
            Gap("frame", state.key, _frame_label(item), "", _frame_reason(item), axe_criteria)
            for item in state.frames_not_scanned
        ]
        gaps += frames.get(state.key, [])
        seen.add(state.key)
    for key in sorted(set(frames) - seen):
        gaps += frames[key]
    return Coverage(tuple(gaps), {s.key: _covered_elsewhere(s, cat) for s in record.page_states})


def _frame_label(item: dict[str, Any]) -> str:
    return " ▸ ".join((*item.get("frame_path", ()), str(item.get("selector", ""))))


def _frame_reason(item: dict[str, Any]) -> str:
    reason = f"A frame could not be scanned, its content is not covered: {item.get('reason', '')}"
    return f"{reason} ({item['url']})" if item.get("url") else reason


def _states(n: int) -> str:
    return "1 page state" if n == 1 else f"{n} page states"


def _listed(items: Iterable[str]) -> str:
    unique = list(dict.fromkeys(items))
    more = " …" if len(unique) > LIST_LIMIT else ""
    return ", ".join(unique[:LIST_LIMIT]) + more


def terminal_lines(cov: Coverage) -> list[str]:
    """One line per gap kind with counts, for the run's terminal summary."""
    lines = []
    checks = cov.of_kind("check")
    if checks:
        lines.append(
            f"{len(checks)} check(s) not completed on {_states(len({g.key for g in checks}))}: "
            + _listed(g.label for g in checks)
        )
    sick = cov.of_kind("unhealthy")
    if sick:
        lines.append(
            f"{len(sick)} page state(s) unhealthy, nothing judged there: "
            + _listed(f"{g.key.page_state} ({g.reason})" for g in sick)
        )
    frames = cov.of_kind("frame")
    if frames:
        lines.append(
            f"{len(frames)} frame(s) not scanned by axe-core on "
            f"{_states(len({g.key for g in frames}))}: " + _listed(g.what for g in frames)
        )
    return lines
