"""Figures of bench_pages.py: timing a process, reading verdicts, ratios and the table.

Kept apart from the runners so tests/test_bench_pages.py checks the arithmetic on given figures.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SANDBOX = "bench"

# Runner keys, in the order they run and are printed; the label says what each one is.
RUNNERS = {
    "floor": "raw floor: one page reused; navigate, inject axe, axe.run",
    "axe-only": "leganto-qa run --suite scan --axe-only --checks none, serial",
    "axe-only-n2": "the same with -n 2",
    "pa11y": "pa11y-ci, axe runner, concurrency 1",
    "all-checks": "leganto-qa run --suite scan, all browser checks, serial",
    "raw-1": "raw one-URL script: launch, navigate, axe, exit",
    "scan-1": "leganto-qa scan --checks none <one URL>",
}
ONE_URL = ("raw-1", "scan-1")
RATIOS = (  # (numerator, denominator, target): the "Done when"
    ("axe-only", "floor", 1.3),
    ("axe-only", "pa11y", 0.25),
    ("all-checks", "pa11y", 0.6),
    ("scan-1", "raw-1", 2.0),
)


class BenchError(Exception):
    """A failure shown as one line: what, why and the fix."""


@dataclass
class Sample:
    """One timed process."""

    seconds: float
    exit_code: int
    tail: str
    peak_rss: int = 0
    peak_pss: int = 0


def _tree_memory(root: int) -> tuple[int, int]:
    """RSS and PSS summed over ``root`` and its descendants (psutil when installed, else /proc).

    The RSS sum counts pages shared between processes (Chromium's) once per process; PSS shares
    them out, so its sum is the memory really in use (bench_axe.py's measure).
    """
    try:
        psutil: Any = importlib.import_module("psutil")
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            proc = psutil.Process(root)
            tree = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            return 0, 0
        pairs = [_psutil_memory(p) for p in tree]
    else:
        pairs = [_proc_memory(pid) for pid in _proc_tree(root)]
    return sum(r for r, _ in pairs), sum(p for _, p in pairs)


def _psutil_memory(proc: Any) -> tuple[int, int]:
    try:
        info = proc.memory_full_info()
    except Exception:  # the process ended between listing and reading
        return 0, 0
    return int(info.rss), int(getattr(info, "pss", info.rss))


def _proc_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def _proc_memory(pid: int) -> tuple[int, int]:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0, 0
    kib = {k: int(v.split()[0]) for k, _, v in (line.partition(":") for line in lines[1:]) if v}
    return kib.get("Rss", 0) * 1024, kib.get("Pss", 0) * 1024


def timed(
    command: Sequence[str],
    cwd: Path,
    memory: bool = False,
    log: Path | None = None,
    timeout: float = 1800,
) -> Sample:
    """Run ``command`` to its end; wall time from start to exit, peak tree RSS when asked; its
    output goes to ``log`` when given."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak, stop = [0, 0], threading.Event()

    def sample() -> None:
        while not stop.wait(0.2):
            rss, pss = _tree_memory(process.pid)
            peak[:] = max(peak[0], rss), max(peak[1], pss)

    sampler = threading.Thread(target=sample, daemon=True)
    if memory:
        sampler.start()
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        raise BenchError(
            f"{command[0]} ran over {timeout:.0f} s; see if the machine is idle"
        ) from None
    finally:
        stop.set()
    seconds = time.perf_counter() - start
    if log is not None:
        log.write_text(output)
    lines = [line for line in output.strip().splitlines() if line.strip()]
    tail = lines[-1].strip() if lines else ""
    return Sample(seconds, process.returncode, tail, peak[0], peak[1])


@dataclass(frozen=True)
class RunVerdict:
    """What a harness run decided: its exit code, each test's outcome, finding fingerprints."""

    exit_code: int
    outcomes: dict[str, str]
    fingerprints: tuple[str, ...]

    def describe(self) -> str:
        """E.g. ``40 tests: 9 passed, 31 failed, 0 inconclusive; 88 findings``."""
        counts = {k: 0 for k in ("passed", "failed", "inconclusive")}
        for outcome in self.outcomes.values():
            counts[outcome] = counts.get(outcome, 0) + 1
        tests = ", ".join(f"{n} {k}" for k, n in counts.items())
        return f"{len(self.outcomes)} tests: {tests}; {len(self.fingerprints)} findings"


def read_verdict(reports_dir: Path, exit_code: int, sandbox: str = SANDBOX) -> RunVerdict:
    """The verdict of the one run of ``sandbox`` recorded under ``reports_dir``."""
    records = sorted((reports_dir / "runs" / sandbox).glob("*/record.json"))
    if len(records) != 1:
        raise BenchError(f"expected one run record under {reports_dir}, found {len(records)}")
    data = json.loads(records[0].read_text())
    if data.get("status") != "complete":
        raise BenchError(f"run record {records[0]} is {data.get('status')!r}, not complete")
    outcomes = {o["test"]: o["outcome"] for o in data["outcomes"]}
    prints = tuple(sorted(f["fingerprint"] for f in data["findings"]))
    return RunVerdict(exit_code, outcomes, prints)


def compare_verdicts(serial: RunVerdict, parallel: RunVerdict) -> list[str]:
    """What differs between the ``-n 1`` and ``-n 2`` verdicts, one line each (none: identical)."""
    problems = []
    if serial.exit_code != parallel.exit_code:
        problems.append(f"exit code {serial.exit_code} at -n 1, {parallel.exit_code} at -n 2")
    for test in sorted(set(serial.outcomes) | set(parallel.outcomes)):
        one, two = serial.outcomes.get(test, "absent"), parallel.outcomes.get(test, "absent")
        if one != two:
            problems.append(f"{test}: {one} at -n 1, {two} at -n 2")
    if serial.fingerprints != parallel.fingerprints:
        only_one = sorted(set(serial.fingerprints) - set(parallel.fingerprints))
        only_two = sorted(set(parallel.fingerprints) - set(serial.fingerprints))
        problems.append(
            f"fingerprints differ: {len(serial.fingerprints)} at -n 1, "
            f"{len(parallel.fingerprints)} at -n 2 (only -n 1: {', '.join(only_one) or '-'}; "
            f"only -n 2: {', '.join(only_two) or '-'})"
        )
    return problems


@dataclass(frozen=True)
class Ratio:
    """One of the issue's targets: numerator / denominator ≤ target."""

    numerator: str
    denominator: str
    target: float
    value: float | None
    """None when a runner was skipped."""

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "skipped"
        return "ok" if self.value <= self.target else "over"

    def line(self) -> str:
        name = f"{self.numerator} / {self.denominator}"
        value = "  -  " if self.value is None else f"{self.value:5.2f}"
        return f"{name:<26} = {value}  (target <= {self.target})  {self.verdict}"


def ratios(best: dict[str, float]) -> list[Ratio]:
    """The "Done when" ratios from the best wall time of each runner (missing: skipped)."""
    result = []
    for top, bottom, target in RATIOS:
        value = best[top] / best[bottom] if top in best and bottom in best else None
        result.append(Ratio(top, bottom, target, value))
    return result


@dataclass
class Results:
    """Everything one benchmark invocation measured."""

    pages: int
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    verdict_differences: list[list[str]] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)

    def best(self) -> dict[str, float]:
        return {k: min(s.seconds for s in v) for k, v in self.samples.items() if v}

    def peak_memory(self) -> tuple[int, int]:
        """Peak RSS and PSS of the ``-n 2`` runs' process trees."""
        runs = self.samples.get("axe-only-n2", [])
        return max((s.peak_rss for s in runs), default=0), max(
            (s.peak_pss for s in runs), default=0
        )

    def table(self) -> list[str]:
        lines = ["| runner | wall | per page |", "|---|---|---|"]
        for key, label in RUNNERS.items():
            runs = [s.seconds for s in self.samples.get(key, [])]
            if not runs:
                lines.append(f"| {label} | skipped: {self.skipped.get(key, '-')} | — |")
                continue
            low, high = min(runs), max(runs)
            wall = f"{low:.1f} s" if len(runs) == 1 else f"{low:.1f}\N{EN DASH}{high:.1f} s"
            per = "—" if key in ONE_URL else f"{low / self.pages:.2f} s"
            lines.append(f"| {label} | {wall} | {per} |")
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "load_average": list(os.getloadavg()),
            "runs": {k: [asdict(s) for s in v] for k, v in self.samples.items()},
            "best_seconds": self.best(),
            "skipped": self.skipped,
            "ratios": [{**asdict(r), "verdict": r.verdict} for r in ratios(self.best())],
            "verdicts_identical": not any(self.verdict_differences),
            "verdict_differences": self.verdict_differences,
            "peak_rss_n2_bytes": self.peak_memory()[0],
            "peak_pss_n2_bytes": self.peak_memory()[1],
        }
