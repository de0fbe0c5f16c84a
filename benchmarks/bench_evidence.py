"""Benchmark: building the evidence package (and the documents) of a demo run.

Run from the repository root after `leganto-qa demo`:
    python3 benchmarks/bench_evidence.py [RUN_DIR] [--repeat 3]
RUN_DIR defaults to the latest run of the demo sandbox under reports/. Prints the package's size
and file count, and the best of --repeat wall and CPU times for: loading and comparing the run,
writing the documents (deviations, conformance, cases; en), building the package, verifying it.
Each repetition starts from a freshly loaded run (no element crops cached).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from leganto_qa.compare.baseline import latest_run  # noqa: E402
from leganto_qa.evidence.package import build_package, known_secrets, verify  # noqa: E402
from leganto_qa.reports.accessibility_documents import write_documents  # noqa: E402
from leganto_qa.reports.deviations import run_documents  # noqa: E402


def best(repeat: int, action):  # type: ignore[no-untyped-def]
    """Best wall time and best CPU time (this process) of ``repeat`` calls, and the result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return f"{min(walls):.2f} s (CPU {min(cpus):.2f} s)", result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("run", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run = args.run or latest_run(REPO / "reports", "demo")
    reports = run.resolve().parents[2]  # <reports>/runs/<sandbox>/<run>

    def fresh():  # type: ignore[no-untyped-def]
        return run_documents(run, reports, REPO / "known-issues.toml")  # no crops cached yet

    load_s, docs = best(args.repeat, fresh)
    docs_s, _ = best(args.repeat, lambda: write_documents(fresh()))
    with tempfile.TemporaryDirectory() as out:
        build_s, package = best(
            args.repeat, lambda: build_package(fresh(), Path(out), known_secrets())
        )
        verify_s, problems = best(args.repeat, lambda: verify(package.path))
        print(f"run: {run}")
        print(f"  page states {len(docs.record.page_states)}, deviations {len(docs.deviations)}")
        print(f"  package: {package.files} files, {package.size / 1_000_000:.2f} MB")
        print(f"  load+compare {load_s}")
        print(f"  documents (deviations, conformance, cases; en; incl. load) {docs_s}")
        print(f"  evidence package (incl. load) {build_s}")
        print(f"  verify {verify_s}   (best of {args.repeat})")
        print(f"  verify: {problems or 'OK'}")


if __name__ == "__main__":
    main()
