"""Benchmark: what the browser checks (leganto_qa/checks) cost on the demo sandbox's page states.

Run from the repository root:  python3 benchmarks/bench_checks.py [--release 2024-06] [--repeat 1]

Runs ``pytest suites/a11y`` on the stand-in (locale en, serial) twice: with ``--checks none``
(axe alone, the harness as before the checks) and with ``--checks all``. Prints the wall time of
each run (best of --repeat), and from the second run's record the seconds each check took per
page state (mean, max over the page states) and in total. A busy machine makes every figure
larger; compare the two runs of one invocation.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(config: Path, run_id: str, release: str, checks: str) -> tuple[float, dict]:
    command = [
        sys.executable, "-m", "pytest", str(REPO / "suites" / "a11y"),
        "--sandbox", "demo", "--leganto-config", str(config), "--release", release,
        "--locale", "en", "--run-id", run_id, "--checks", checks,
        "-p", "no:cacheprovider", "-q", "--tb=no",
    ]  # fmt: skip
    env = {**os.environ, "LEGANTO_QA_DEMO_PASSWORD": secrets.token_urlsafe(12)}
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    record = json.loads((config.parent / "reports/runs/demo" / run_id / "record.json").read_text())
    return elapsed, record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", default="2024-06")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "sandboxes.toml"
        config.write_text((REPO / "sandboxes.toml").read_text())
        walls: dict[str, list[float]] = {"none": [], "all": []}
        record: dict = {}
        for attempt in range(args.repeat):
            for checks in ("none", "all"):
                elapsed, got = run(config, f"bench-{checks}-{attempt}", args.release, checks)
                walls[checks].append(elapsed)
                if checks == "all":
                    record = got
    states = record["page_states"]
    per_check: dict[str, list[float]] = {}
    for state in states:
        for name, seconds in state["check_seconds"].items():
            per_check.setdefault(name, []).append(seconds)
    print(f"release {args.release}, locale en, {len(states)} page states, serial")
    print(f"{'check':<14}{'mean s/state':>14}{'max s/state':>13}{'total s':>10}")
    for name, values in sorted(per_check.items(), key=lambda kv: -sum(kv[1])):
        print(f"{name:<14}{statistics.mean(values):>14.2f}{max(values):>13.2f}{sum(values):>10.1f}")
    total = sum(sum(v) for v in per_check.values())
    print(f"{'all checks':<14}{total / max(1, len(states)):>14.2f}{'':>13}{total:>10.1f}")
    axe_alone, with_checks = min(walls["none"]), min(walls["all"])
    print(f"wall time: axe alone {axe_alone:.1f} s, axe + all checks {with_checks:.1f} s "
          f"(+{with_checks - axe_alone:.1f} s, x{with_checks / axe_alone:.2f})")  # fmt: skip
    findings = [  # a check's finding merged into axe-core's on the same element counts too
        f
        for f in record["findings"]
        if any(s.startswith("check:") for s in (f["source"], *f.get("also_seen_by", ())))
    ]
    print(f"check findings: {len(findings)} ({', '.join(sorted({f['rule'] for f in findings}))})")


if __name__ == "__main__":
    main()
