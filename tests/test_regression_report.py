"""The regression report: verdict first, escaped page content, bokmål, JSON twin."""

from __future__ import annotations

import json

from leganto_qa.compare.baseline import accept
from leganto_qa.model.findings import StateContext, findings_from_axe
from leganto_qa.model.records import Outcome, PageStateRecord, RunLayout, RunRecord
from leganto_qa.model.storage import write_json_atomic
from leganto_qa.reports.regression_report import write_regression_report

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def _record(release, run_id, rules, outcome="passed"):
    findings = []
    for rule in rules:
        violation = {
            "id": rule,
            "impact": "critical",
            "tags": ["wcag2a", "wcag412"],
            "nodes": [{"target": ["#x"], "html": HOSTILE, "failureSummary": HOSTILE}],
        }
        findings += findings_from_axe(
            [violation], StateContext("list/student", "en", "student", "u")
        )
    state = PageStateRecord(
        id="list/student", role="student", locale="en", url="u", title=HOSTILE, test="t"
    )
    return RunRecord(
        run_id=run_id,
        status="complete",
        sandbox={"id": "demo", "release": release},
        versions={},
        command=[],
        started_at="",
        finished_at="",
        outcomes=(
            Outcome("suites/workflows/t.py::test_print", "workflows", outcome, 1.0, HOSTILE),
        ),
        page_states=(state,),
        findings=tuple(findings),
    )


def _store(reports, record):
    layout = RunLayout.for_run(reports, "demo", record.run_id)
    write_json_atomic(layout.record_path, record.to_dict())
    return layout


def test_report_gives_the_verdict_first_and_escapes_page_content(tmp_path):
    _store(tmp_path, _record("2024-05", "20261101T000000Z-aaaa", ["color-contrast"]))
    accept(tmp_path, "demo")
    record = _record(
        "2024-06", "20261201T000000Z-bbbb", ["color-contrast", "button-name"], outcome="failed"
    )
    layout = _store(tmp_path, record)
    report = write_regression_report(record, layout, tmp_path, tmp_path / "known-issues.toml")
    html = report.html.read_text()
    assert html.index("Not OK") < html.index("Regressions")
    assert "<script>alert(2)" not in html and "&lt;script&gt;alert(2)" in html
    assert 'onerror="alert(1)"' not in html
    data = json.loads(report.json.read_text())
    assert data["verdict"] == "not-ok"
    assert [f["rule"] for f in data["new_findings"]] == ["button-name"]
    assert data["regressions"][0]["test"].endswith("test_print")


def test_report_in_bokmal_and_ok_when_nothing_changed(tmp_path):
    _store(tmp_path, _record("2024-05", "20261101T000000Z-aaaa", ["color-contrast"]))
    accept(tmp_path, "demo")
    record = _record("2024-05", "20261102T000000Z-cccc", ["color-contrast"])
    layout = _store(tmp_path, record)
    report = write_regression_report(record, layout, tmp_path, tmp_path / "none.toml", lang="nb")
    html = report.html.read_text()
    assert '<html lang="nb">' in html and "OK: ingenting nytt" in html
    assert json.loads(report.json.read_text())["verdict"] == "ok"


def test_no_baseline_means_no_regression_report(tmp_path):
    record = _record("2024-05", "20261101T000000Z-aaaa", [])
    layout = _store(tmp_path, record)
    assert write_regression_report(record, layout, tmp_path, tmp_path / "k.toml") is None
    assert not (layout.root / "regression.html").exists()
