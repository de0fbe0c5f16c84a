"""The state explorer on the stand-in: the 2024-06 comparison names the new Share dialog from
exploration alone (the page object's share-dialog state is not run in either release)."""

from __future__ import annotations

import pytest

from leganto_qa.compare.baseline import baseline_from_record
from leganto_qa.compare.comparison import compare
from leganto_qa.compare.explored_changes import SEPARATOR, split_explored
from leganto_qa.model.records import load_record
from tests.conftest import DEMO_PASSWORD, run_suites, write_config

pytestmark = pytest.mark.browser
LIST_PAGE_ONLY = "list/student and not citation and not menu and not dialog"
"""``-k``: the student's list page alone; no page object opens a menu or dialog."""


def _run(config, release):
    name = f"explore-{release}"
    result = run_suites(
        config,
        name,
        "--leganto-release",
        release,
        "--leganto-locale",
        "en",
        "-k",
        LIST_PAGE_ONLY,
        suites=("a11y",),
        env={"LEGANTO_QA_DEMO_PASSWORD": DEMO_PASSWORD},
    )
    run_dir = config.parent / "reports" / "runs" / "demo" / name
    assert (run_dir / "record.json").exists(), result.stdout[-3000:] + result.stderr[-2000:]
    return load_record(run_dir / "record.json"), run_dir


def test_the_new_share_dialog_is_named_from_exploration_alone(tmp_path):
    config = write_config(tmp_path)
    (old, old_dir), (new, new_dir) = (_run(config, r) for r in ("2024-05", "2024-06"))
    for record in (old, new):
        ids = [s.id for s in record.page_states]
        assert not any("share-dialog" in i for i in ids), ids
        explored = {split[1] for i in ids if (split := split_explored(i)) is not None}
        # states no page object names: the top panel's menus, the list's info dialog
        assert {"Help", "User menu", "List info"} <= explored, explored
        steps = {s.id: s.steps for s in record.page_states}
        assert steps[f"list/student{SEPARATOR}Help"][-1] == "click button 'Help'"
    comparison = compare(new, baseline_from_record(old, old_dir), run_dir=new_dir)
    english = {g.sentence() for g in comparison.ui_changes if g.locale == "en"}
    assert "New dialog 'Share list' opened from the header" in english, english
    [share] = [g for g in comparison.ui_changes if g.change.opened]
    assert share.page_states == ("list/student",)
