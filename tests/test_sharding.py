"""--shard K/N and merge: every test in exactly one shard, a role's tests on one shard, and
shard 1/2 + shard 2/2 merged equals the unsharded run (fingerprints, outcomes, page states)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from leganto_qa.model.errors import HarnessError
from leganto_qa.model.findings import StateContext, findings_from_axe
from leganto_qa.model.record_merge import plan_merge, write_merged_run
from leganto_qa.model.records import (
    Outcome,
    PageStateRecord,
    RunRecord,
    load_record,
)
from leganto_qa.model.shard import Shard, assign_units, parse_shard
from leganto_qa.model.storage import write_json_atomic
from tests.conftest import DEMO_PASSWORD, REPO, run_suites, write_config

SUITES = ("workflows", "a11y", "api", "i18n")

# --- the split --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["0/2", "3/2", "x", "1/0", "", "1/2/3", "-1/2"])
def test_a_bad_shard_is_refused_in_one_line(text):
    with pytest.raises(HarnessError) as raised:
        parse_shard(text)
    assert "\n" not in str(raised.value) and "K/N" in str(raised.value)


def test_a_good_shard_reads_and_writes_as_k_over_n():
    assert parse_shard("2/4") == Shard(2, 4) and Shard(2, 4).label == "2/4"


def test_units_are_spread_evenly_and_the_same_every_time():
    weights = {f"uio/role/r{i}": 10 + i for i in range(7)} | {f"uio/page/p{i}": 1 for i in range(9)}
    first = assign_units(weights, 3, salt="uio")
    assert first == assign_units(dict(reversed(weights.items())), 3, salt="uio")
    assert set(first) == set(weights) and set(first.values()) == {1, 2, 3}
    loads = Counter()
    for unit, shard in first.items():
        loads[shard] += weights[unit]
    assert max(loads.values()) - min(loads.values()) <= max(weights.values())


def test_sandboxes_sharded_alike_do_not_all_put_their_heaviest_role_on_shard_1():
    weights = {"student": 60, "instructor": 40}
    heaviest = {assign_units(weights, 2, salt=f"inst{i}")["student"] for i in range(20)}
    assert heaviest == {1, 2}


def _collected(config: Path, *args: str, suites: tuple[str, ...] = SUITES) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "pytest",
        *(str(REPO / "suites" / s) for s in suites),
        "--leganto-sandbox",
        "demo",
        "--leganto-config",
        str(config),
        "--rootdir",
        str(REPO),
        "-p",
        "no:cacheprovider",
        "--collect-only",
        "-q",
        *args,
    ]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return [line for line in result.stdout.splitlines() if "::" in line]


VISITOR_TESTS = ("test_student_finds_list_by_course_code",)
"""Workflows of someone not logged in (the ``visitor`` fixture): no role to keep together."""


def _role(test: str) -> str | None:
    if any(name in test for name in VISITOR_TESTS):
        return None
    if "test_api_complete_citations_match_what_students_see" in test:
        return "student"  # an API test that also opens the list as the student
    for role in ("student", "instructor"):
        if f"/{role}" in test or f"test_{role}_" in test:
            return role
    return None


def test_every_test_is_in_exactly_one_shard_and_a_role_stays_on_one(tmp_path):
    config = write_config(tmp_path)
    everything = _collected(config)
    shards = {k: _collected(config, "--leganto-shard", f"{k}/3") for k in (1, 2, 3)}
    assert sorted(t for tests in shards.values() for t in tests) == sorted(everything)
    assert _collected(config, "--leganto-shard", "2/3") == shards[2]  # deterministic
    for role in ("student", "instructor"):
        holding = {k for k, tests in shards.items() for t in tests if _role(t) == role}
        assert len(holding) == 1, f"{role}'s tests are in shards {holding}"
    heaviest_role = max(Counter(_role(t) for t in everything if _role(t)).values())
    assert max(len(tests) for tests in shards.values()) == heaviest_role  # as even as can be


def test_a_bad_shard_stops_pytest_with_a_usage_error(tmp_path):
    config = write_config(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(REPO / "suites" / "api"),
            "--leganto-sandbox",
            "demo",
            "--leganto-config",
            str(config),
            "--leganto-shard",
            "3/2",
            "-p",
            "no:cacheprovider",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert "shard '3/2' has K outside 1-2" in result.stderr


@pytest.mark.parametrize("value", ["0/2", "3/2", "x"])
def test_run_refuses_a_bad_shard_in_one_line_exit_1(value):
    result = subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", "run", "--shard", value],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "--shard" in result.stderr


# --- merge refusals (records written here, no browser) ----------------------------------------


def _shard_record(
    reports: Path,
    run_id: str,
    shard: str | None,
    *,
    sandbox: str = "demo",
    release: str = "2024-06",
    tests: tuple[str, ...] = (),
    status: str = "complete",
) -> Path:
    state = f"list/{run_id}"
    where = StateContext(state, "en", "student", "http://x")
    violation = {
        "id": "color-contrast",
        "impact": "serious",
        "tags": ["wcag2aa", "wcag143"],
        "nodes": [{"target": [".x"], "html": "<div>", "failureSummary": ""}],
    }
    meta = {"id": sandbox, "release": release, "locales": ["en"]}
    if shard:
        meta["shard"] = shard
    record = RunRecord(
        run_id=run_id,
        status=status,  # type: ignore[arg-type]
        sandbox=meta,
        versions={"harness": "0.1.0", "browser": "Chromium 1"},
        command=["pytest"],
        started_at=f"2026-11-28T12:0{len(tests)}:00Z",
        finished_at="2026-11-28T12:10:00Z",
        outcomes=tuple(Outcome(t, "a11y", "passed", 1.0) for t in tests),
        page_states=(
            PageStateRecord(state, "student", "en", "http://x", "t", tests[0], axe_raw=None),
        )
        if tests
        else (),
        findings=tuple(findings_from_axe([violation], where)),
    )
    root = reports / "runs" / sandbox / run_id
    write_json_atomic(root / "record.json", record.to_dict())
    (root / "states" / "student" / "en" / run_id).mkdir(parents=True)
    (root / "states" / "student" / "en" / run_id / "axe.json").write_text("{}")
    (root / "report.html").write_text("<html></html>")
    return root


@pytest.mark.parametrize(
    ("second", "message"),
    [
        ({"sandbox": "uio"}, "differ in sandbox id (demo vs uio)"),
        ({"release": "2024-05"}, "differ in sandbox release (2024-06 vs 2024-05)"),
        ({"shard": "1/2"}, "shard 1/2 given twice"),
        ({"shard": "2/3"}, "split the work differently"),
        ({"shard": None}, "is not a shard"),
        ({"tests": ("t1",)}, "test t1 is in shards 1/2 and 2/2"),
    ],
)
def test_merge_refuses_shards_that_do_not_belong_together(tmp_path, second, message):
    first = _shard_record(tmp_path, "2099a", "1/2", tests=("t1",))
    other = _shard_record(tmp_path, "2099b", **{"shard": "2/2", "tests": ("t2",), **second})
    with pytest.raises(HarnessError) as raised:
        plan_merge([first, other])
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_merge_refuses_a_missing_shard_unless_partial_is_allowed(tmp_path):
    first = _shard_record(tmp_path, "2099a", "1/3", tests=("t1",))
    third = _shard_record(tmp_path, "2099c", "3/3", tests=("t3",))
    with pytest.raises(HarnessError, match=r"shard\(s\) 2/3 missing; .* --allow-partial"):
        plan_merge([first, third])
    layout, record = write_merged_run(
        plan_merge([first, third], allow_partial=True), tmp_path, ["merge"]
    )
    assert record.status == "interrupted" and record.sandbox["shards_missing"] == ["2/3"]
    assert load_record(layout.root).status == "interrupted"


def test_an_interrupted_shard_merges_into_an_interrupted_run(tmp_path):
    first = _shard_record(tmp_path, "2099a", "1/2", tests=("t1",))
    second = _shard_record(tmp_path, "2099b", "2/2", tests=("t2",), status="interrupted")
    layout, record = write_merged_run(plan_merge([second, first]), tmp_path, ["merge"])
    assert record.status == "interrupted"
    assert [o.test for o in record.outcomes] == ["t1", "t2"]
    assert record.sandbox["shards"] == ["1/2", "2/2"] and "shard" not in record.sandbox
    for run_id in ("2099a", "2099b"):  # artifacts at their relative paths, reports kept aside
        assert (layout.root / "states" / "student" / "en" / run_id / "axe.json").is_file()
    assert (layout.root / "shards" / "2" / "report.html").is_file()


def test_a_refused_merge_leaves_nothing_behind(tmp_path):
    first = _shard_record(tmp_path, "2099a", "1/2", tests=("t1",))
    second = _shard_record(tmp_path, "2099b", "2/2", tests=("t2",))
    (second / "states" / "student" / "en" / "2099a").mkdir(parents=True)
    (second / "states" / "student" / "en" / "2099a" / "axe.json").write_text('{"other": 1}')
    before = sorted(p.name for p in (tmp_path / "runs" / "demo").iterdir())
    with pytest.raises(HarnessError, match="differs between shards"):
        write_merged_run(plan_merge([first, second]), tmp_path, ["merge"])
    assert sorted(p.name for p in (tmp_path / "runs" / "demo").iterdir()) == before


# --- shards of a real run, merged, equal the unsharded run -------------------------------------

NARROW = ("--leganto-release", "2024-06", "--leganto-locale", "en", "--leganto-axe-only")


def _essence(record: dict) -> tuple:
    return (
        sorted(f["fingerprint"] for f in record["findings"]),
        {o["test"]: o["outcome"] for o in record["outcomes"]},
        sorted((p["id"], p["role"], p["locale"]) for p in record["page_states"]),
    )


@pytest.mark.browser
def test_two_shards_merged_equal_the_unsharded_run(tmp_path):
    config = write_config(tmp_path)
    env = {"LEGANTO_QA_DEMO_PASSWORD": DEMO_PASSWORD}
    suites = ("workflows", "a11y")
    runs = {
        name: run_suites(config, name, *NARROW, *extra, suites=suites, env=env)
        for name, extra in (
            ("whole", ()),
            ("shard1", ("--leganto-shard", "1/2")),
            ("shard2", ("--leganto-shard", "2/2")),
        )
    }
    runs_dir = tmp_path / "reports" / "runs" / "demo"
    for name, result in runs.items():
        assert (runs_dir / name / "record.json").exists(), result.stdout[-3000:]
    shard_records = [json.loads((runs_dir / n / "record.json").read_text()) for n in runs]
    assert [r["sandbox"].get("shard") for r in shard_records] == [None, "1/2", "2/2"]
    assert all(r["outcomes"] for r in shard_records)  # each shard did part of the work
    accepted = _cli("baseline", "accept", "demo", "--run", "whole", "--config", str(config))
    assert accepted.returncode == 0, accepted.stderr
    merged = _cli(
        "merge", str(runs_dir / "shard2"), str(runs_dir / "shard1"), "--config", str(config)
    )
    # Compared with the unsharded run as baseline: nothing new, nothing resolved, exit 0.
    assert merged.returncode == 0, merged.stdout[-2000:] + merged.stderr[-2000:]
    assert "Merged shards 1/2, 2/2 of sandbox demo" in merged.stdout
    new = [p for p in runs_dir.iterdir() if p.name not in runs]
    assert len(new) == 1
    record = json.loads((new[0] / "record.json").read_text())
    whole = json.loads((runs_dir / "whole" / "record.json").read_text())
    assert _essence(record) == _essence(whole)
    assert record["status"] == "complete" and record["sandbox"]["shards"] == ["1/2", "2/2"]
    regression = json.loads((new[0] / "regression.json").read_text())
    assert regression["baseline_run_id"] == "whole"
    for nothing in ("new_findings", "resolved_findings", "new_tests", "removed_tests", "fixed"):
        assert regression[nothing] == [], nothing
    for state in record["page_states"]:  # the evidence the record names is there
        assert state["axe_raw"] and (new[0] / state["axe_raw"]).is_file()
    out = tmp_path / "evidence"
    built = _cli("evidence", "build", str(new[0]), "--out", str(out), "--config", str(config))
    assert built.returncode == 0, built.stderr
    (package,) = out.glob("*.zip")
    assert _cli("evidence", "verify", str(package)).returncode == 0


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_shard_left_without_tests_exits_0_and_still_writes_its_record(tmp_path):
    config = write_config(tmp_path)
    shards = {
        k: _collected(config, "--leganto-shard", f"{k}/5", suites=("api",)) for k in range(1, 6)
    }
    empty = next(k for k, tests in shards.items() if not tests)  # fewer units than shards
    result = run_suites(config, "empty", "--leganto-shard", f"{empty}/5", suites=("api",))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    record = load_record(tmp_path / "reports" / "runs" / "demo" / "empty")
    assert record.outcomes == () and record.sandbox["shard"] == f"{empty}/5"
    assert record.status == "complete"
