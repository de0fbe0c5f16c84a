"""Benchmark: collecting the text inventory of every page state in en, nb, nn and se.

Run from the repository root:  python3 benchmarks/bench_i18n.py [--release 2024-06] [--repeat 1]

Runs ``pytest suites/i18n --sandbox demo`` (serial, the demo's translation_locales) the way
``leganto-qa run --suite i18n`` does, and reports the wall time end to end (process start to
exit: stand-in start, logins per role and locale, every page state reached and collected,
screenshots of states with findings, the record written), best of --repeat, and from the run
record the summed test time per locale and the number of strings collected.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_once(release: str, folder: Path, run_id: str) -> tuple[float, dict]:
    config = folder / "sandboxes.toml"
    config.write_text((REPO / "sandboxes.toml").read_text(encoding="utf-8"), encoding="utf-8")
    command = [
        sys.executable, "-m", "pytest", str(REPO / "suites" / "i18n"),
        "--sandbox", "demo", "--leganto-config", str(config), "--release", release,
        "--run-id", run_id, "--rootdir", str(REPO), "-p", "no:cacheprovider", "-q", "--tb=no",
    ]  # fmt: skip
    env = {**os.environ, "LEGANTO_QA_DEMO_PASSWORD": secrets.token_urlsafe(12)}
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    record = json.loads((folder / "reports" / "runs" / "demo" / run_id / "record.json").read_text())
    return wall, record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", default="2024-06")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    best: tuple[float, dict] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for attempt in range(args.repeat):
            result = run_once(args.release, Path(tmp), f"bench-i18n-{attempt}")
            if best is None or result[0] < best[0]:
                best = result
    assert best is not None
    wall, record = best
    per_locale: dict[str, float] = defaultdict(float)
    for outcome in record["outcomes"]:
        per_locale[outcome["test"].rsplit("-", 1)[-1].rstrip("]")] += outcome["duration_s"]
    inventories = record["text_inventory"]
    strings = sum(len(i["entries"]) for i in inventories)
    print(f"release {args.release}: {len(inventories)} page states x locales, {strings} strings")
    print(f"wall time, 4 locales, serial: {wall:.1f} s (best of {args.repeat})")
    for locale, seconds in sorted(per_locale.items()):
        print(f"  tests in {locale}: {seconds:.1f} s")
    print(f"findings: {record['summary']['findings']}")


if __name__ == "__main__":
    main()
