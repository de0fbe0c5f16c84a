"""``leganto-qa baseline accept|show``: the accepted baseline of each sandbox."""

from __future__ import annotations

from pathlib import Path

import click

from leganto_qa.cli.shared_options import CONFIG_OPTION, config_file, echo, guard
from leganto_qa.config.sandboxes import load_config


@click.group()
def baseline() -> None:
    """Accepted baselines of each sandbox (reports/baselines/)."""


@baseline.command("accept")
@click.argument("sandbox_id", metavar="SANDBOX")
@click.option("--run", "run_id", default=None, help="Run id to accept (default: the latest).")
@CONFIG_OPTION
def baseline_accept(sandbox_id: str, run_id: str | None, config_path: Path | None) -> None:
    """Accept a run as the sandbox's baseline; the previous one is kept in history/."""
    from leganto_qa.compare import baseline as baselines
    from leganto_qa.model.records import RunLayout

    harness = guard(lambda: load_config(config_file(config_path)))
    guard(lambda: harness.sandbox(sandbox_id))
    run = RunLayout.for_run(harness.reports_dir, sandbox_id, run_id).root if run_id else None
    path, accepted = guard(lambda: baselines.accept(harness.reports_dir, sandbox_id, run))
    echo(
        f"Accepted run {accepted.run_id} (release {accepted.release}) as the baseline of "
        f"{sandbox_id}: {path}"
    )


@baseline.command("show")
@click.argument("sandbox_id", metavar="SANDBOX")
@CONFIG_OPTION
def baseline_show(sandbox_id: str, config_path: Path | None) -> None:
    """Show what the sandbox's baseline accepts."""
    from leganto_qa.compare import baseline as baselines

    harness = guard(lambda: load_config(config_file(config_path)))
    path = baselines.baseline_path(harness.reports_dir, sandbox_id)
    accepted = guard(lambda: baselines.load_baseline(path))
    if accepted is None:
        echo(
            f"No baseline for {sandbox_id} yet ({path}); accept a run with "
            f"'leganto-qa baseline accept {sandbox_id}'"
        )
        return
    for line in baselines.describe(accepted):
        echo(line)
