"""Integration entries travel from worker parts to the record, the baseline and the comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

from leganto_qa.compare import integration_changes
from leganto_qa.compare.baseline import baseline_from_record, load_baseline
from leganto_qa.compare.comparison import compare
from leganto_qa.compare.integration_change import Entries, IntegrationChange
from leganto_qa.model.records import RunLayout, assemble, load_record, write_part
from leganto_qa.model.redaction import Redactor
from leganto_qa.model.storage import write_json_atomic

BASE = {
    "run_id": "r1",
    "status": "complete",
    "sandbox": {"id": "demo", "release": "2024-05"},
    "versions": {},
    "command": [],
    "started_at": "t0",
    "finished_at": "t1",
}


def _record(tmp_path: Path, name: str, entries: list[dict[str, object]]):
    layout = RunLayout(tmp_path / name)
    half = len(entries) // 2
    write_part(
        layout, "gw0", "integration", {"area": "demo-area", "entries": entries[half:]}, Redactor()
    )
    write_part(
        layout, "gw1", "integration", {"area": "demo-area", "entries": entries[:half]}, Redactor()
    )
    record = assemble(layout, base={**BASE, "run_id": name}, outcomes=())
    write_json_atomic(layout.record_path, record.to_dict())
    return load_record(layout.record_path)


def _diff(before: Entries, after: Entries) -> list[IntegrationChange]:
    was = {str(e["key"]): e["ok"] for e in before}
    return [
        IntegrationChange("demo-area", "broke", str(e["key"]), {"en": f"{e['key']} broke"}, True)
        for e in after
        if was.get(str(e["key"])) and not e["ok"]
    ]


@pytest.fixture
def demo_area(monkeypatch):
    monkeypatch.setitem(integration_changes.DIFFERS, "demo-area", _diff)


def test_entries_from_two_workers_are_one_ordered_area(tmp_path):
    record = _record(tmp_path, "run", [{"key": k, "ok": True} for k in "dcba"])
    assert [e["key"] for e in record.integrations["demo-area"]] == ["a", "b", "c", "d"]


def test_a_break_since_the_baseline_makes_the_verdict_not_ok(tmp_path, demo_area):
    before = _record(tmp_path, "before", [{"key": "a", "ok": True}, {"key": "b", "ok": True}])
    after = _record(tmp_path, "after", [{"key": "a", "ok": True}, {"key": "b", "ok": False}])
    path = tmp_path / "baseline.json"
    path.write_text(baseline_from_record(before).to_text())
    baseline = load_baseline(path)
    assert baseline is not None and baseline.integrations == before.integrations
    result = compare(after, baseline)
    assert [c.sentence() for c in result.integration_changes] == ["b broke"]
    assert result.verdict == "not-ok"
    assert "1 integration break(s), 0 fixed" in result.headline()


def test_an_area_the_baseline_lacks_is_not_compared(tmp_path, demo_area):
    before = _record(tmp_path, "before", [])
    after = _record(tmp_path, "after", [{"key": "b", "ok": False}])
    path = tmp_path / "baseline.json"
    path.write_text(baseline_from_record(before).to_text())
    baseline = load_baseline(path)
    assert baseline is not None
    assert compare(after, baseline).integration_changes == ()
