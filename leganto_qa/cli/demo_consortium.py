"""The demo's consortium part: a second stand-in institution on the last release, then the
consortium overview of both and its split (fixtures/sandbox/RELEASES.md, "Institutions")."""

from __future__ import annotations

from dataclasses import replace

from leganto_qa.cli.consortium_run import overview_lines, sandbox_run
from leganto_qa.cli.demo_checks import Expectation, consortium_expectations
from leganto_qa.cli.run_command import RunRequest, execute
from leganto_qa.cli.verdict import Echo, RunResult, describe
from leganto_qa.reports.consortium_report import write_overview

SECOND_SANDBOX = "demo-hvl"
"""The stand-in playing another institution, whose local configuration differs (sandboxes.toml)."""


def second_institution(request: RunRequest, first: RunResult, echo: Echo) -> list[Expectation]:
    """Run ``request`` (the demo's last) on the second institution; write and print the overview
    of both runs; return what the split must show."""
    release = request.release or ""
    echo(f"\n=== Demo: a second institution ({SECOND_SANDBOX}), release {release} ===")
    second = execute(replace(request, sandbox=SECOND_SANDBOX), echo)
    for line in describe(second):
        echo(line)
    reports_dir = first.layout.root.parents[2]
    files = write_overview([sandbox_run(first), sandbox_run(second)], reports_dir)
    for line in overview_lines(files):
        echo(line)
    return consortium_expectations(release, files.overview)
