"""Runs never merge: run folders are made exclusively, and baseline accepts never interleave."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from leganto_qa.compare.baseline import accept, baseline_path, load_baseline
from leganto_qa.model.errors import HarnessError
from leganto_qa.model.run_folders import (
    RESERVED,
    create_run_folder,
    open_run_folder,
    reserve_run_folder,
)
from tests.a11y_records import make_record, store
from tests.conftest import write_config

REPO = Path(__file__).resolve().parents[1]
SAME = "20261130T120000Z-0000"


def _at_once(count: int, action):
    """Run ``action()`` in ``count`` threads released together; their results."""
    barrier = threading.Barrier(count)

    def run():
        barrier.wait()
        return action()

    with ThreadPoolExecutor(count) as pool:
        return [f.result() for f in [pool.submit(run) for _ in range(count)]]


def test_concurrent_creations_with_one_id_get_distinct_new_folders(tmp_path):
    layouts = _at_once(8, lambda: create_run_folder(tmp_path, "demo", SAME))
    roots = {layout.root for layout in layouts}
    assert len(roots) == 8
    assert tmp_path / "runs" / "demo" / SAME in roots
    assert all(root.is_dir() and not any(root.iterdir()) for root in roots)


def test_a_clashing_generated_id_is_replaced_and_the_retries_are_bounded(tmp_path):
    ids = iter([SAME, SAME, "20261130T120000Z-0001"])
    first = create_run_folder(tmp_path, "demo", make_id=lambda: SAME)
    second = create_run_folder(tmp_path, "demo", make_id=lambda: next(ids))
    assert (first.root.name, second.root.name) == (SAME, "20261130T120000Z-0001")
    with pytest.raises(HarnessError, match="no free run id after 3 tries") as refused:
        create_run_folder(tmp_path, "demo", make_id=lambda: SAME, attempts=3)
    assert "\n" not in str(refused.value)


def test_leganto_qa_run_reserves_a_folder_its_pytest_claims_once(tmp_path):
    reserved = reserve_run_folder(tmp_path, "demo")
    assert (reserved.root / RESERVED).exists()
    claimed = open_run_folder(tmp_path, "demo", reserved.root.name)
    assert claimed.root == reserved.root and not (claimed.root / RESERVED).exists()
    with pytest.raises(HarnessError, match="already exists; runs never share a folder"):
        open_run_folder(tmp_path, "demo", reserved.root.name)


def test_two_pytests_claiming_one_reserved_folder_one_wins(tmp_path):
    reserved = reserve_run_folder(tmp_path, "demo")

    def claim():
        try:
            return open_run_folder(tmp_path, "demo", reserved.root.name)
        except HarnessError as exc:
            return exc

    results = _at_once(4, claim)
    assert sum(not isinstance(r, HarnessError) for r in results) == 1


def test_a_named_run_id_of_an_existing_run_is_refused_and_its_record_kept(tmp_path):
    old = store(tmp_path, make_record("2024-05", SAME))
    before = old.record_path.read_bytes()
    with pytest.raises(HarnessError, match="pass a new --run-id, or none for a fresh one"):
        open_run_folder(tmp_path, "demo", SAME)
    assert old.record_path.read_bytes() == before
    fresh = open_run_folder(tmp_path, "demo", None)
    assert fresh.root != old.root and fresh.root.is_dir()


def test_pytest_with_the_run_id_of_an_existing_run_stops_before_touching_it(tmp_path):
    config = write_config(tmp_path)
    old = store(config.parent / "reports", make_record("2024-05", SAME))
    before = {p: p.read_bytes() for p in old.root.rglob("*") if p.is_file()}
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", str(REPO / "suites" / "api"),
            "--leganto-sandbox", "demo", "--leganto-config", str(config),
            "--leganto-run-id", SAME, "-p", "no:cacheprovider", "-q",
        ],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode != 0
    assert "already exists; runs never share a folder" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in old.root.rglob("*") if p.is_file()} == before


# --- baseline accept: one at a time per sandbox ------------------------------------------------


def _run_id(index: int) -> str:
    return f"202611{index + 1:02d}T000000Z-{index:04x}"


def _runs(reports: Path, count: int) -> list[Path]:
    """``count`` complete runs of releases 2024-05, 2024-06, …"""
    return [store(reports, make_record(f"2024-{5 + i:02d}", _run_id(i))).root for i in range(count)]


def test_concurrent_accepts_take_turns_and_no_baseline_is_lost(tmp_path):
    first, *others = _runs(tmp_path, 5)
    accept(tmp_path, "demo", first)
    runs = iter(others)
    lock = threading.Lock()

    def next_accept():
        with lock:
            run = next(runs)
        return accept(tmp_path, "demo", run, wait_s=60)

    accepted = _at_once(len(others), next_accept)
    path = baseline_path(tmp_path, "demo")
    final = load_baseline(path)
    assert final is not None and final.run_id in {b.run_id for _, b in accepted}
    history = {json.loads(p.read_text())["run_id"] for p in (path.parent / "history").iterdir()}
    assert history | {final.run_id} == {_run_id(i) for i in range(5)}  # each saw the one before
    assert len(history) == 4


HOLDER = """
import sys
from pathlib import Path
from leganto_qa.model.file_lock import exclusive_lock
with exclusive_lock(Path(sys.argv[1]), "test", 0):
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def held_lock(tmp_path):
    """Another process holding the demo sandbox's baseline lock (killed at the end)."""
    lock = baseline_path(tmp_path / "reports", "demo").with_name(".demo.lock")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    yield holder
    holder.kill()
    holder.wait(timeout=30)


def test_an_accept_while_another_holds_the_lock_fails_in_one_line_and_writes_nothing(
    tmp_path, held_lock
):
    reports = tmp_path / "reports"
    _, second = _runs(reports, 2)
    path = baseline_path(reports, "demo")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("previous baseline, byte for byte\n")
    with pytest.raises(HarnessError) as refused:
        accept(reports, "demo", second, wait_s=0.2)
    message = str(refused.value)
    assert "\n" not in message and f"pid {held_lock.pid} on " in message
    assert message.startswith("the baseline of sandbox 'demo' is being changed by another")
    assert path.read_text() == "previous baseline, byte for byte\n"
    assert not (path.parent / "history").exists()
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_the_cli_accept_while_locked_is_one_line_exit_1(tmp_path, held_lock):
    config = write_config(tmp_path)
    _runs(tmp_path / "reports", 1)
    command = ["baseline", "accept", "demo", "--config", str(config)]
    result = subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", *command],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "is being changed by another process" in lines[0], lines
    assert not baseline_path(tmp_path / "reports", "demo").exists()


def test_a_lock_left_by_a_killed_accept_is_no_lock(tmp_path, held_lock):
    reports = tmp_path / "reports"
    (run,) = _runs(reports, 1)
    os.kill(held_lock.pid, signal.SIGKILL)
    held_lock.wait(timeout=30)
    lock = baseline_path(reports, "demo").with_name(".demo.lock")
    assert lock.exists()  # the file stays; the kernel released the flock with the process
    path, baseline = accept(reports, "demo", run, wait_s=0)
    assert baseline.run_id == _run_id(0) and load_baseline(path) is not None
