"""``leganto-qa merge``: the shards of one run (``run --shard K/N``) joined into one run.

The joining is record-side (``model.record_merge``); here the merged run gets the reports an
unsharded run gets after pytest (findings, regression against the baseline, translations) and
the verdict (exit code) an unsharded run would have.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from leganto_qa.cli.notification import notify_on_change
from leganto_qa.cli.run_command import known_issues_path
from leganto_qa.cli.verdict import Echo, RunResult, conclude, exit_code_for
from leganto_qa.config.sandboxes import load_config
from leganto_qa.model.record_merge import plan_merge, write_merged_run
from leganto_qa.model.records import RunLayout, RunRecord
from leganto_qa.reports.findings_report import write_findings_report
from leganto_qa.reports.regression_report import write_regression_report


def merge_shards(
    run_dirs: Sequence[Path],
    config_path: Path,
    echo: Echo,
    *,
    allow_partial: bool = False,
    report_only: bool = False,
    command: Sequence[str] = (),
) -> int:
    """Merge, write the reports, print the verdict; returns the process's exit code."""
    harness = load_config(config_path)
    plan = plan_merge(run_dirs, allow_partial)
    layout, record = write_merged_run(plan, harness.reports_dir, command)
    try:
        result = _reports(record, layout, harness.reports_dir, config_path, echo)
    except BaseException:
        shutil.rmtree(layout.root, ignore_errors=True)  # no half-reported run is left behind
        raise
    shards = ", ".join(s.shard.label for s in plan.shards)
    echo(f"Merged shards {shards} of sandbox {plan.sandbox_id} into run {record.run_id}")
    if plan.missing:
        missing = ", ".join(f"{k}/{plan.count}" for k in plan.missing)
        echo(f"PARTIAL: shard(s) {missing} missing; the merged run is marked interrupted")
    code = conclude(result, _with_shard_reports(echo, record, layout), report_only)
    notify_on_change(harness, plan.sandbox_id, result, echo)  # the run's verdict, not a shard's
    return code


def _reports(
    record: RunRecord, layout: RunLayout, reports_dir: Path, config_path: Path, echo: Echo
) -> RunResult:
    """What ``run_command.execute`` and the plugin write after pytest, for the merged run."""
    write_findings_report(record, layout)
    regression = write_regression_report(
        record, layout, reports_dir, known_issues_path(config_path)
    )
    if record.text_inventory:
        from leganto_qa.reports.translations import report_translations

        for line in report_translations(record, layout, reports_dir):
            echo(line)
    comparison = regression.comparison if regression else None
    return RunResult(record, layout, exit_code_for(record, 0, comparison), 0, regression)


def _with_shard_reports(echo: Echo, record: RunRecord, layout: RunLayout) -> Echo:
    """``echo``, with the shards' pytest-html reports where a run prints its one report."""
    reports = [
        str(layout.root / path)
        for name, path in sorted(record.artifacts.items())
        if name.startswith("html_report_shard_")
    ]

    def shard_echo(line: str) -> None:
        if line.startswith("HTML report:"):
            for report in reports:
                echo(f"HTML report:     {report}")
            return
        echo(line)

    return shard_echo
