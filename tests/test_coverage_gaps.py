"""Coverage gaps: a check that did not complete, an unhealthy page state and a frame axe-core
could not scan show in every report and on the terminal, and are never counted as a pass."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

from leganto_qa.checks.registry import NAMES, selected
from leganto_qa.cli.verdict import RunResult, describe
from leganto_qa.compare.baseline import accept
from leganto_qa.model.findings import Element, Finding, StateContext
from leganto_qa.model.records import PageStateRecord, RunRecord
from leganto_qa.reports.conformance import render_html, summarise, to_csv, to_json
from leganto_qa.reports.coverage import CHECK_RULES, coverage, terminal_lines
from leganto_qa.reports.deviations import RunDocuments, render_deviation_report, run_documents
from leganto_qa.reports.findings_report import render_findings_report
from leganto_qa.reports.regression_report import write_regression_report
from tests.a11y_records import make_record, store

REFLOW_GAP = {
    "check": "reflow",
    "phase": "settle at 320 px",
    "reason": "its budget of 60 s ran out",
}


def _with_gaps(record: RunRecord, *gaps: dict[str, str]) -> RunRecord:
    """``record`` with ``gaps`` on its English reading-list state (other checks completed)."""
    states = tuple(
        replace(
            s,
            checks_not_completed=list(gaps),
            check_seconds={"reflow": 60.0, "resize-text": 1.0, "keyboard": 2.0},
        )
        if (s.id, s.locale) == ("list/student", "en")
        else s
        for s in record.page_states
    )
    return replace(record, page_states=states)


def _documents(tmp_path: Path, record: RunRecord) -> RunDocuments:
    reports = tmp_path / "reports"
    store(reports, make_record("2024-05", "20261101T000000Z-aaaa", hostile=False))
    accept(reports, "demo")
    layout = store(reports, record)
    return run_documents(layout.root, reports, tmp_path / "none.toml")


def _gappy(tmp_path: Path) -> RunDocuments:
    record = make_record("2024-06", "20261201T000000Z-bbbb", hostile=False)
    return _documents(tmp_path, _with_gaps(record, REFLOW_GAP))


ONETRUST = {
    "frame_path": [],
    "selector": "iframe#onetrust",
    "url": "https://cdn.example/ot",
    "reason": "it timed out",
}
"""A frame axe-core could not scan, as a page state records it."""


def _frame_finding(where: StateContext) -> Finding:
    """How runs before the coverage field recorded an unscannable frame: as a WCAG finding."""
    return Finding.seen(
        where,
        source="harness:frame-not-scanned",
        kind="wcag",
        rule="frame-not-scanned",
        criteria=(),
        level=None,
        impact="serious",
        description="A frame could not be scanned, so its content is not covered: it timed out",
        help_url="",
        identity="iframe#onetrust",
        elements=(Element((), "iframe#onetrust", "<iframe id=onetrust>", "", None),),
    )


def test_a_check_not_completed_is_a_gap_with_the_criteria_it_decides(tmp_path):
    docs = _gappy(tmp_path)
    cov = coverage(docs.record)
    [gap] = cov.gaps
    assert (gap.kind, gap.what, gap.phase, gap.criteria) == (
        "check",
        "reflow",
        "settle at 320 px",
        ("1.4.10",),
    )
    assert gap.key == ("list/student", "student", "en")
    assert len(cov.untested_states("1.4.10")) == 1


def test_every_check_of_the_registry_is_mapped_to_its_rules():
    assert {c.name: c.rules for c in selected(NAMES)} == CHECK_RULES


def test_findings_report_shows_the_gap_under_not_fully_checked_in_en_and_nb(tmp_path):
    docs = _gappy(tmp_path)
    en = render_findings_report(docs.record, "en")
    assert "Not fully checked: 1</li>" in en  # the summary
    section = en[en.index("<h4") :]
    assert section.count("Not fully checked") == 1
    for text in ("check not completed", "reflow", "settle at 320 px", "its budget", "1.4.10"):
        assert text in section
    nb = render_findings_report(docs.record, "nb")
    assert "Ikke fullstendig kontrollert" in nb and "kontroll ikke fullført" in nb


def test_conformance_marks_the_criterion_not_fully_tested_in_html_json_and_csv(tmp_path):
    docs = _gappy(tmp_path)
    conformance = summarise(docs)
    row = next(r for r in conformance.rows if r.criterion.id == "1.4.10")
    assert (row.status, row.not_completed) == ("not-fully-tested", 1)
    html = render_html(docs, conformance, "en")
    assert "not fully tested (check not completed on 1 page state(s))" in html
    assert "ikke fullstendig testet" in render_html(docs, conformance, "nb")
    data = next(c for c in to_json(docs, conformance)["criteria"] if c["id"] == "1.4.10")
    assert (data["status"], data["not_completed_page_states"]) == ("not-fully-tested", 1)
    rows = list(csv.reader(io.StringIO(to_csv(docs, conformance, "en"))))
    assert next(r for r in rows if r[0] == "1.4.10")[3].startswith("not fully tested")


def test_without_gaps_no_criterion_is_not_fully_tested(tmp_path):
    record = make_record("2024-06", "20261201T000000Z-bbbb", hostile=False)
    conformance = summarise(_documents(tmp_path, record))
    assert not [r for r in conformance.rows if r.status == "not-fully-tested"]


def test_a_criterion_another_source_covers_on_that_page_state_is_not_marked(tmp_path):
    # resize-text decides 1.4.4, but axe's meta-viewport rule checks it on the same page state
    gap = {"check": "resize-text", "phase": "text at 200 %", "reason": "failed"}
    record = make_record("2024-06", "20261201T000000Z-bbbb", hostile=False)
    docs = _documents(tmp_path, _with_gaps(record, gap))
    row = next(r for r in summarise(docs).rows if r.criterion.id == "1.4.4")
    assert row.status == "no-deviation"


def test_a_deviation_found_elsewhere_stays_a_deviation(tmp_path):
    gap = {"check": "focus", "phase": "Tab walk", "reason": "its budget of 60 s ran out"}
    record = make_record("2024-06", "20261201T000000Z-bbbb", hostile=False)
    docs = _documents(tmp_path, _with_gaps(record, gap))
    row = next(r for r in summarise(docs).rows if r.criterion.id == "2.4.7")
    assert row.status == "deviation"  # the focus-visible finding of the fixture run


def test_deviation_report_has_a_coverage_note_at_the_top(tmp_path):
    docs = _gappy(tmp_path)
    html = render_deviation_report(docs, "en")
    note = html.index('id="coverage-gaps"')
    assert note < html.index("<main>")
    assert "1 check(s) not completed, 0 page state(s) unhealthy, 0 frame(s) not scanned" in html
    assert "Hull i dekningen" in render_deviation_report(docs, "nb")
    clean = make_record("2024-06", "20261201T000000Z-cccc", hostile=False)
    assert 'id="coverage-gaps"' not in render_deviation_report(
        _documents(tmp_path / "clean", clean), "en"
    )


def test_regression_report_lists_the_coverage_gaps(tmp_path):
    docs = _gappy(tmp_path)
    report = write_regression_report(
        docs.record, docs.layout, docs.layout.root.parents[2], tmp_path / "none.toml"
    )
    assert report is not None
    html = report.html.read_text(encoding="utf-8")
    section = html[html.index('id="coverage-gaps"') :]
    assert "reflow" in section and "settle at 320 px" in section and "1.4.10" in section
    data = json.loads(report.json.read_text(encoding="utf-8"))["coverage_gaps"]
    assert data["counts"]["check"] == {"gaps": 1, "page_states": 1}
    assert data["gaps"][0]["criteria"] == ["1.4.10"]


def test_terminal_has_one_line_per_gap_kind_with_counts(tmp_path):
    docs = _gappy(tmp_path)
    where = StateContext("list/student", "en", "student", "http://leganto.localhost/nui/lists/1")
    sick = PageStateRecord(
        id="search/student",
        role="student",
        locale="en",
        url="http://leganto.localhost/search",
        title="Scheduled maintenance",
        test="t",
        health="unhealthy",
        health_cause="http://leganto.localhost/search shows 'Scheduled maintenance'",
    )
    keyboard = {"check": "keyboard", "phase": "Tab walk", "reason": "failed"}
    record = _with_gaps(docs.record, REFLOW_GAP, keyboard)
    states = tuple(
        replace(s, frames_not_scanned=[ONETRUST])
        if (s.id, s.locale) == (where.page_state, where.locale)
        else s
        for s in record.page_states
    )
    record = replace(record, page_states=(*states, sick))
    lines = describe(RunResult(record, docs.layout, 0, 0))
    gaps = [line for line in lines if line.startswith("NOT FULLY CHECKED")]
    assert gaps == [
        "NOT FULLY CHECKED 2 check(s) not completed on 1 page state: "
        "reflow (settle at 320 px), keyboard (Tab walk)",
        "NOT FULLY CHECKED 1 page state(s) unhealthy, nothing judged there: search/student "
        "(http://leganto.localhost/search shows 'Scheduled maintenance')",
        "NOT FULLY CHECKED 1 frame(s) not scanned by axe-core on 1 page state: iframe#onetrust",
    ]
    assert [g.kind for g in coverage(record).gaps] == ["check", "check", "frame", "unhealthy"]
    clean = make_record("2024-06", "20261201T000000Z-cccc", hostile=False)
    assert terminal_lines(coverage(clean)) == []


def test_a_frame_not_scanned_is_a_gap_of_its_state_and_never_a_wcag_finding(tmp_path):
    docs = _gappy(tmp_path)
    where = StateContext("list/student", "en", "student", "http://leganto.localhost/nui/lists/1")
    states = tuple(
        replace(s, frames_not_scanned=[ONETRUST])
        if (s.id, s.locale) == (where.page_state, where.locale)
        else s
        for s in docs.record.page_states
    )
    record = replace(docs.record, page_states=states)
    again = RunRecord.from_dict(record.to_dict())
    [frame] = coverage(again).of_kind("frame")
    assert (frame.what, frame.key.page_state) == ("iframe#onetrust", "list/student")
    assert "it timed out" in frame.reason and "https://cdn.example/ot" in frame.reason
    assert again.summary()["findings"] == docs.record.summary()["findings"]


def test_a_frame_finding_of_an_older_run_is_still_shown_as_a_gap(tmp_path):
    docs = _gappy(tmp_path)
    where = StateContext("list/student", "en", "student", "http://leganto.localhost/nui/lists/1")
    record = replace(docs.record, findings=(*docs.record.findings, _frame_finding(where)))
    [frame] = coverage(record).of_kind("frame")
    assert frame.what == "iframe#onetrust"
