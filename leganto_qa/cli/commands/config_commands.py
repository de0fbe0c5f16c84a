"""``leganto-qa config check``: validate sandboxes.toml and say what each sandbox will do."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from leganto_qa.cli.shared_options import CONFIG_OPTION, config_file, echo, guard


@click.group()
def config() -> None:
    """Inspect sandboxes.toml."""


@config.command("check")
@CONFIG_OPTION
def config_check(config_path: Path | None) -> None:
    """Validate sandboxes.toml, known-issues.toml and i18n-allowlist.toml, say what each
    sandbox will do; exit 1 when a file is broken or a role's environment variable is unset."""
    from leganto_qa.config.describe import check_config

    path = config_file(config_path)
    check = guard(lambda: check_config(path))
    for line in check.lines:
        echo(line)
    sys.exit(0 if check.ok else 1)
