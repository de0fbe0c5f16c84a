"""Benchmark: comparing a run record of 1,000 findings with a baseline of 1,000 findings.

Run from the repository root:  python3 benchmarks/bench_compare.py
Half of the findings persist, a quarter are new, a quarter resolved; the record also round-trips
through JSON as the CLI does. Prints the best of 5 timings.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from leganto_qa.compare.baseline import baseline_from_record
from leganto_qa.compare.comparison import compare
from leganto_qa.model.findings import StateContext, findings_from_axe
from leganto_qa.model.records import PageStateRecord, RunRecord

STATES = [f"list/student/state-{n}" for n in range(50)]


def _record(release: str, offset: int) -> RunRecord:
    findings = []
    for n in range(offset, offset + 1000):
        state = STATES[n % len(STATES)]
        violation = {
            "id": f"rule-{n % 40}",
            "impact": "serious",
            "tags": ["wcag2aa", "wcag143"],
            "nodes": [{"target": [f"#el-{n}"], "html": f"<p id=el-{n}>", "failureSummary": "x"}],
        }
        findings += findings_from_axe([violation], StateContext(state, "en", "student", "u"))
    states = tuple(
        PageStateRecord(id=s, role="student", locale="en", url="u", title="t", test="t")
        for s in STATES
    )
    return RunRecord(
        run_id=release,
        status="complete",
        sandbox={"id": "demo", "release": release},
        versions={},
        command=[],
        started_at="",
        finished_at="",
        page_states=states,
        findings=tuple(findings),
    )


def main() -> None:
    baseline = baseline_from_record(_record("2024-05", 0))
    record = RunRecord.from_dict(json.loads(json.dumps(_record("2024-06", 500).to_dict())))
    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = compare(record, baseline)
        times.append(time.perf_counter() - start)
    print(f"findings: run {len(record.findings)}, baseline {len(baseline.findings)}")
    print(
        f"new {len(result.new)}, persisting {len(result.persisting)}, "
        f"resolved {len(result.resolved)}"
    )
    print(f"compare: best {min(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
