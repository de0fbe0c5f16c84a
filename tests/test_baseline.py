"""Baselines and comparison: accepted findings, regressions, refusals, history kept."""

from __future__ import annotations

import json

import pytest

from leganto_qa.compare.baseline import accept, baseline_from_record, baseline_path, load_baseline
from leganto_qa.compare.comparison import compare
from leganto_qa.model.errors import HarnessError
from leganto_qa.model.findings import StateContext, findings_from_axe
from leganto_qa.model.records import Outcome, PageStateRecord, RunLayout, RunRecord
from leganto_qa.model.storage import write_json_atomic


def _findings(rule, state="list/student", selector="lg-sidebar button", locale="en"):
    violation = {
        "id": rule,
        "impact": "critical",
        "tags": ["wcag2a", "wcag412"],
        "nodes": [{"target": [selector], "html": "<button>", "failureSummary": ""}],
    }
    return findings_from_axe([violation], StateContext(state, locale, "student", "http://x"))


def _record(
    release, findings=(), outcomes=(), run_id="r1", sandbox="demo", status="complete", versions=None
):
    states = (
        PageStateRecord(
            id="list/student", role="student", locale="en", url="u", title="t", test="t"
        ),
    )
    return RunRecord(
        run_id=run_id,
        status=status,
        sandbox={"id": sandbox, "release": release},
        versions=versions or {"axe_core": "4.12.1", "browser": "Chromium 1", "harness": "0.1.0"},
        command=[],
        started_at="",
        finished_at="",
        outcomes=tuple(outcomes),
        page_states=states,
        findings=tuple(findings),
    )


def test_comparison_sorts_findings_into_new_persisting_resolved():
    old = _record(
        "2024-05", [*_findings("link-name", selector="a.open"), *_findings("color-contrast")]
    )
    new = _record("2024-06", [*_findings("color-contrast"), *_findings("button-name")])
    result = compare(new, baseline_from_record(old))
    assert [f.rule for f in result.new] == ["button-name"]
    assert [f.rule for f in result.persisting] == ["color-contrast"]
    assert [f["rule"] for f in result.resolved] == ["link-name"]
    assert result.has_news


def test_same_release_twice_compares_as_no_changes():
    findings = [*_findings("color-contrast"), *_findings("nested-interactive", selector="h")]
    passed = Outcome("suites/workflows/t.py::test_a", "workflows", "passed", 1.0)
    result = compare(
        _record("2024-06", findings, [passed], run_id="r2"),
        baseline_from_record(_record("2024-06", findings, [passed])),
    )
    assert not result.new and not result.resolved and not result.regressions
    assert not result.has_news and not result.version_changes
    assert result.headline().startswith("2024-06 vs baseline 2024-06: 0 regression(s), 0 new")


def test_workflow_outcomes_become_regressions_and_fixes_inconclusive_kept_apart():
    def outcome(name, result, suite="workflows"):
        return Outcome(f"suites/{suite}/t.py::{name}", suite, result, 1.0)

    before = [
        outcome("print", "passed"),
        outcome("publish", "failed"),
        outcome("login", "passed"),
        outcome("gone", "passed"),
        outcome("state", "failed", "a11y"),
    ]
    after = [
        outcome("print", "failed"),
        outcome("publish", "passed"),
        outcome("login", "inconclusive"),
        outcome("added", "passed"),
        outcome("state", "passed", "a11y"),
    ]
    result = compare(
        _record("2024-06", outcomes=after),
        baseline_from_record(_record("2024-05", outcomes=before)),
    )
    assert [o.test.rsplit("::")[-1] for o in result.regressions] == ["print"]
    assert [o.test.rsplit("::")[-1] for o in result.fixed] == ["publish"]
    assert [o.test.rsplit("::")[-1] for o in result.inconclusive] == ["login"]
    assert [t.rsplit("::")[-1] for t in result.new_tests] == ["added"]
    assert [t.rsplit("::")[-1] for t in result.removed_tests] == ["gone"]


def test_version_changes_are_reported():
    old = _record("2024-05")
    new = _record(
        "2024-06", versions={"axe_core": "4.13.0", "browser": "Chromium 1", "harness": "0.1.0"}
    )
    (change,) = compare(new, baseline_from_record(old)).version_changes
    assert (change.name, change.baseline, change.run) == ("axe_core", "4.12.1", "4.13.0")


def _store(reports, record):
    layout = RunLayout.for_run(reports, record.sandbox["id"], record.run_id)
    write_json_atomic(layout.record_path, record.to_dict())
    return layout.root


