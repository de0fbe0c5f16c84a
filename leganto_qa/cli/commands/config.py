"""``leganto-qa config check``: validate sandboxes.toml and say what each sandbox will do."""

from __future__ import annotations

from pathlib import Path

import click

from leganto_qa.cli.options import CONFIG_OPTION, config_file, echo, guard
from leganto_qa.config.sandboxes import load_config


@click.group()
def config() -> None:
    """Inspect sandboxes.toml."""


@config.command("check")
@CONFIG_OPTION
def config_check(config_path: Path | None) -> None:
    """Validate sandboxes.toml and say what each sandbox will do."""
    from leganto_qa.config.describe import describe_config

    path = config_file(config_path)
    harness = guard(lambda: load_config(path))
    for line in describe_config(harness):
        echo(line)
