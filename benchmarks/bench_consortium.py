"""Benchmark: a synthetic consortium of stand-in institutions run as 1, 2 and 4 shards, merged.

Run from the repository root:

    python3 benchmarks/bench_consortium.py [--institutions 2] [--shards 1,2,4] [--locale en]
        [--suite a11y] [--full]  [--project-institutions 20 --project-locales 4]

Writes a sandboxes.toml (in a temporary folder) with N copies of ``[sandbox.demo]`` named
``inst01``..``instNN`` (each run starts its own stand-in on a free port, so several run at once).
For each shard count S it starts S "runners" at the same time, as S CI jobs would be; runner K
runs ``leganto-qa run --sandbox <each institution> --shard K/S`` one institution after the other.
Then ``leganto-qa merge`` joins each institution's S shard runs. Printed: wall time per runner,
for the slowest runner (the pipeline's wall time), for the merges, and the tests each runner
ran; and a projection for the consortium on N runners (see ``projection``). Axe only by default
(``--full`` adds screenshots, ARIA snapshots and the browser checks).

All runners share this machine's cores, so S > cores shows contention, not what S CI runners
would do; the projection therefore starts from the serial (S = 1) figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_DEMO_TABLE = re.compile(r"^\[sandbox\.demo(\]|\.)", re.MULTILINE)


def consortium_config(folder: Path, institutions: int) -> tuple[Path, list[str]]:
    """sandboxes.toml with ``institutions`` copies of the demo sandbox; their ids."""
    lines = (REPO / "sandboxes.toml").read_text(encoding="utf-8").splitlines()
    block: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("["):
            inside = bool(_DEMO_TABLE.match(line))
        if inside:
            block.append(line)
    demo = "\n".join(block) + "\n"
    ids = [f"inst{i:02d}" for i in range(1, institutions + 1)]
    text = '[harness]\nreports_dir = "reports"\n\n' + "\n".join(
        _DEMO_TABLE.sub(lambda m, i=i: f"[sandbox.{i}{m[1]}", demo) for i in ids
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sandboxes.toml"
    path.write_text(text, encoding="utf-8")
    return path, ids


@dataclass
class Runner:
    """One shard's job: its institutions one after the other."""

    shard: str
    wall_s: float = 0.0
    runs: dict[str, Path] = field(default_factory=dict)
    tests: int = 0


PASSWORD = {"LEGANTO_QA_DEMO_PASSWORD": secrets.token_urlsafe(12)}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **PASSWORD},
    )


def run_runner(runner: Runner, config: Path, ids: list[str], run_args: list[str]) -> Runner:
    start = time.perf_counter()
    for sandbox in ids:
        result = _cli(
            "run", "--sandbox", sandbox, "--shard", runner.shard, "--config", str(config),
            "--report-only", *run_args,
        )  # fmt: skip
        found = re.search(r"^Run record:\s+(\S+)", result.stdout, re.MULTILINE)
        if result.returncode != 0 or found is None:
            raise SystemExit(f"shard {runner.shard} of {sandbox} failed:\n{result.stderr[-2000:]}")
        runner.runs[sandbox] = Path(found[1]).parent
        record = json.loads(Path(found[1]).read_text(encoding="utf-8"))
        runner.tests += len(record["outcomes"])
    runner.wall_s = time.perf_counter() - start
    return runner


def run_sharded(config: Path, ids: list[str], count: int, run_args: list[str]) -> dict:
    runners = [Runner(f"{k}/{count}") for k in range(1, count + 1)]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=count) as pool:
        done = list(pool.map(lambda r: run_runner(r, config, ids, run_args), runners))
    pipeline = time.perf_counter() - start
    merge_start = time.perf_counter()
    findings = 0
    for sandbox in ids:
        result = _cli(
            "merge", *(str(r.runs[sandbox]) for r in done), "--config", str(config),
            "--report-only",
        )  # fmt: skip
        if result.returncode != 0:
            raise SystemExit(f"merge of {sandbox} failed:\n{result.stderr[-2000:]}")
        findings += int(re.search(r"WCAG findings: (\d+)", result.stdout)[1])  # type: ignore[index]
    merge_s = time.perf_counter() - merge_start
    return {
        "shards": count,
        "runners": [(r.shard, round(r.wall_s, 1), r.tests) for r in done],
        "pipeline_s": round(pipeline, 1),
        "merge_s": round(merge_s, 1),
        "wcag_findings": findings,
    }


def projection(serial_s: float, institutions: int, args: argparse.Namespace) -> list[str]:
    """Linear projection from the serial run: time per institution and locale, times the
    consortium's institutions and locales, over N runners (each with its own cores and browser
    or a browser from a remote pool), plus one merge per institution."""
    per_locale = serial_s / institutions / len(args.locales)
    total = per_locale * args.project_institutions * args.project_locales
    lines = [
        f"projection: {per_locale:.0f} s per institution and locale (serial here) -> "
        f"{args.project_institutions} institutions x {args.project_locales} locales = "
        f"{total / 60:.0f} min on one runner"
    ]
    for runners in (2, 4, 8, 16):
        minutes = total / runners / 60
        lines.append(f"  on {runners:>2} runners (shards): ~{minutes:.0f} min + merges")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--institutions", type=int, default=2)
    parser.add_argument("--shards", default="1,2,4")
    parser.add_argument("--locale", dest="locales", action="append")
    parser.add_argument("--suite", default="a11y")
    parser.add_argument("--release", default="2024-06")
    parser.add_argument("--full", action="store_true", help="not axe only")
    parser.add_argument("--project-institutions", type=int, default=20)
    parser.add_argument("--project-locales", type=int, default=4)
    args = parser.parse_args()
    args.locales = args.locales or ["en"]
    run_args = ["--suite", args.suite, "--release", args.release]
    run_args += [a for locale in args.locales for a in ("--locale", locale)]
    run_args += [] if args.full else ["--axe-only"]
    with tempfile.TemporaryDirectory(prefix="bench-consortium-") as folder:
        config, ids = consortium_config(Path(folder), args.institutions)
        results = [
            run_sharded(config, ids, int(count), run_args) for count in args.shards.split(",")
        ]
    print(f"{args.institutions} institutions, suite {args.suite}, locales {args.locales}, "
          f"{'full' if args.full else 'axe only'}")  # fmt: skip
    for result in results:
        print(json.dumps(result))
    serial = next((r for r in results if r["shards"] == 1), None)
    if serial is not None:
        for line in projection(serial["pipeline_s"], args.institutions, args):
            print(line)


if __name__ == "__main__":
    main()
