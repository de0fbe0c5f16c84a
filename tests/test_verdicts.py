"""Verdicts a tester can trust: an outage is inconclusive, never "resolved" or "fixed".

Synthetic run records (no browser): a healthy baseline, then runs that could not check a page,
an identical rerun, a test the baseline never ran. The verdict, the exit code and the report
must agree.
"""

from __future__ import annotations

import json

import pytest

from leganto_qa.cli.verdict import exit_code_for
from leganto_qa.compare.baseline import accept, baseline_from_record
from leganto_qa.compare.comparison import compare
from leganto_qa.model.findings import StateContext, findings_from_axe
from leganto_qa.model.records import Outcome, PageStateRecord, RunLayout, RunRecord
from leganto_qa.model.storage import write_json_atomic
from leganto_qa.reports.regression_report import write_regression_report

A11Y = "suites/a11y/test_page_states.py::test_page_state_has_no_new_wcag_findings[en-list/student]"
PRINT = "suites/workflows/test_student.py::test_student_prints_list"
PUBLISH = "suites/workflows/test_instructor.py::test_instructor_publishes_list"
EMBED = "suites/embedding/test_embedding.py::test_launch_opens_the_list"
NEW_FINDING_FAILURE = "AssertionError: 1 new WCAG finding(s) in list/student [student, en]: x"


def _findings(*rules):
    violations = [
        {
            "id": rule,
            "impact": "serious",
            "tags": ["wcag2aa", "wcag143"],
            "nodes": [{"target": [f"#{rule}"], "html": "<p>", "failureSummary": ""}],
        }
        for rule in rules
    ]
    return findings_from_axe(violations, StateContext("list/student", "en", "student", "u"))


def _state(**health):
    return PageStateRecord(
        id="list/student", role="student", locale="en", url="u", title="t", test=A11Y, **health
    )


def _record(run_id, outcomes, findings=(), states=None, release="2024-06"):
    return RunRecord(
        run_id=run_id,
        status="complete",
        sandbox={"id": "demo", "release": release},
        versions={},
        command=[],
        started_at="",
        finished_at="",
        outcomes=tuple(Outcome(t, t.split("/")[1], o, 1.0, m) for t, o, m in outcomes),
        page_states=(_state(),) if states is None else tuple(states),
        findings=tuple(findings),
    )


def _healthy_baseline_run():
    """The first run of a sandbox: no baseline yet, so the a11y test fails on its findings."""
    return _record(
        "20261101T000000Z-aaaa",
        [
            (A11Y, "failed", NEW_FINDING_FAILURE),
            (PRINT, "passed", ""),
            (PUBLISH, "failed", "publishing answered 500"),
        ],
        _findings("color-contrast", "link-name"),
    )


def test_an_outage_after_a_healthy_baseline_is_inconclusive_never_resolved_or_fixed():
    baseline = baseline_from_record(_healthy_baseline_run())
    outage = _record(
        "20261102T000000Z-bbbb",
        [(A11Y, "passed", ""), (PRINT, "inconclusive", "HTTP 503"), (PUBLISH, "inconclusive", "")],
        states=[_state(health="unhealthy", health_cause="HTTP 503 at http://sandbox/leganto/")],
    )
    result = compare(outage, baseline)
    assert result.verdict == "inconclusive"
    assert (len(result.resolved), len(result.fixed), len(result.regressions)) == (0, 0, 0)
    assert {f["rule"] for f in result.not_checked} == {"color-contrast", "link-name"}
    assert result.not_checked_states == ("list/student [student, en]",)
    assert result.unhealthy_states[0][1] == "HTTP 503 at http://sandbox/leganto/"
    assert "0 resolved" in result.headline() and "0 fixed" in result.headline()
    assert exit_code_for(outage, 1, result) == 1


def test_an_unhealthy_page_state_alone_makes_the_verdict_and_exit_code_inconclusive():
    baseline = baseline_from_record(_healthy_baseline_run())
    run = _record(
        "20261102T000000Z-hhhh",
        [(A11Y, "passed", ""), (PRINT, "passed", ""), (PUBLISH, "failed", "publishing failed")],
        states=[_state(health="login-expired", health_cause="sent to the login page")],
    )
    result = compare(run, baseline)
    assert result.verdict == "inconclusive" and not result.resolved
    assert exit_code_for(run, 1, result) == 1


def test_a_page_state_the_run_did_not_capture_is_not_checked_not_resolved():
    baseline = baseline_from_record(_healthy_baseline_run())
    nothing_captured = _record(
        "20261102T000000Z-cccc",
        [(t, "inconclusive", "HTTP 503 at http://sandbox/") for t in (A11Y, PRINT, PUBLISH)],
        states=(),
    )
    result = compare(nothing_captured, baseline)
    assert not result.resolved and len(result.not_checked) == 2
    assert not (result.fixed or result.regressions) and result.verdict == "inconclusive"
    assert exit_code_for(nothing_captured, 1, result) == 1


