"""The demo's accessibility documents: written for each release, checked for the second."""

from __future__ import annotations

import time
from pathlib import Path

from leganto_qa.cli.demo_checks import Expectation
from leganto_qa.cli.run_command import known_issues_path
from leganto_qa.cli.verdict import Echo
from leganto_qa.config.sandboxes import load_config
from leganto_qa.evidence.package import build_package, known_secrets, verify
from leganto_qa.reports.accessibility_documents import write_documents
from leganto_qa.reports.case_drafts import case_groups
from leganto_qa.reports.conformance import summarise
from leganto_qa.reports.deviations import run_documents


def document_checks(
    config_path: Path, run_dir: Path, release: str, echo: Echo, package: bool
) -> list[Expectation]:
    """Write the deviation report, conformance summary and case drafts (en, nb) of a run; with
    ``package``, build and verify its evidence package. Returns what the demo must show."""
    harness = load_config(config_path)
    docs = run_documents(run_dir, harness.reports_dir, known_issues_path(config_path))
    for line in write_documents(docs, lang="en"):
        echo(line)
    for line in write_documents(docs, ("deviations", "conformance"), lang="nb"):
        echo(line)
    if not package:
        return []
    sandbox = harness.sandbox(str(docs.record.sandbox["id"]))
    secrets = known_secrets(
        state_files=[r.state_file for r in sandbox.roles if r.state_file],
        secret_env=[r.password_env for r in sandbox.roles if r.password_env],
    )
    started = time.perf_counter()
    built = build_package(docs, harness.reports_dir / "evidence", secrets)
    seconds = time.perf_counter() - started
    problems = verify(built.path)
    echo(
        f"Evidence package: {built.path} ({built.files} files, {built.size / 1_000_000:.1f} MB, "
        f"built in {seconds:.1f} s); verify: {problems or 'OK'}"
    )
    axe = [d for d in docs.deviations if d.finding.source.startswith("axe:")]
    new = {(d.finding.rule, c) for d in axe if d.status == "new" for c in d.criteria}
    rows = {row.criterion.id: row.status for row in summarise(docs).rows}
    groups = {g.id for g in case_groups(docs)}
    checks = [
        (
            "deviation report: axe finds button-name new, under 4.1.2",
            new == {("button-name", "4.1.2")},
        ),
        (
            "conformance: 4.1.2 and 1.4.3 deviate, 4.1.1 needs manual testing",
            rows.get("4.1.2") == rows.get("1.4.3") == "deviation" and rows.get("4.1.1") == "manual",
        ),
        (
            "case drafts: button-name and the 'Print list' regression",
            {"wcag-button-name", "regression-test_student_prints_list"} <= groups,
        ),
        ("evidence package verifies", not problems and built.files > 10),
    ]
    return [Expectation(release, text, bool(ok)) for text, ok in checks]
