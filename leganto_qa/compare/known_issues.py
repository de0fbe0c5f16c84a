"""The known-issue registry `known-issues.toml`: finding patterns already reported to Ex Libris.

Each `[[issue]]` names a pattern (rule, page state, element) and the vendor reference it was
reported under (support case, Idea Exchange or NERS). Findings that match are shown as known,
not as new; registered issues no finding matched are listed as "not seen — verify and close".
Every problem in the file raises `ConfigError` with one line naming the file, entry, key and fix.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal, cast

from leganto_qa.config.toml_reader import read_toml
from leganto_qa.model.errors import ConfigError
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

DEFAULT_KNOWN_ISSUES_NAME = "known-issues.toml"

Status = Literal["open", "reported", "accepted", "fixed", "wont-fix"]
STATUSES: tuple[Status, ...] = ("open", "reported", "accepted", "fixed", "wont-fix")
CLOSED_STATUSES: frozenset[str] = frozenset({"fixed", "wont-fix"})
"""Statuses of issues nobody expects to see any more: never listed as "not seen"."""

FindingLike = Finding | Mapping[str, Any]
"""A `Finding`, or its `to_dict()` form as stored in run records."""

_ENTRY_KEYS = ("id", "match", "vendor_ref", "status", "reported", "note")
_MATCH_KEYS = ("rule", "page_state", "element")
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_VENDOR_REF_RE = re.compile(r"(case|idea exchange|ners)\s*#?\s*(\d+)", re.IGNORECASE)
_VENDOR_KINDS = {"case": "Case", "idea exchange": "Idea Exchange", "ners": "NERS"}
_VENDOR_EXAMPLES = "'Case 07212345', 'Idea Exchange 123' or 'NERS 8421'"


@dataclass(frozen=True)
class KnownIssue:
    """One registered finding pattern and where it was reported to the vendor."""

    id: str
    rule: str
    vendor_ref: str
    status: Status
    reported: _dt.date
    page_state: str = "*"
    element: str | None = None
    note: str | None = None
    entry: int = 0
    """1-based position in the file, for messages."""

    @property
    def closed(self) -> bool:
        """True when the status is fixed or wont-fix."""
        return self.status in CLOSED_STATUSES

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
    label = path.name
    if not path.exists():
        return KnownIssues(path=path)
    if path.is_dir():
        raise ConfigError(f"{label}: {path} is a directory, not a file; remove or rename it")
    return KnownIssues(issues=_parse(label, read_toml(path)), path=path)


# --------------------------------------------------------------------------- validation


def _parse(label: str, data: Mapping[str, object]) -> tuple[KnownIssue, ...]:
    _check_keys(f"{label}:", "", data, ("issue",), "top-level key")
    entries = data.get("issue", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(
            f"{label}: issue must be an array of tables; write each entry as [[issue]]"
        )
    issues: list[KnownIssue] = []
    first_entry: dict[str, int] = {}
    for index, entry in enumerate(cast(list[dict[str, object]], entries), start=1):
        issue = _parse_entry(label, index, entry)
        if issue.id in first_entry:
            raise ConfigError(
                f"{label}: issue {issue.id!r} (entry {index}): duplicate id, already used by "
                f"entry {first_entry[issue.id]}; give each issue its own id"
            )
        first_entry[issue.id] = index
        issues.append(issue)
    return tuple(issues)


def _parse_entry(label: str, index: int, entry: Mapping[str, object]) -> KnownIssue:
    raw_id = entry.get("id")
    if isinstance(raw_id, str) and _ID_RE.fullmatch(raw_id.strip()):
        issue_id = raw_id.strip()
        where = f"{label}: issue {issue_id!r} (entry {index}):"
    else:
        where = f"{label}: issue entry {index}:"
        if raw_id is None:
            raise ConfigError(f"{where} missing required key 'id'; add id = \"KI-{index}\"")
        raise ConfigError(
            f"{where} id = {raw_id!r} is not an issue id; use letters, digits, '.', '-' or '_' "
            f'like id = "KI-{index}"'
        )
    _check_keys(where, "", entry, _ENTRY_KEYS, "key")

    match = entry.get("match")
    if match is None:
        raise ConfigError(f"{where} missing required key 'match.rule'; add match.rule = \"...\"")
    if not isinstance(match, dict):
        raise ConfigError(f'{where} match must be a table; write match.rule = "button-name"')
    match = cast(dict[str, object], match)
    _check_keys(where, "match.", match, _MATCH_KEYS, "key")
    rule = _string(where, match, "rule", "match.rule", '"button-name"')
    page_state = _string(where, match, "page_state", "match.page_state", '"list/*"', "*")
    element = _string(where, match, "element", "match.element", '"lg-sidebar*"', "") or None

    vendor_ref = _vendor_ref(where, entry)
    status = _string(where, entry, "status", "status", '"open"')
    if status not in STATUSES:
        raise ConfigError(
            f"{where} status = {status!r} is not a status; use one of: {', '.join(STATUSES)}"
        )
    reported = entry.get("reported")
    if reported is None:
        raise ConfigError(f"{where} missing required key 'reported'; add reported = 2024-06-12")
    if isinstance(reported, _dt.datetime) or not isinstance(reported, _dt.date):
        raise ConfigError(
            f"{where} reported = {reported!r} is not a date; write a bare TOML date like "
            "reported = 2024-06-12 (no quotes, no time)"
        )
    note = _string(where, entry, "note", "note", '"what users see"', "") or None
    return KnownIssue(
        id=issue_id,
        rule=rule,
        vendor_ref=vendor_ref,
        status=status,
        reported=reported,
        page_state=page_state,
        element=element,
        note=note,
        entry=index,
    )


def _vendor_ref(where: str, entry: Mapping[str, object]) -> str:
    value = _string(where, entry, "vendor_ref", "vendor_ref", '"Case 07212345"')
    found = _VENDOR_REF_RE.fullmatch(value)
    if found is None:
        raise ConfigError(
            f"{where} vendor_ref = {value!r} is not a vendor reference; write {_VENDOR_EXAMPLES}"
        )
    return f"{_VENDOR_KINDS[found.group(1).lower()]} {found.group(2)}"


def _string(
    where: str,
    table: Mapping[str, object],
    key: str,
    shown: str,
    example: str,
    default: str | None = None,
) -> str:
    value = table.get(key)
    if value is None:
        if default is None:
            raise ConfigError(f"{where} missing required key {shown!r}; add {shown} = {example}")
        return default
    if not isinstance(value, str):
        raise ConfigError(f"{where} {shown} = {value!r} must be a string like {shown} = {example}")
    stripped = value.strip()
    if not stripped:
        raise ConfigError(f"{where} {shown} is empty; give a value like {shown} = {example}")
    return stripped


def _check_keys(
    where: str, prefix: str, table: Mapping[str, object], allowed: Sequence[str], what: str
) -> None:
    for key in table:
        if key in allowed:
            continue
        shown = ", ".join(prefix + k for k in allowed)
        close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
        hint = f"did you mean {prefix + close[0]!r}?" if close else f"use one of: {shown}"
        raise ConfigError(f"{where} unknown {what} {prefix + key!r}; {hint}")


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
