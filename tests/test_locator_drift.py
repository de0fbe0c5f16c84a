"""Locator drift on the stand-in's 2024-06 release: the print action's id changed.

The failure names what the list menu holds instead, the regression report files it as "UI
changed under the test" (not "feature broken"), and the case draft gives the steps a person
repeats in the sandbox. Reuses the session's 2024-06 run (tests/conftest.py ``suite_runs``); the
baseline is that run's own, with printing marked as passing, as it did in 2024-05.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from leganto_qa.compare.baseline import baseline_from_record
from leganto_qa.compare.comparison import compare
from leganto_qa.model.records import RunLayout, load_record
from leganto_qa.reports.case_drafts import case_groups, render_case
from leganto_qa.reports.deviations import RunDocuments
from leganto_qa.reports.regression_report import render, to_json

pytestmark = pytest.mark.browser
LOCALES = ("--leganto-locale", "en", "--leganto-locale", "nb")
PRINTING = "test_student_prints_list"


@pytest.fixture(scope="module")
def june(suite_runs):
    """The 2024-06 run and its comparison with a baseline in which printing worked."""
    suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    run_dir = suite_runs.run_dir("r2024-06")
    record = load_record(run_dir)
    (printing,) = [o for o in record.outcomes if o.test.endswith(PRINTING)]
    accepted = baseline_from_record(record, run_dir)
    baseline = dataclasses.replace(
        accepted, release="2024-05", outcomes={**accepted.outcomes, printing.test: "passed"}
    )
    return record, baseline, compare(record, baseline, run_dir=run_dir), RunLayout(run_dir)


def test_the_failure_names_what_the_list_menu_holds_instead(june):
    record, _, _, _ = june
    (printing,) = [o for o in record.outcomes if o.test.endswith(PRINTING)]
    assert printing.outcome == "failed"
    assert "UI changed under the test: the list menu has no #lg-menu-action-print; it holds " in (
        printing.message
    )
    assert "'Print list' (#lg-menu-action-print-list)" in printing.message
    assert "'Export list' (#lg-menu-action-export)" in printing.message
    assert "Timeout" not in printing.message


def test_the_regression_report_files_it_as_ui_changed_not_feature_broken(june, tmp_path):
    record, baseline, comparison, layout = june
    assert [o.test.rsplit("::")[-1] for o in comparison.ui_drift] == [PRINTING]
    assert not comparison.broken and comparison.verdict == "not-ok"
    data = to_json(record, baseline, comparison)
    assert [(r["test"].rsplit("::")[-1], r["kind"]) for r in data["regressions"]] == [
        (PRINTING, "ui-changed")
    ]
    html = render(record, baseline, comparison, layout, tmp_path)
    section = html[html.index("UI changed under the test") :]
    assert PRINTING in section and "Feature broken" not in html


def test_the_case_draft_gives_the_steps_a_person_repeats(june):
    record, _, comparison, layout = june
    docs = RunDocuments(record, layout, comparison)
    (group,) = [g for g in case_groups(docs) if g.kind == "regression"]
    text = render_case(docs, group, "evidence.zip")
    steps = text[text.index("## Steps to reproduce") : text.index("## Expected result")]
    assert "1. Log in to the sandbox as a student, with the UI language en." in steps
    assert "3. The list 'SOS1001" in steps
    assert "4. Open the list menu (⋯)." in steps
    assert "5. Choose 'Print list'." in steps
    assert "as the harness does" not in text
    expected = text[text.index("## Expected result") : text.index("## Actual result")]
    assert "Step 5, \"Choose 'Print list'\", works as in release 2024-05" in expected
    assert "#lg-menu-action-print" in expected
    actual = text[text.index("## Actual result") : text.index("## Scope and impact")]
    assert "The list menu has no #lg-menu-action-print; it holds 'Print list'" in actual
    steps_file = next(a for a in group.outcome.artifacts if a.endswith("steps.json"))
    assert json.loads((layout.root / steps_file).read_text())["role"] == "student"
