"""``leganto-qa run --sandbox a --sandbox b`` / ``--all``: one run per sandbox, then the
consortium overview (``reports.consortium``) of them all.

Each sandbox gets its own run record exactly as a run of it alone would (``run_command.execute``).
A sandbox that fails before its browser opens (unreachable, no recorded login, a config fault of
its own) is recorded in the overview as not run, with its one-line reason, and the others still
run. The exit code is the worst of the sandboxes' (``worst_exit_code``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from leganto_qa.cli.notification import notify_on_change
from leganto_qa.cli.run_command import RunRequest, execute
from leganto_qa.cli.verdict import (
    EXIT_HARNESS,
    EXIT_NEW,
    EXIT_OK,
    Echo,
    RunResult,
    conclude,
)
from leganto_qa.config.sandboxes import HarnessConfig, load_config
from leganto_qa.model.errors import ConfigError, HarnessError
from leganto_qa.reports.consortium import SandboxRun, split_lines
from leganto_qa.reports.consortium_report import OverviewFiles, write_overview
from leganto_qa.reports.run_index import index_line

RUN_KINDS = ("stand-in", "remote")
"""Kinds of sandbox the suites run on; ``pages`` sandboxes only with the scan suite."""
VERDICT_OF_EXIT = {EXIT_OK: "ok", EXIT_NEW: "not-ok", EXIT_HARNESS: "inconclusive"}


def chosen_sandboxes(
    harness: HarnessConfig, named: Sequence[str], every: bool, suites: Sequence[str]
) -> tuple[str, ...]:
    """The sandboxes a consortium run covers: those ``named`` (each once), or with ``every``
    each sandbox of a kind the ``suites`` support, in the file's order."""
    if named and every:
        raise ConfigError("give --sandbox or --all, not both")
    if not every:
        return tuple(dict.fromkeys(named))
    kinds = (*RUN_KINDS, "pages") if "scan" in suites else RUN_KINDS
    chosen = tuple(s.id for s in harness.sandboxes if s.kind in kinds)
    if not chosen:
        raise ConfigError(
            f"--all: {harness.path.name} declares no sandbox of kind {' or '.join(kinds)}; "
            "add one, or name sandboxes with --sandbox"
        )
    return chosen


def run_consortium(request: RunRequest, named: Sequence[str], every: bool, echo: Echo) -> int:
    """Run each sandbox in turn, write the overview, return the worst exit code."""
    harness = load_config(request.config_path)
    sandboxes = chosen_sandboxes(harness, named, every, request.suites)
    runs: list[SandboxRun] = []
    codes: list[int] = []
    for number, sandbox in enumerate(sandboxes, start=1):
        prefix = f"[{number}/{len(sandboxes)}] {sandbox}"
        echo(f"\n{prefix}: running {', '.join(request.suites)}")
        run, code = _one_sandbox(replace(request, sandbox=sandbox), echo)
        runs.append(run)
        codes.append(code)
        echo(f"{prefix}: {run.verdict}" + (f": {run.not_run}" if run.not_run else ""))
    files = write_overview(runs, harness.reports_dir)
    for line in overview_lines(files):
        echo(line)
    echo(index_line(harness.reports_dir))  # links the overview
    return worst_exit_code(codes)


def _one_sandbox(request: RunRequest, echo: Echo) -> tuple[SandboxRun, int]:
    """Run one sandbox; a failure before the run is its "not run" reason, never the end."""
    try:
        result = execute(request, echo)
    except HarnessError as exc:
        return SandboxRun(request.sandbox, "not-run", not_run=str(exc)), exc.exit_code
    code = conclude(result, echo, request.report_only)
    if request.shard is None:  # a shard's verdict is part of one: merge tells the run's
        notify_on_change(load_config(request.config_path), request.sandbox, result, echo)
    return sandbox_run(result), code


def sandbox_run(result: RunResult) -> SandboxRun:
    """A finished run as the overview shows it: verdict, counts and its documents."""
    sandbox = result.layout.root.parent.name
    if result.record is None:
        reason = f"no run record was written (pytest exit code {result.pytest_code})"
        return SandboxRun(sandbox, "not-run", not_run=reason)
    comparison = result.regression.comparison if result.regression else None
    verdict = comparison.verdict if comparison else VERDICT_OF_EXIT[result.exit_code]
    documents = {
        "findings": result.layout.findings_report,
        "regression": result.layout.root / "regression.html",
        "report": result.layout.html_report,
    }
    return SandboxRun(
        sandbox=str(result.record.sandbox.get("id", sandbox)),
        verdict=verdict,
        record=result.record,
        comparison=comparison,
        documents={kind: str(path) for kind, path in documents.items() if path.is_file()},
    )


def overview_lines(files: OverviewFiles) -> list[str]:
    """The split and where the overview is, for the terminal."""
    return [
        "",
        f"=== Consortium overview: {len(files.overview.ran)} of "
        f"{len(files.overview.rows)} sandbox(es) run ===",
        *split_lines(files.overview),
        f"Consortium overview: {files.html['en']}",
        f"  also {files.html['nb'].name} and {files.json.name}",
    ]


def worst_exit_code(codes: Sequence[int]) -> int:
    """The worst verdict over the sandboxes: news (2) before a failed harness or sandbox (1)
    before nothing new (0), as ``Comparison.verdict`` ranks them for one sandbox."""
    return max(codes, default=EXIT_OK)
