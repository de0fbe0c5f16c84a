"""`leganto-qa demo`: the whole harness, end to end, on two releases of the stand-in sandbox.

The demo knows what the stand-in's releases differ in (fixtures/sandbox/RELEASES.md) and checks
that the harness saw exactly that; it exits 0 when it did.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from leganto_qa.records import RunRecord
from leganto_qa.runner import EXIT_HARNESS, EXIT_OK, Echo, RunRequest, describe, execute

DEMO_SANDBOX = "demo"
DEMO_RELEASES = ("2024-05", "2024-06")
DEMO_LOCALES = ("en", "nb")
PRINT_TEST = "test_student_prints_list"


@dataclass(frozen=True)
class Expectation:
    """One thing the demo must show for a release."""

    release: str
    text: str
    holds: bool


def expectations(release: str, record: RunRecord) -> list[Expectation]:
    rules = {f.rule for f in record.findings if f.kind == "wcag"}
    locales = {f.locale for f in record.findings}
    printing = next((o for o in record.outcomes if o.test.endswith(PRINT_TEST)), None)
    checks = [
        ("findings tied to page states in every locale", set(DEMO_LOCALES) <= locales),
        ("no inconclusive tests", record.summary()["tests"]["inconclusive"] == 0),
    ]
    if release == "2024-05":
        checks += [
            ("'Print list' works", printing is not None and printing.outcome == "passed"),
            ("unnamed link in the citation full view (link-name)", "link-name" in rules),
            ("sidebar buttons are named (no button-name)", "button-name" not in rules),
        ]
    else:
        kept = printing.artifacts if printing else ()
        checks += [
            (
                "'Print list' breaks (renamed menu item) with screenshot and trace",
                printing is not None
                and printing.outcome == "failed"
                and any(a.endswith(".png") for a in kept)
                and any(a.endswith(".zip") for a in kept),
            ),
            ("new: unnamed sidebar buttons (button-name)", "button-name" in rules),
            ("fixed: the citation link has a name (no link-name)", "link-name" not in rules),
        ]
    return [Expectation(release, text, bool(holds)) for text, holds in checks]


def run_demo(config_path: Path, echo: Echo, workers: int | None = None) -> int:
    workers = workers or min(2, os.cpu_count() or 1)
    results: list[Expectation] = []
    for release in DEMO_RELEASES:
        echo(f"\n=== Demo: stand-in Leganto, release {release} ===")
        result = execute(
            RunRequest(
                config_path=config_path,
                sandbox=DEMO_SANDBOX,
                release=release,
                locales=DEMO_LOCALES,
                workers=workers,
            ),
            echo,
        )
        for line in describe(result):
            echo(line)
        if result.record is None:
            return EXIT_HARNESS
        results += expectations(release, result.record)
    echo("\n=== What the demo was meant to show ===")
    for item in results:
        echo(f"  [{'ok' if item.holds else 'NOT SEEN'}] {item.release}: {item.text}")
    if all(item.holds for item in results):
        echo("The demo ran as intended. Open the findings reports above to look at the evidence.")
        return EXIT_OK
    echo("The demo did not show everything it should; see NOT SEEN above.")
    return EXIT_HARNESS
