"""The suites against the stand-in sandbox in a real Chromium: releases, evidence, stability.

Each run is a separate pytest process driving real pages with real axe-core, like
`leganto-qa run`; runs are shared between tests through the `suite_runs` fixture.
"""

from __future__ import annotations

import zipfile

import pytest

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser
LOCALES = ("--leganto-locale", "en", "--leganto-locale", "nb")
KNOWN_IN_BOTH = {"color-contrast", "nested-interactive", "image-alt", "label"}
"""Deviations of both releases that axe tags WCAG (aria-dialog-name is best practice)."""


def _outcomes(record):
    return {o["test"].split("::")[-1]: o for o in record["outcomes"]}


def _wcag_rules(record):
    return {f["rule"] for f in record["findings"] if f["kind"] == "wcag"}


def _finding_keys(record):
    return sorted(
        (
            f["page_state"],
            f["role"],
            f["locale"],
            f["fingerprint"],
            f["identity"],
            len(f["elements"]),
        )
        for f in record["findings"]
    )


def test_release_2024_05_workflows_pass_and_findings_belong_to_page_states(suite_runs):
    _, record = suite_runs.get("r2024-05", "--leganto-release", "2024-05", *LOCALES)
    workflows = [o for o in record["outcomes"] if o["suite"] == "workflows"]
    assert workflows and all(o["outcome"] == "passed" for o in workflows), [
        (o["test"], o["message"]) for o in workflows if o["outcome"] != "passed"
    ]
    rules = _wcag_rules(record)
    assert KNOWN_IN_BOTH | {"link-name"} <= rules
    assert "button-name" not in rules
    best_practice = {f["rule"] for f in record["findings"] if f["kind"] == "best-practice"}
    assert "aria-dialog-name" in best_practice
    assert {f["locale"] for f in record["findings"]} == {"en", "nb"}
    states = {(s["id"], s["role"], s["locale"]) for s in record["page_states"]}
    assert all((f["page_state"], f["role"], f["locale"]) in states for f in record["findings"])
    run_dir = suite_runs.run_dir("r2024-05")
    for state in record["page_states"]:
        assert (run_dir / state["screenshot"]).stat().st_size > 1000
        assert (run_dir / state["axe_raw"]).exists() and (run_dir / state["aria_snapshot"]).exists()
    assert record["sandbox"]["release"] == "2024-05"
    assert record["versions"]["browser"].startswith("Chromium")


def test_release_2024_06_breaks_printing_and_keeps_screenshot_and_trace(suite_runs):
    _, record = suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    outcomes = _outcomes(record)
    printing = outcomes["test_student_prints_list"]
    assert printing["outcome"] == "failed"
    assert "lg-menu-action-print" in printing["message"]
    run_dir = suite_runs.run_dir("r2024-06")
    shots = [a for a in printing["artifacts"] if a.endswith(".png")]
    traces = [a for a in printing["artifacts"] if a.endswith(".zip")]
    assert shots and traces
    assert (run_dir / shots[0]).read_bytes()[:4] == b"\x89PNG"
    with zipfile.ZipFile(run_dir / traces[0]) as trace:
        assert any(name.endswith(".trace") for name in trace.namelist())
    others = [
        o
        for name, o in outcomes.items()
        if o["suite"] == "workflows" and name != "test_student_prints_list"
    ]
    assert all(o["outcome"] == "passed" for o in others)
    rules = _wcag_rules(record)
    assert KNOWN_IN_BOTH | {"button-name"} <= rules
    assert "link-name" not in rules


def test_new_feature_dialog_is_scanned_only_where_it_exists(suite_runs):
    _, old = suite_runs.get("r2024-05", "--leganto-release", "2024-05", *LOCALES)
    _, new = suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    share = "list/student/share-dialog"
    assert share not in {s["id"] for s in old["page_states"]}
    assert share in {s["id"] for s in new["page_states"]}
    skipped = [o for o in old["outcomes"] if share in o["test"]]
    assert skipped and all(o["outcome"] == "skipped" for o in skipped)