def test_accept_writes_diff_friendly_text_and_keeps_the_previous_baseline(tmp_path):
    _store(tmp_path, _record("2024-05", _findings("link-name"), run_id="20261101T000000Z-aaaa"))
    path, first = accept(tmp_path, "demo")
    lines = path.read_text().splitlines()
    assert any('"rule": "link-name"' in line for line in lines)
    assert json.loads(path.read_text())["release"] == "2024-05"
    _store(tmp_path, _record("2024-06", _findings("button-name"), run_id="20261201T000000Z-bbbb"))
    accept(tmp_path, "demo")
    assert load_baseline(path).release == "2024-06"
    history = list((path.parent / "history").iterdir())
    assert len(history) == 1 and "2024-05" in history[0].name
    assert json.loads(history[0].read_text())["run_id"] == first.run_id


def test_accept_refuses_inconclusive_or_foreign_runs_and_keeps_the_baseline(tmp_path):
    _store(tmp_path, _record("2024-05", run_id="20261101T000000Z-aaaa"))
    path, _ = accept(tmp_path, "demo")
    before = path.read_text()
    bad = _record(
        "2024-06",
        outcomes=[Outcome("t", "workflows", "inconclusive", 1.0)],
        run_id="20261201T000000Z-bbbb",
    )
    with pytest.raises(HarnessError, match="1 inconclusive test"):
        accept(tmp_path, "demo", _store(tmp_path, bad))
    other = _record("2024-06", sandbox="uio", run_id="20261202T000000Z-cccc")
    with pytest.raises(HarnessError, match="is of sandbox 'uio', not 'demo'"):
        accept(tmp_path, "demo", _store(tmp_path, other))
    assert path.read_text() == before


def test_broken_baseline_file_is_a_one_line_error(tmp_path):
    path = baseline_path(tmp_path, "demo")
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(HarnessError, match="not a readable leganto-qa baseline"):
        load_baseline(path)


def test_known_vendor_issues_are_labelled_not_new_and_unseen_ones_flagged(tmp_path):
    from leganto_qa.compare.known_issues import load_known_issues

    registry = tmp_path / "known-issues.toml"
    registry.write_text(
        '[[issue]]\nid = "KI-1"\nmatch.rule = "button-name"\nmatch.page_state = "list/*"\n'
        'vendor_ref = "Case 07212345"\nstatus = "reported"\nreported = 2024-06-12\n\n'
        '[[issue]]\nid = "KI-2"\nmatch.rule = "image-alt"\nvendor_ref = "NERS 8421"\n'
        'status = "open"\nreported = 2024-01-05\n'
    )
    old = _record("2024-05", _findings("color-contrast"))
    new = _record("2024-06", [*_findings("color-contrast"), *_findings("button-name")])
    result = compare(new, baseline_from_record(old), load_known_issues(registry))
    assert not result.new and not result.has_news
    ((finding, issue),) = result.known
    assert finding.rule == "button-name" and issue.vendor_ref == "Case 07212345"
    assert [i.id for i in result.not_seen] == ["KI-2"]


def test_a_known_problem_seen_in_a_new_page_state_is_not_new():
    old = _record("2024-05", _findings("color-contrast", state="list/student"))
    new = _record(
        "2024-06",
        [
            *_findings("color-contrast", state="list/student"),
            *_findings("color-contrast", state="list/student/share-dialog"),
        ],
    )
    result = compare(new, baseline_from_record(old))
    assert not result.new and len(result.persisting) == 2 and not result.resolved


def test_headline_counts_distinct_problems_not_instances():
    old = _record("2024-05")
    new = _record(
        "2024-06",
        [
            *_findings("button-name", state="list/student"),
            *_findings("button-name", state="list/student/list-menu"),
            *_findings("button-name", state="list/student", locale="nb"),
        ],
    )
    result = compare(new, baseline_from_record(old))
    assert len(result.new) == 3
    assert "1 new WCAG problem(s)" in result.headline()


def test_a_new_finding_not_seen_again_in_a_fresh_page_is_unconfirmed_not_new():
    from dataclasses import replace

    flaky = [replace(f, confirmed=False) for f in _findings("color-contrast", selector="p.x")]
    confirmed = [replace(f, confirmed=True) for f in _findings("button-name")]
    result = compare(
        _record("2024-06", [*flaky, *confirmed]), baseline_from_record(_record("2024-05"))
    )
    assert [f.rule for f in result.new] == ["button-name"]
    assert [f.rule for f in result.unconfirmed] == ["color-contrast"]


def test_fewer_affected_elements_of_a_persisting_finding_are_reported():
    def buttons(count):
        violation = {
            "id": "button-name",
            "impact": "critical",
            "tags": ["wcag2a", "wcag412"],
            "nodes": [
                {
                    "target": [f"lg-sidebar > div:nth-child({n}) > button"],
                    "html": "<button>",
                    "failureSummary": "",
                }
                for n in range(count)
            ],
        }
        return findings_from_axe([violation], StateContext("list/student", "en", "student", "u"))

    result = compare(
        _record("2024-06", buttons(3)), baseline_from_record(_record("2024-05", buttons(5)))
    )
    assert not result.new and not result.resolved
    ((finding, before),) = result.changed_scope
    assert (len(finding.elements), before) == (3, 5)
