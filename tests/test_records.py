"""Run records: parts merge deterministically, writes are atomic, bad files give clear errors."""

from __future__ import annotations

import json

import pytest

from leganto_qa.model.errors import HarnessError
from leganto_qa.model.findings import StateContext, findings_from_axe
from leganto_qa.model.records import (
    SCHEMA_VERSION,
    Outcome,
    PageStateRecord,
    RunLayout,
    assemble,
    load_record,
    write_part,
)
from leganto_qa.model.redaction import Redactor
from leganto_qa.model.storage import write_json_atomic

BASE = {
    "run_id": "20261128T120000Z-abcd",
    "status": "complete",
    "sandbox": {"id": "demo", "release": "2024-06"},
    "versions": {"harness": "0.1.0", "browser": "not launched"},
    "command": ["pytest"],
    "started_at": "2026-11-28T12:00:00Z",
    "finished_at": "2026-11-28T12:01:00Z",
}


def _state_part(layout, worker, state, locale):
    violation = {
        "id": "color-contrast",
        "impact": "serious",
        "tags": ["wcag2aa", "wcag143"],
        "nodes": [{"target": [".section-data-summary"], "html": "<div>", "failureSummary": ""}],
    }
    where = StateContext(state, locale, "student", "http://x")
    record = PageStateRecord(
        id=state,
        role="student",
        locale=locale,
        url="http://x",
        title="t",
        test=f"suites/a11y/test_x.py::test[{state}-{locale}]",
    )
    write_part(
        layout,
        worker,
        "page_state",
        {
            "state": record.to_dict(),
            "findings": [f.to_dict() for f in findings_from_axe([violation], where)],
        },
        Redactor(),
    )


def test_parts_from_workers_merge_in_a_stable_order(tmp_path):
    outcomes = [
        Outcome("b", "a11y", "passed", 1.0),
        Outcome("a", "workflows", "failed", 2.0, "boom"),
    ]
    serial, parallel = RunLayout(tmp_path / "serial"), RunLayout(tmp_path / "parallel")
    for state, locale in [("list/student", "en"), ("list/student", "nb"), ("lists/student", "en")]:
        _state_part(serial, "controller", state, locale)
    _state_part(parallel, "gw1", "lists/student", "en")
    _state_part(parallel, "gw0", "list/student", "nb")
    _state_part(parallel, "gw1", "list/student", "en")
    write_part(parallel, "gw1", "versions", {"versions": {"browser": "Chromium 1"}}, Redactor())
    one = assemble(serial, base=BASE, outcomes=outcomes).to_dict()
    two = assemble(parallel, base=BASE, outcomes=reversed(outcomes)).to_dict()
    assert one["findings"] == two["findings"]
    assert one["page_states"] == two["page_states"]
    assert [o["test"] for o in two["outcomes"]] == ["a", "b"]
    assert two["versions"]["browser"] == "Chromium 1"


def test_test_artifacts_attach_to_their_outcome(tmp_path):
    layout = RunLayout(tmp_path)
    artifacts = {"test": "a", "artifacts": ["tests/a/trace.zip"]}
    write_part(layout, "gw0", "test_artifacts", artifacts, Redactor())
    record = assemble(layout, base=BASE, outcomes=[Outcome("a", "workflows", "failed", 1.0)])
    assert record.outcomes[0].artifacts == ("tests/a/trace.zip",)


def test_record_round_trips_and_validates_schema(tmp_path):
    layout = RunLayout(tmp_path)
    _state_part(layout, "controller", "list/student", "en")
    record = assemble(layout, base=BASE, outcomes=[Outcome("a", "a11y", "failed", 1.0)])
    write_json_atomic(layout.record_path, record.to_dict())
    loaded = load_record(layout.root)
    assert loaded == record
    assert loaded.summary()["findings"] == {"wcag": 1, "best_practice": 0, "translation": 0}


@pytest.mark.parametrize(
    "content, expected",
    [
        ("{", "not valid JSON"),
        (json.dumps({"schema": "other"}), "not a leganto-qa run record"),
        (
            json.dumps({"schema": "leganto-qa/run-record", "schema_version": SCHEMA_VERSION + 1}),
            "schema version",
        ),
    ],
)
def test_unreadable_records_give_one_line_errors(tmp_path, content, expected):
    path = tmp_path / "record.json"
    path.write_text(content)
    with pytest.raises(HarnessError, match=expected) as info:
        load_record(path)
    assert "\n" not in str(info.value)


def test_missing_record_names_the_path(tmp_path):
    with pytest.raises(HarnessError, match="no run record"):
        load_record(tmp_path / "nothing")


def test_artifact_paths_never_collide(tmp_path):
    layout = RunLayout(tmp_path)
    paths = {
        layout.state_dir("list/student", "en", "student"),
        layout.state_dir("list/student", "nb", "student"),
        layout.state_dir("list/student", "en", "instructor"),
        layout.state_dir("list/student/list-menu", "en", "student"),
    }
    assert len(paths) == 4
    long_a = layout.test_dir("suites/workflows/test_student.py::" + "x" * 200 + "a")
    long_b = layout.test_dir("suites/workflows/test_student.py::" + "x" * 200 + "b")
    assert long_a != long_b and len(long_a.name) <= 80


def test_atomic_write_leaves_old_file_when_serialisation_fails(tmp_path):
    path = tmp_path / "record.json"
    write_json_atomic(path, {"ok": 1})
    with pytest.raises(TypeError):
        write_json_atomic(path, {"bad": object()})
    assert json.loads(path.read_text()) == {"ok": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]
