"""``leganto-qa demo``: every suite on two releases of the stand-in. The work: ``cli.demo``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from leganto_qa.cli.shared_options import CONFIG_OPTION, config_file, echo, guard


@click.command()
@click.option(
    "-n",
    "workers",
    type=click.IntRange(1, 16),
    default=None,
    help="Parallel pytest workers (default: 2 where there are 2 cores).",
)
@CONFIG_OPTION
def demo(workers: int | None, config_path: Path | None) -> None:
    """Run every suite on two releases of the built-in stand-in sandbox, in en and nb."""
    from leganto_qa.cli.demo import run_demo

    sys.exit(guard(lambda: run_demo(config_file(config_path), echo, workers)))
