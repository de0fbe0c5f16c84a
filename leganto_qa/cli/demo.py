"""`leganto-qa demo`: the whole harness, end to end, on two releases of the stand-in sandbox.

Release A is run and accepted as the demo sandbox's baseline; release B is run and compared;
then a second stand-in institution (``demo-hvl``) runs release B, and the consortium overview of
both splits what every sandbox shows (the vendor's) from what one shows (local configuration).

The demo knows what the stand-in's releases differ in (fixtures/sandbox/RELEASES.md) and checks
that the harness saw exactly that; it exits 0 when it did.
"""

from __future__ import annotations

import os
from pathlib import Path

from leganto_qa.cli.demo_checks import (
    DEMO_LOCALES,
    DEMO_TRANSLATION_LOCALES,
    Expectation,
    comparison_expectations,
    expectations,
)
from leganto_qa.cli.demo_consortium import second_institution
from leganto_qa.cli.demo_documents import document_checks
from leganto_qa.cli.run_command import SUITES, RunRequest, execute
from leganto_qa.cli.verdict import EXIT_HARNESS, EXIT_OK, Echo, describe
from leganto_qa.compare.baseline import Baseline, accept

DEMO_SANDBOX = "demo"
DEMO_RELEASES = ("2024-05", "2024-06")
DEMO_SUITES = (*SUITES, "links")
"""Every default suite and the opt-in links suite (list permalinks, citation links)."""


def run_demo(config_path: Path, echo: Echo, workers: int | None = None) -> int:
    workers = workers or min(2, os.cpu_count() or 1)
    results: list[Expectation] = []
    accepted: Baseline | None = None
    for release in DEMO_RELEASES:
        echo(f"\n=== Demo: stand-in Leganto, release {release} ===")
        request = RunRequest(
            config_path=config_path,
            sandbox=DEMO_SANDBOX,
            suites=DEMO_SUITES,
            release=release,
            locales=DEMO_LOCALES,
            translation_locales=DEMO_TRANSLATION_LOCALES,
            workers=workers,
        )
        result = execute(request, echo)
        for line in describe(result):
            echo(line)
        if result.record is None:
            return EXIT_HARNESS
        results += expectations(release, result.record)
        last = release == DEMO_RELEASES[-1]
        results += document_checks(config_path, result.layout.root, release, echo, package=last)
        if accepted is not None:
            results += comparison_expectations(result.record, accepted, result.layout.root)
        elif result.record.summary()["tests"]["inconclusive"] == 0:
            reports_dir = result.layout.root.parents[2]
            path, accepted = accept(reports_dir, DEMO_SANDBOX, result.layout.root)
            echo(f"Accepted release {release} as the baseline of {DEMO_SANDBOX}: {path}")
    results += second_institution(request, result, echo)
    echo("\n=== What the demo was meant to show ===")
    for item in results:
        echo(f"  [{'ok' if item.holds else 'NOT SEEN'}] {item.release}: {item.text}")
    if all(item.holds for item in results):
        echo("The demo ran as intended. Open the findings reports above to look at the evidence.")
        return EXIT_OK
    echo("The demo did not show everything it should; see NOT SEEN above.")
    return EXIT_HARNESS
