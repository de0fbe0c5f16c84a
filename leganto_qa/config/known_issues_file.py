"""Reading `known-issues.toml`: finding patterns already reported to Ex Libris.

Each `[[issue]]` names a pattern (rule, page state, element) and the vendor reference it was
reported under (support case, Idea Exchange or NERS). This module only reads and checks the
file; matching findings against the patterns is :mod:`leganto_qa.compare.known_issues`.
Every problem raises `ConfigError` with one line naming the file, entry, key and fix.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar, cast

from leganto_qa.config.tables import MAX_NAME_CHARS, Table
from leganto_qa.config.toml_reader import read_toml
from leganto_qa.model.errors import ConfigError

DEFAULT_KNOWN_ISSUES_NAME = "known-issues.toml"

Status = Literal["open", "reported", "accepted", "fixed", "wont-fix"]
STATUSES: tuple[Status, ...] = ("open", "reported", "accepted", "fixed", "wont-fix")
CLOSED_STATUSES: frozenset[str] = frozenset({"fixed", "wont-fix"})
"""Statuses of issues nobody expects to see any more: never listed as "not seen"."""

ENTRY_KEYS = ("id", "match", "vendor_ref", "status", "reported", "note")
MATCH_KEYS = ("rule", "page_state", "element")
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}")
_VENDOR_REF_RE = re.compile(r"(case|idea exchange|ners)\s*#?\s*(\d{1,20})", re.IGNORECASE)
_VENDOR_KINDS = {"case": "Case", "idea exchange": "Idea Exchange", "ners": "NERS"}
_VENDOR_EXAMPLES = "'Case 07212345', 'Idea Exchange 123' or 'NERS 8421'"
_EXAMPLES = {
    "rule": '"button-name"',
    "page_state": '"list/*"',
    "element": '"lg-sidebar*"',
    "vendor_ref": '"Case 07212345"',
    "status": '"open"',
    "note": '"what users see"',
}


@dataclass(frozen=True)
class IssueEntry:
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


E = TypeVar("E", bound=IssueEntry)


def read_known_issues(path: Path, make: Callable[..., E]) -> tuple[E, ...]:
    """The entries of the file at ``path``, each built by ``make`` (an IssueEntry class).

    A missing file is an empty registry.
    """
    label = path.name
    if not path.exists():
        return ()
    if path.is_dir():
        raise ConfigError(f"{label}: {path} is a directory, not a file; remove or rename it")
    top = Table(label, "", read_toml(path))
    top.check_keys(("issue",))
    entries = top.data.get("issue", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise top.error("issue must be an array of tables; write each entry as [[issue]]")
    issues: list[E] = []
    first_entry: dict[str, int] = {}
    for index, entry in enumerate(cast(list[dict[str, object]], entries), start=1):
        issue = make(**_entry_fields(label, index, entry))
        if issue.id in first_entry:
            raise ConfigError(
                f"{label}: issue {issue.id!r} (entry {index}): duplicate id, already used by "
                f"entry {first_entry[issue.id]}; give each issue its own id"
            )
        first_entry[issue.id] = index
        issues.append(issue)
    return tuple(issues)


def _entry_fields(label: str, index: int, entry: dict[str, object]) -> dict[str, object]:
    raw_id = entry.get("id")
    if isinstance(raw_id, str) and _ID_RE.fullmatch(raw_id.strip()):
        issue_id = raw_id.strip()
        table = Table(label, "", entry, place=f"issue {issue_id!r} (entry {index}):")
    else:
        table = Table(label, "", entry, place=f"issue entry {index}:")
        if raw_id is None:
            raise table.error(f"missing required key 'id'; add id = \"KI-{index}\"")
        raise table.error(
            f"id is not an issue id; use letters, digits, '.', '-' or '_' like id = \"KI-{index}\""
        )
    table = Table(label, "", entry, place=table.place, examples=_EXAMPLES)
    table.check_keys(ENTRY_KEYS)
    if "match" not in entry:
        raise table.error("missing required key 'match.rule'; add match.rule = \"...\"")
    if not isinstance(entry["match"], dict):
        raise table.error('match must be a table; write match.rule = "button-name"')
    match = table.dotted("match")
    assert match is not None  # present
    match.check_keys(MATCH_KEYS)
    return {
        "id": issue_id,
        "rule": match.required("rule"),
        "page_state": match.string("page_state", max_chars=MAX_NAME_CHARS) or "*",
        "element": match.string("element", max_chars=MAX_NAME_CHARS),
        "vendor_ref": _vendor_ref(table),
        "status": table.choice("status", STATUSES, "a status", None),
        "reported": _reported(table),
        "note": table.text("note"),
        "entry": index,
    }


def _vendor_ref(table: Table) -> str:
    found = _VENDOR_REF_RE.fullmatch(table.required("vendor_ref"))
    if found is None:
        raise table.error(f"vendor_ref is not a vendor reference; write {_VENDOR_EXAMPLES}")
    return f"{_VENDOR_KINDS[found.group(1).lower()]} {found.group(2)}"


def _reported(table: Table) -> _dt.date:
    reported = table.data.get("reported")
    if reported is None:
        raise table.error("missing required key 'reported'; add reported = 2024-06-12")
    if isinstance(reported, _dt.datetime) or not isinstance(reported, _dt.date):
        raise table.error(
            "reported is not a date; write a bare TOML date like "
            "reported = 2024-06-12 (no quotes, no time)"
        )
    return reported