def test_an_identical_rerun_is_ok_with_nothing_fixed(tmp_path):
    first = _healthy_baseline_run()
    _store(tmp_path, first)
    _, baseline = accept(tmp_path, "demo")
    assert baseline.outcomes[A11Y] == "passed"  # failing only on findings it accepts
    rerun = _record(
        "20261102T000000Z-dddd",
        [(A11Y, "passed", ""), (PRINT, "passed", ""), (PUBLISH, "failed", "publishing failed")],
        _findings("color-contrast", "link-name"),
    )
    result = compare(rerun, baseline)
    assert result.verdict == "ok" and not result.fixed and not result.resolved
    assert not result.not_checked and not result.new_failures
    assert exit_code_for(rerun, 1, result) == 0


def test_a_workflow_that_failed_in_the_baseline_and_passes_now_is_fixed():
    baseline = baseline_from_record(_healthy_baseline_run())
    rerun = _record(
        "20261102T000000Z-eeee",
        [(A11Y, "passed", ""), (PRINT, "passed", ""), (PUBLISH, "passed", "")],
        _findings("color-contrast", "link-name"),
    )
    result = compare(rerun, baseline)
    assert [o.test for o in result.fixed] == [PUBLISH] and result.verdict == "ok"


def test_a_failing_test_the_baseline_did_not_run_is_not_ok_and_listed(tmp_path):
    first = _healthy_baseline_run()
    _store(tmp_path, first)
    accept(tmp_path, "demo")
    embedding_only = _record(
        "20261102T000000Z-ffff", [(EMBED, "failed", "framing headers block the LMS")], states=()
    )
    layout = _store(tmp_path, embedding_only)
    report = write_regression_report(embedding_only, layout, tmp_path, tmp_path / "k.toml")
    result = report.comparison
    assert [o.test for o in result.new_failures] == [EMBED]
    assert result.verdict == "not-ok" and not result.removed_tests
    assert "1 failing, not in the baseline" in result.headline()
    assert exit_code_for(embedding_only, 1, result) == 2
    data = json.loads(report.json.read_text())
    assert data["verdict"] == "not-ok"
    assert data["failing_not_in_baseline"][0]["test"] == EMBED
    assert data["failing_not_in_baseline"][0]["kind"] == "feature-broken"
    assert data["not_checked"]["page_states"] == list(result.not_checked_states)


@pytest.mark.parametrize(
    ("lang", "failing", "not_checked", "unhealthy"),
    [
        ("en", "Failing, not in the baseline", "Not checked", "Unhealthy page states"),
        ("nb", "Feiler, ikke i grunnlinjen", "Ikke kontrollert", "Usunne sidetilstander"),
    ],
)
def test_the_report_shows_not_checked_and_failing_not_in_baseline(
    tmp_path, lang, failing, not_checked, unhealthy
):
    _store(tmp_path, _healthy_baseline_run())
    accept(tmp_path, "demo")
    run = _record(
        "20261102T000000Z-gggg",
        [(A11Y, "passed", ""), (PRINT, "passed", ""), (EMBED, "failed", "no frame")],
        states=[_state(health="unhealthy", health_cause="HTTP 503 at http://sandbox/leganto/")],
    )
    layout = _store(tmp_path, run)
    html = write_regression_report(run, layout, tmp_path, tmp_path / "k.toml", lang).html
    text = html.read_text()
    assert failing in text and not_checked in text and unhealthy in text
    assert EMBED in text and "HTTP 503 at http://sandbox/leganto/" in text
    assert text.index(failing) < text.index(not_checked)


def _store(reports, record):
    layout = RunLayout.for_run(reports, "demo", record.run_id)
    write_json_atomic(layout.record_path, record.to_dict())
    return layout


def test_a_page_state_checked_by_axe_does_not_resolve_what_only_the_i18n_suite_checks():
    import dataclasses

    (axe,) = _findings("color-contrast")
    untranslated = dataclasses.replace(axe, rule="untranslated", kind="translation")
    baseline = baseline_from_record(
        _record("20261101T000000Z-aaaa", [(A11Y, "passed", "")], [axe, untranslated])
    )
    a11y_only = _record("20261102T000000Z-iiii", [(A11Y, "passed", "")])
    result = compare(a11y_only, baseline)
    assert [f["rule"] for f in result.resolved] == ["color-contrast"]
    assert [f["rule"] for f in result.not_checked] == ["untranslated"]


def test_an_explored_state_the_explorer_did_not_keep_again_is_not_a_state_not_checked():
    """The baseline's explorer kept the child state Help of 'list/student'; this run's explorer
    checked the same parent but kept other states (its budget went to a new dialog): that is no
    coverage gap. A child whose parent this run did not check stays 'not checked'."""
    help_state = PageStateRecord(
        id="list/student \u203a Help", role="student", locale="en", url="u", title="t", test=A11Y
    )
    other = PageStateRecord(
        id="lists/student \u203a Menu", role="student", locale="en", url="u", title="t", test=A11Y
    )
    baseline_run = _record(
        "20261101T000000Z-aaaa", [(A11Y, "passed", "")], (), [_state(), help_state, other]
    )
    baseline = baseline_from_record(baseline_run)
    run = _record("20261102T000000Z-bbbb", [(A11Y, "passed", "")], (), [_state()])
    result = compare(run, baseline)
    assert result.not_checked_states == ("lists/student \u203a Menu [student, en]",)
    assert "1 page state(s) not checked" in result.headline()
