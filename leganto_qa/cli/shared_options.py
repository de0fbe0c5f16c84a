"""What the commands share: ``--config``, ``--report-only``, printing, and the error guard.

Light on purpose (click and the config path only): ``leganto-qa --help`` imports every command
module, and those import the heavy work inside their functions.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from leganto_qa.config.sandboxes import default_config_path
from leganto_qa.model.errors import HarnessError

T = TypeVar("T")

CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    default=None,
    help="sandboxes.toml to use (default: $LEGANTO_QA_CONFIG or ./sandboxes.toml).",
)

REPORT_ONLY_OPTION = click.option(
    "--report-only",
    is_flag=True,
    help="Exit 0 whenever the harness worked and wrote its reports, whatever the run found "
    "(new findings, regressions, inconclusive tests); the verdict is still printed.",
)


def config_file(path: Path | None) -> Path:
    """The sandboxes.toml to use: ``--config``, else $LEGANTO_QA_CONFIG or ./sandboxes.toml."""
    return path or default_config_path()


def echo(line: str) -> None:
    """One line of output for the user (stdout)."""
    click.echo(line, err=False)


def guard(action: Callable[[], T]) -> T:
    """Run ``action``; a HarnessError becomes one line on stderr and its exit code."""
    try:
        return action()
    except HarnessError as exc:
        click.echo(f"leganto-qa: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("leganto-qa: interrupted; earlier runs and baselines are untouched", err=True)
        sys.exit(1)


def run_folder(reports_dir: Path, sandbox_id: str, run: str | None) -> Path:
    """The folder of RUN: a run folder, a run id of the sandbox, or ``latest``/None."""
    from leganto_qa.compare.baseline import latest_run
    from leganto_qa.model.records import RunLayout

    if run is None or run == "latest":
        return latest_run(reports_dir, sandbox_id)
    if Path(run).is_dir():
        return Path(run)
    return RunLayout.for_run(reports_dir, sandbox_id, run).root
