"""UI changes the state explorer found: a child page state ``<state> \u203a <control>`` that this
run captured and the baseline, which explored the same parent state, did not.

Each such state is one ``added`` :class:`UiChange` of what it opened (the dialog or menu the
child's ARIA snapshot has and the parent's lacks, else the control's name), placed where its
trigger is in the parent: "New dialog 'Share list' opened from the header".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from leganto_qa.compare.aria_changes import (
    CONTAINERS,
    CONTROLS,
    Node,
    UiChange,
    diff_snapshots,
    parse_snapshot,
)
from leganto_qa.model.records import PageStateRecord
from leganto_qa.model.state_key import state_key

SEPARATOR = " \u203a "
"""Between a page state's id and the name of the control whose child state the explorer kept."""
OPENED_ROLES = ("dialog", "alertdialog", "menu", "menubar", "listbox", "tabpanel", "region")
"""What a control opens, in the order a child state's new containers are looked at."""


def split_explored(page_state: str) -> tuple[str, str] | None:
    """``(parent, control name)`` of an explored child state's id; None for any other state."""
    if SEPARATOR not in page_state:
        return None
    parent, _, control = page_state.rpartition(SEPARATOR)
    return parent, control


def explored_changes(
    states: Iterable[PageStateRecord],
    current: Mapping[str, str],
    baseline: Mapping[str, str],
    checked: frozenset[str] | None = None,
) -> list[tuple[PageStateRecord, UiChange]]:
    """One ``added`` change per explored child state new since the baseline, with the state.

    ``current`` and ``baseline`` are ARIA snapshots by page state key. A child state counts only
    when the baseline explored its parent too (it has another child of it): a baseline recorded
    with exploration off, or a parent it never captured, says nothing about what is new.
    """
    changes: list[tuple[PageStateRecord, UiChange]] = []
    for state in states:
        split = split_explored(state.id)
        key = state_key(state.id, state.role, state.locale)
        if split is None or key in baseline or key not in current:
            continue
        if checked is not None and key not in checked:
            continue
        parent, control = split
        parent_key = state_key(parent, state.role, state.locale)
        if parent_key not in current or not _explored(baseline, parent, state.role, state.locale):
            continue
        changes.append((state, _opened(current[parent_key], current[key], parent, control)))
    return changes


def _explored(baseline: Mapping[str, str], parent: str, role: str, locale: str) -> bool:
    start, end = f"{parent}{SEPARATOR}", f" [{role}, {locale}]"
    return any(k.startswith(start) and k.endswith(end) for k in baseline)


def _opened(parent_aria: str, child_aria: str, parent: str, control: str) -> UiChange:
    """What ``control`` opened (from the two snapshots) and where ``control`` is."""
    added = [c for c in diff_snapshots(parent_aria, child_aria, parent) if c.kind == "added"]
    opened = next(
        (c for role in OPENED_ROLES for c in added if c.role == role),
        None,
    )
    role, name = (opened.role, opened.name or control) if opened else ("region", control)
    where = _trigger_place(parse_snapshot(parent_aria), control)
    return UiChange("added", role, name, None, where, parent, opened=True)


def _trigger_place(root: Node, control: str) -> str:
    """The ``where`` notation of the first control named ``control``: its nearest container,
    or in the page or an unnamed main content the nearest heading above it."""
    heading = ""

    def walk(node: Node, place: str, by_heading: bool) -> str | None:
        nonlocal heading
        for child in node.children:
            if child.role == "heading":
                heading = child.name
            if child.role in CONTROLS and child.name == control:
                return _notation("heading", heading) if by_heading and heading else place
            if child.role in CONTAINERS:
                unnamed_main = child.role == "main" and not child.name
                inner = place if unnamed_main else _notation(child.role, child.name)
                found = walk(child, inner, unnamed_main)
            else:
                found = walk(child, place, by_heading)
            if found is not None:
                return found
        return None

    return walk(root, "", True) or ""


def _notation(role: str, name: str) -> str:
    return f"{role} {json.dumps(name, ensure_ascii=False)}" if name else role
