"""`leganto-qa demo`: the whole harness, end to end, on two releases of the stand-in sandbox.

Release A is run and accepted as the demo sandbox's baseline; release B is run and compared.

The demo knows what the stand-in's releases differ in (fixtures/sandbox/RELEASES.md) and checks
that the harness saw exactly that; it exits 0 when it did.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from leganto_qa.cli.run_command import (
    EXIT_HARNESS,
    EXIT_OK,
    Echo,
    RunRequest,
    describe,
    execute,
)
from leganto_qa.compare.baseline import Baseline, accept
from leganto_qa.compare.comparison import compare
from leganto_qa.model.records import RunRecord

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


def comparison_expectations(
    record: RunRecord, baseline: Baseline, run_dir: Path
) -> list[Expectation]:
    """What comparing the second release with the first must show (RELEASES.md)."""
    result = compare(record, baseline, run_dir=run_dir)
    new = {f.rule for f in result.new if f.kind == "wcag"}
    english = {g.sentence() for g in result.ui_changes if g.locale == "en"}
    resolved = {str(f["rule"]) for f in result.resolved}
    regressions = [o.test for o in result.regressions]
    checks = [
        ("comparison: new button-name only", new == {"button-name"}),
        ("comparison: link-name resolved", "link-name" in resolved),
        (
            "comparison: 'Print list' is the one regression",
            len(regressions) == 1 and regressions[0].endswith(PRINT_TEST),
        ),
        (
            "API: publishingStatus renamed",
            any("publishing_status" in c.sentence() for _, c in result.api_changes),
        ),
        (
            "API: new secondary_type value E_CR",
            any("E_CR" in c.sentence() for _, c in result.api_changes),
        ),
        ("UI changes: new button 'Share list'", "New button 'Share list' in the header" in english),
        (
            "UI changes: the three sidebar buttons lost their names",
            sum("lost its name in the sidebar" in s for s in english) == 3,
        ),
    ]
    return [Expectation(record.sandbox["release"], text, bool(ok)) for text, ok in checks]


def run_demo(config_path: Path, echo: Echo, workers: int | None = None) -> int:
    workers = workers or min(2, os.cpu_count() or 1)
    results: list[Expectation] = []
    accepted: Baseline | None = None
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
        from leganto_qa.cli.demo_documents import (
            document_checks,  # deviation report, conformance, cases
        )

        last = release == DEMO_RELEASES[-1]
        results += document_checks(config_path, result.layout.root, release, echo, package=last)
        if accepted is not None:
            results += comparison_expectations(result.record, accepted, result.layout.root)
        elif result.record.summary()["tests"]["inconclusive"] == 0:
            reports_dir = result.layout.root.parents[2]
            path, accepted = accept(reports_dir, DEMO_SANDBOX, result.layout.root)
            echo(f"Accepted release {release} as the baseline of {DEMO_SANDBOX}: {path}")
    echo("\n=== What the demo was meant to show ===")
    for item in results:
        echo(f"  [{'ok' if item.holds else 'NOT SEEN'}] {item.release}: {item.text}")
    if all(item.holds for item in results):
        echo("The demo ran as intended. Open the findings reports above to look at the evidence.")
        return EXIT_OK
    echo("The demo did not show everything it should; see NOT SEEN above.")
    return EXIT_HARNESS
