"""The corpus table for README: the harness against W3C failure techniques and APG patterns.

Run from the repository root:  python3 benchmarks/corpus_table.py [--workers 2]

Serves tests/data/corpus/ on loopback, scans every page with one ``leganto-qa run --suite scan``
(a sandbox of kind ``pages``, as a new user would), then with axe-core alone, and prints in
markdown: per technique whether the barrier page was found by the harness and by axe alone and
what each reported on the correct page; per harness rule its findings on barrier pages and its
false alarms; the overall recall and false-alarm figures; and the barrier pages the harness missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.corpus_measure import (  # noqa: E402 - after the path above
    figures,
    measure,
    missed,
    rule_table,
    summary,
    technique_table,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="pytest workers (default 2)")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="corpus-table-") as folder:
        all_results, _output = measure(Path(folder), args.workers)
    seconds = time.monotonic() - started
    print(technique_table(all_results))
    print()
    print(rule_table(all_results))
    print()
    print(summary(figures(all_results)) + f" ({seconds:.0f} s for both passes)")
    lines = missed(all_results)
    if lines:
        print("\nMissed by the harness:")
        for line in lines:
            print(f"- {line}")


if __name__ == "__main__":
    main()
