"""``leganto-qa merge RUN_DIR...``: join the shards of one run into one run folder.

The work: ``cli.merge_runs`` (reports, verdict) and ``model.record_merge`` (the joining).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from leganto_qa.cli.shared_options import (
    CONFIG_OPTION,
    REPORT_ONLY_OPTION,
    config_file,
    echo,
    guard,
)


@click.command()
@click.argument("run_dirs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--allow-partial",
    is_flag=True,
    help="Merge even when shards are missing; the merged run is then marked interrupted "
    "(its missing tests are not counted as fixed).",
)
@REPORT_ONLY_OPTION
@CONFIG_OPTION
def merge(
    run_dirs: tuple[Path, ...], allow_partial: bool, report_only: bool, config_path: Path | None
) -> None:
    """Join the run folders of 'run --shard K/N' (every K of one N) into one run with reports."""
    from leganto_qa.cli.merge_runs import merge_shards

    command = ["leganto-qa", "merge", *(str(d) for d in run_dirs)]
    sys.exit(
        guard(
            lambda: merge_shards(
                run_dirs,
                config_file(config_path),
                echo,
                allow_partial=allow_partial,
                report_only=report_only,
                command=command,
            )
        )
    )
