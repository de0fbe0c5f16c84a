"""The UI change inventory of explored states: a child state new since the baseline is one
'added' dialog or menu, named from what opened and placed where its trigger is."""

from __future__ import annotations

from leganto_qa.compare.explored_changes import SEPARATOR, explored_changes, split_explored
from leganto_qa.model.records import PageStateRecord
from leganto_qa.model.state_key import state_key

PARENT = """- banner:
  - button "Share list"
  - button "List actions"
- main:
  - heading "Obligatorisk" [level=2]
  - button "More about this section" [expanded=false]
"""
SHARE = (
    PARENT
    + """- dialog "Share list":
  - heading "Share list" [level=2]
  - button "Close"
"""
)
MENU = (
    PARENT
    + """- menu "List actions":
  - menuitem "Print list"
"""
)
MORE = PARENT.replace("[expanded=false]", "[expanded=true]") + "- paragraph: Read these.\n"


def _state(page_state: str) -> PageStateRecord:
    return PageStateRecord(
        id=page_state, role="instructor", locale="en", url="", title="", test="t", steps=()
    )


def _child(name: str) -> str:
    return f"list/instructor{SEPARATOR}{name}"


def _aria(**snapshots: str) -> dict[str, str]:
    return {state_key(k, "instructor", "en"): v for k, v in snapshots.items()}


def _sentences(current, baseline):
    states = [_state(k.rsplit(" [", 1)[0]) for k in current]
    return [c.sentence() for _, c in explored_changes(states, current, baseline)]


def test_a_new_child_state_is_a_new_dialog_opened_from_the_triggers_place():
    parent, share, menu, more = (
        "list/instructor",
        _child("Share list"),
        _child("List actions"),
        _child("More about this section"),
    )
    baseline = {**_aria(**{parent: PARENT}), **_aria(**{menu: MENU})}
    current = _aria(**{parent: PARENT, menu: MENU, share: SHARE, more: MORE})
    assert _sentences(current, baseline) == [
        "New dialog 'Share list' opened from the header",
        "New region 'More about this section' opened from the section 'Obligatorisk'",
    ]
    [(_, change)] = explored_changes([_state(share)], current, baseline)
    assert (change.kind, change.role, change.page_state) == ("added", "dialog", parent)
    assert change.sentence("nb") == "Ny dialog «Share list» åpnes fra topplinjen"


def test_nothing_is_new_when_the_baseline_did_not_explore_the_parent():
    parent, share = "list/instructor", _child("Share list")
    current = _aria(**{parent: PARENT, share: SHARE})
    assert _sentences(current, _aria(**{parent: PARENT})) == []
    assert _sentences(current, {}) == []


def test_only_explored_states_split():
    assert split_explored(_child("Share list")) == ("list/instructor", "Share list")
    assert split_explored("list/instructor/share-dialog") is None