def test_no_secret_reaches_any_artifact(suite_runs):
    suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    run_dir = suite_runs.run_dir("r2024-06")
    files = [p for p in run_dir.rglob("*") if p.is_file()]
    assert files
    for path in files:
        blobs = [path.read_bytes()]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                blobs += [archive.read(name) for name in archive.namelist()]
        for blob in blobs:
            assert DEMO_PASSWORD.encode() not in blob, path


def test_html_report_embeds_screenshots(suite_runs):
    suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    html = (suite_runs.run_dir("r2024-06") / "report.html").read_text()
    assert "data:image/png;base64" in html
    findings = (suite_runs.run_dir("r2024-06") / "findings.html").read_text()
    assert "list/student/language-dialog" in findings and "aria-dialog-name" in findings


def test_two_runs_of_one_release_give_the_same_fingerprints(suite_runs):
    _, first = suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    _, again = suite_runs.get(
        "r2024-06-shuffled", "--leganto-release", "2024-06", *LOCALES, "--leganto-shuffle-seed", "7"
    )
    assert _finding_keys(first) == _finding_keys(again)


def test_parallel_workers_find_exactly_what_a_serial_run_finds(suite_runs):
    _, serial = suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    _, parallel = suite_runs.get("r2024-06-n2", "--leganto-release", "2024-06", *LOCALES, "-n", "2")
    assert _finding_keys(serial) == _finding_keys(parallel)
    assert sorted((o["test"], o["outcome"]) for o in serial["outcomes"]) == sorted(
        (o["test"], o["outcome"]) for o in parallel["outcomes"]
    )
    assert len(parallel["page_states"]) == len(serial["page_states"])


def _compare(suite_runs, old, new):
    from leganto_qa.compare.baseline import baseline_from_record
    from leganto_qa.compare.comparison import compare
    from leganto_qa.model.records import load_record

    old_dir, new_dir = suite_runs.run_dir(old), suite_runs.run_dir(new)
    return compare(
        load_record(new_dir), baseline_from_record(load_record(old_dir), old_dir), run_dir=new_dir
    )


def test_comparing_the_two_releases_shows_exactly_what_releases_md_documents(suite_runs):
    suite_runs.get("r2024-05", "--leganto-release", "2024-05", *LOCALES)
    suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    result = _compare(suite_runs, "r2024-05", "r2024-06")
    assert [o.test.rsplit("::")[-1] for o in result.regressions] == ["test_student_prints_list"]
    assert not result.fixed and not result.inconclusive
    assert {f.rule for f in result.new} == {"button-name"}
    assert {f.identity for f in result.new} == {
        "#sidebar-discussions",
        "#sidebar-analytics",
        "#sidebar-suggestions",
    }
    assert {f["rule"] for f in result.resolved} == {"link-name"}
    english = sorted(g.sentence() for g in result.ui_changes if g.locale == "en")
    assert english == [
        "Button 'Analytics' lost its name in the sidebar 'List tools'",
        "Button 'Discussion with the library' lost its name in the sidebar 'List tools'",
        "Button 'Suggestions' lost its name in the sidebar 'List tools'",
        "Link without a name got the name 'Open in a new tab' in the header",
        "New button 'Share list' in the header",
        "New dialog 'Share list' opened from the header",  # the state explorer opened it
    ]
    assert [t.rsplit("::")[-1] for t in result.new_tests] == [
        "test_page_state_has_no_new_wcag_findings[en-list/student/share-dialog]",
        "test_page_state_has_no_new_wcag_findings[nb-list/student/share-dialog]",
    ]


@pytest.mark.parametrize("other", ["r2024-06-n2", "r2024-06-shuffled"])
def test_the_same_release_in_parallel_or_shuffled_compares_as_no_changes(suite_runs, other):
    suite_runs.get("r2024-06", "--leganto-release", "2024-06", *LOCALES)
    suite_runs.get("r2024-06-n2", "--leganto-release", "2024-06", *LOCALES, "-n", "2")
    seed = ("--leganto-shuffle-seed", "7")
    suite_runs.get("r2024-06-shuffled", "--leganto-release", "2024-06", *LOCALES, *seed)
    result = _compare(suite_runs, "r2024-06", other)
    assert not (
        result.new
        or result.resolved
        or result.regressions
        or result.fixed
        or result.ui_changes
        or result.new_tests
        or result.removed_tests
        or result.version_changes
        or result.api_changes
    )
