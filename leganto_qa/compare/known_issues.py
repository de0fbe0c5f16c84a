"""The known-issue registry `known-issues.toml`: finding patterns already reported to Ex Libris.

Findings that match a registered pattern are shown as known, not as new; registered issues no
finding matched are listed as "not seen — verify and close". Reading and checking the file is
:mod:`leganto_qa.config.known_issues_file`; this module matches findings against its entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from leganto_qa.config.known_issues_file import (
    CLOSED_STATUSES,
    DEFAULT_KNOWN_ISSUES_NAME,
    STATUSES,
    IssueEntry,
    Status,
    read_known_issues,
)
from leganto_qa.model.findings import Finding

__all__ = [
    "CLOSED_STATUSES",
    "DEFAULT_KNOWN_ISSUES_NAME",
    "STATUSES",
    "KnownIssue",
    "KnownIssues",
    "Labelled",
    "Status",
    "load_known_issues",
]

FindingLike = Finding | Mapping[str, Any]
"""A `Finding`, or its `to_dict()` form as stored in run records."""


@dataclass(frozen=True)
class KnownIssue(IssueEntry):
    """One registered finding pattern (an entry of the file) that can match findings."""

    def matches(self, finding: FindingLike) -> bool:
        """True when the finding's rule, page state and element all fit this pattern."""
        view = _view(finding)
        if not (fnmatchcase(view.rule, self.rule) or fnmatchcase(view.source, self.rule)):
            return False
        if not fnmatchcase(view.page_state, self.page_state):
            return False
        if self.element is None:
            return True
        # The pattern may sit anywhere in the identity or a selector; * and ? are wildcards.
        anywhere = f"*{self.element}*"
        return any(fnmatchcase(s, anywhere) for s in (view.identity, *view.selectors))


@dataclass(frozen=True)
class Labelled:
    """Which known issue each finding of a run matched, and which issues no finding matched."""

    by_fingerprint: dict[str, KnownIssue]
    not_seen: list[KnownIssue]
    """Open/reported/accepted issues matched by no finding: verify and close the case."""
    reappeared: list[KnownIssue] = field(default_factory=list)
    """Issues marked fixed that a finding matched anyway."""

    def issue_for(self, finding: FindingLike | str) -> KnownIssue | None:
        """The known issue of a finding (or of a fingerprint), if any."""
        key = finding if isinstance(finding, str) else _view(finding).fingerprint
        return self.by_fingerprint.get(key)


@dataclass(frozen=True)
class KnownIssues:
    """The registry: issues in file order; the first matching issue labels a finding."""

    issues: tuple[KnownIssue, ...] = ()
    path: Path | None = None

    def __iter__(self) -> Iterator[KnownIssue]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    def get(self, issue_id: str) -> KnownIssue | None:
        """The issue with id `issue_id`, if registered."""
        return next((issue for issue in self.issues if issue.id == issue_id), None)

    def match(self, finding: FindingLike) -> KnownIssue | None:
        """The first issue (in file order) whose pattern fits the finding, or None."""
        return next((issue for issue in self.issues if issue.matches(finding)), None)

    def label(self, findings: Iterable[FindingLike]) -> Labelled:
        """Label each finding with its known issue; list open issues no finding matched."""
        by_fingerprint: dict[str, KnownIssue] = {}
        seen: set[str] = set()
        for finding in findings:
            issue = self.match(finding)
            if issue is not None:
                by_fingerprint[_view(finding).fingerprint] = issue
                seen.add(issue.id)
        not_seen = [i for i in self.issues if i.id not in seen and not i.closed]
        reappeared = [i for i in self.issues if i.id in seen and i.status == "fixed"]
        return Labelled(by_fingerprint, not_seen, reappeared)


def load_known_issues(path: Path) -> KnownIssues:
    """Read and validate the registry at `path`; a missing file is an empty registry."""
    path = Path(path).expanduser()
    return KnownIssues(issues=read_known_issues(path, KnownIssue), path=path)


# --------------------------------------------------------------------------- finding views


@dataclass(frozen=True)
class _FindingView:
    fingerprint: str
    source: str
    rule: str
    page_state: str
    identity: str
    selectors: tuple[str, ...]


def _view(finding: FindingLike) -> _FindingView:
    if isinstance(finding, Finding):
        return _FindingView(
            finding.fingerprint,
            finding.source,
            finding.rule,
            finding.page_state,
            finding.identity,
            tuple(e.selector for e in finding.elements),
        )
    elements = finding.get("elements") or []
    return _FindingView(
        str(finding.get("fingerprint", "")),
        str(finding.get("source", "")),
        str(finding.get("rule", "")),
        str(finding.get("page_state", "")),
        str(finding.get("identity", "")),
        tuple(str(e.get("selector", "")) for e in elements if isinstance(e, Mapping)),
    )
