"""The run index and the trend of 12 monthly releases, from generated records (no browser).

The browser half (axe, keyboard, charts' text alternatives) is tests/test_history_browser.py.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from leganto_qa.cli.main import main
from leganto_qa.compare.known_issues import load_known_issues
from leganto_qa.model.records import RunLayout
from leganto_qa.model.storage import write_json_atomic
from leganto_qa.reports.run_history import read_head, scan_runs
from leganto_qa.reports.run_index import write_index
from leganto_qa.reports.trend_data import build_trend, to_csv
from leganto_qa.reports.trend_report import write_trend
from tests.conftest import write_config
from tests.history_records import KNOWN_ISSUES, RELEASES, record_for, write_releases


def _documents(layout: RunLayout, verdict: str) -> None:
    """What `leganto-qa run` and `report` leave beside a record."""
    for name in ("findings.html", "report.html", "deviations.html", "deviations.nb.html"):
        (layout.root / name).write_text("<!DOCTYPE html><title>x</title>")
    write_json_atomic(
        layout.root / "regression.json",
        {
            "schema": "leganto-qa/regression",
            "verdict": verdict,
            "headline": f"{verdict} headline",
            "regressions": [{"test": "x" * 10_000}],
        },
    )
    (layout.root / "cases").mkdir()
    (layout.root / "cases" / "wcag-button-name.md").write_text("# case")


@pytest.fixture
def reports(tmp_path):
    reports = tmp_path / "reports"
    uio = write_releases(reports, "uio")
    write_releases(reports, "hvl", months=3)
    for layout in uio[-2:]:
        _documents(layout, "ok" if layout is uio[-1] else "not-ok")
    evidence = reports / "evidence"
    evidence.mkdir()
    (evidence / f"evidence-uio-{uio[-1].root.name}.zip").write_bytes(b"PK")
    (evidence / f"evidence-uio-{uio[-1].root.name}-wcag-button-name.zip").write_bytes(b"PK")
    cut = reports / "runs" / "uio" / "20250101T000000Z-dead"
    cut.mkdir()
    (cut / "record.json").write_text('{\n  "schema": "leganto-qa/run-record",\n  "run_')
    going = reports / "runs" / "hvl" / "20250102T000000Z-beef"
    (going / "parts").mkdir(parents=True)
    (reports / "consortium" / "20241215T090000Z-aaaa").mkdir(parents=True)
    (reports / "consortium" / "20241215T090000Z-aaaa" / "overview.html").write_text("x")
    (reports / "consortium" / "20241215T090000Z-aaaa" / "overview.json").write_text("{}")
    return reports


def test_the_head_of_a_record_is_read_without_the_rest(tmp_path):
    layout = write_releases(tmp_path, "uio", months=1)[0]
    text = layout.record_path.read_text()
    cut = text.index('\n  "outcomes":')
    layout.record_path.write_text(text[:cut] + ',\n  "outcomes": [ this is never read')
    head = read_head(layout.record_path, "outcomes")
    assert head["run_id"] == record_for(1).run_id
    assert head["summary"]["findings"]["wcag"] == 10


def test_index_lists_every_run_with_its_documents_and_the_unreadable_ones(reports):
    sandboxes = {s.sandbox: s for s in scan_runs(reports)}
    assert sorted(sandboxes) == ["hvl", "uio"]
    uio, hvl = sandboxes["uio"], sandboxes["hvl"]
    assert len(uio.runs) == 13 and len(hvl.runs) == 4
    assert uio.latest is not None and uio.latest.release == "2024-12"
    assert (uio.latest.verdict, uio.latest.headline) == ("ok", "ok headline")
    assert hvl.latest is not None and hvl.latest.verdict == "not-ok"  # its own failed a11y test
    assert not hvl.latest.against_baseline
    broken = {r.run_id: r.error for r in (*uio.runs, *hvl.runs) if not r.readable}
    assert "not valid JSON" in broken["20250101T000000Z-dead"]
    assert "still going" in broken["20250102T000000Z-beef"]
    names = [d.href.rsplit("/", 1)[-1] for d in uio.latest.documents]
    assert names[:2] == ["regression.json", "findings.html"]
    assert {"deviations.nb.html", "report.html", "record.json", "wcag-button-name.md"} <= set(names)
    assert sum(d.kind == "evidence" for d in uio.latest.documents) == 2


def test_index_pages_link_every_document_relative_to_the_reports_folder(reports):
    en, nb = write_index(reports)
    assert (en.name, nb.name) == ("index.html", "index.nb.html")
    html = en.read_text()
    assert '<html lang="en">' in html and '<html lang="nb">' in nb.read_text()
    hrefs = set(re.findall(r'href="([^"#]+)"', html)) - {"index.nb.html"}
    files = {p.relative_to(reports).as_posix() for p in reports.rglob("*") if p.is_file()}
    files -= {"index.html", "index.nb.html"}
    assert hrefs == files  # every file of every run, nothing that is not there
    assert "Unreadable</span>: record.json is not valid JSON" in html
    assert "Consortium overview (HTML)" in html
    assert "Kjøringer av uio" in nb.read_text()


def test_a_hostile_sandbox_folder_name_or_release_is_escaped(tmp_path):
    reports = tmp_path / "reports"
    record = record_for(1, "uio")
    data = record.to_dict()
    data["sandbox"]["release"] = "<script>alert(1)</script>"
    write_json_atomic(RunLayout.for_run(reports, "uio", record.run_id).record_path, data)
    html = write_index(reports)[0].read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_trend_follows_the_twelve_releases(tmp_path):
    reports = tmp_path / "reports"
    write_releases(reports, "uio")
    known_path = tmp_path / "known-issues.toml"
    known_path.write_text(KNOWN_ISSUES)
    trend = build_trend(reports, "uio", load_known_issues(known_path))
    points = trend.points
    assert [p.release for p in points] == list(RELEASES)
    assert [p.by_criterion.get("1.4.3", 0) for p in points] == [6] * 4 + [4] * 5 + [2] * 3
    assert [p.by_impact["critical"] for p in points] == [2] * 4 + [0] + [2] * 3 + [0] * 4
    assert points[0].changes is None
    assert [p.changes.regressions for p in points[1:]] == [0] * 5 + [1] + [0] * 5  # 2024-07
    assert [p.changes.new_problems for p in points[1:]].index(1) == 4  # button-name in 06
    assert points[8].changes.resolved == 1  # and gone in 09
    assert [(p.known_open, p.known_closed) for p in (points[0], points[5])] == [
        (("KI-1", "KI-2"), ()),
        (("KI-1",), ("KI-2",)),
    ]
    assert [p.coverage["nb"] for p in (points[0], points[-1])] == [50.0, 100.0]
    assert trend.last_seen == {"KI-1": points[-1].label, "KI-2": points[3].label}


def test_trend_orders_by_release_then_date_and_leaves_out_interrupted_runs(tmp_path):
    reports = tmp_path / "reports"
    write_releases(reports, "uio", months=3)
    rerun = record_for(2).to_dict() | {
        "run_id": "20250301T000000Z-0aaa",
        "started_at": "2025-03-01T00:00:00Z",
    }
    write_json_atomic(reports / "runs" / "uio" / rerun["run_id"] / "record.json", rerun)
    stopped = record_for(3).to_dict() | {"run_id": "20250302T000000Z-0bbb", "status": "interrupted"}
    write_json_atomic(reports / "runs" / "uio" / stopped["run_id"] / "record.json", stopped)
    trend = build_trend(reports, "uio", load_known_issues(tmp_path / "none.toml"))
    assert [(p.release, p.date) for p in trend.points] == [
        ("2024-01", "2024-01-15"),
        ("2024-02", "2024-02-15"),
        ("2024-02", "2025-03-01"),
        ("2024-03", "2024-03-15"),
    ]
    assert trend.skipped == ("20250302T000000Z-0bbb (interrupted)",)


def test_trend_csv_has_one_row_per_run_and_a_column_per_figure(tmp_path):
    reports = tmp_path / "reports"
    write_releases(reports, "uio")
    rows = list(
        csv.DictReader(
            io.StringIO(
                to_csv(build_trend(reports, "uio", load_known_issues(tmp_path / "none.toml")))
            )
        )
    )
    assert len(rows) == 12
    assert rows[0]["regressions"] == "" and rows[6]["regressions"] == "1"
    assert rows[-1]["coverage_nb"] == "100.0" and rows[-1]["coverage_nn"] == "50.0"
    hostile = record_for(1).to_dict()
    hostile["sandbox"]["release"] = "=HYPERLINK(1)"
    write_json_atomic(RunLayout.for_run(reports, "uio", "hostile").record_path, hostile)
    text = to_csv(build_trend(reports, "uio", load_known_issues(tmp_path / "none.toml")))
    assert "\nuio,'=HYPERLINK(1),2024-01-15," in text  # text, not a formula
    assert [rows[0][f"wcag_{c}"] for c in ("1.1.1", "1.4.3", "2.4.7", "4.1.2")] == [
        "2",
        "6",
        "2",
        "0",
    ]


def test_trend_pages_draw_every_chart_with_text_and_a_table(tmp_path):
    reports = tmp_path / "reports"
    write_releases(reports, "uio")
    (tmp_path / "known-issues.toml").write_text(KNOWN_ISSUES)
    html_en, html_nb, csv_path = write_trend(
        reports, "uio", load_known_issues(tmp_path / "known-issues.toml")
    )
    assert html_en == reports / "trends" / "uio" / "trend.html"
    assert (html_nb.name, csv_path.name) == ("trend.nb.html", "trend.csv")
    html = html_en.read_text()
    assert html.count('<svg role="img"') == 5 == html.count('-data">')
    assert "<script" not in html
    assert "serious from 8 to 4" in html  # the text alternative names the change
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # charts on one page share no id
    assert "alvorlig fra 8 til 4" in html_nb.read_text()


def test_index_and_trend_commands(tmp_path):
    config = write_config(tmp_path)
    (tmp_path / "known-issues.toml").write_text(KNOWN_ISSUES)
    write_releases(tmp_path / "reports", "uio")
    result = CliRunner().invoke(main, ["trend", "uio", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "trend.nb.html, trend.csv" in result.output
    index = tmp_path / "reports" / "index.html"
    assert 'href="trends/uio/trend.html"' in index.read_text()
    result = CliRunner().invoke(main, ["trend", "nowhere", "--config", str(config)])
    assert result.exit_code == 1
    assert (
        result.output.count("\n") == 1 and "no complete runs of sandbox 'nowhere'" in result.output
    )
    result = CliRunner().invoke(main, ["index", "--config", str(config)])
    assert result.exit_code == 0 and "index.nb.html" in result.output
    run = record_for(1).run_id
    args = ["report", run, "--sandbox", "uio", "--config", str(config)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"Run index: {index}" in result.output
    assert f'href="runs/uio/{run}/findings.html"' in index.read_text()


def test_run_and_the_index_do_not_import_the_charting_library():
    code = (
        "import sys, leganto_qa.cli.main, leganto_qa.cli.run_command, "
        "leganto_qa.reports.run_index, leganto_qa.reports.trend_report; "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_run_rewrites_the_index_with_itself_in_it(tmp_path):
    """The API suite (no browser) on the stand-in: the run's own documents are linked."""
    config = write_config(tmp_path)
    result = CliRunner().invoke(
        main,
        ["run", "--sandbox", "demo", "--suite", "api", "--config", str(config)],
        env={"LEGANTO_QA_DEMO_PASSWORD": "history-test-2718"},
    )
    index = tmp_path / "reports" / "index.html"
    assert f"Run index: {index}" in result.output, result.output
    (run,) = (tmp_path / "reports" / "runs" / "demo").iterdir()
    html = index.read_text()
    assert f'href="runs/demo/{run.name}/record.json"' in html
    assert html.count(f'<tr id="run-demo-{run.name}">') == 1
