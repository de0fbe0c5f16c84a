"""``leganto-qa doctor``: what the harness will use. The checks: ``cli.doctor_checks``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from leganto_qa.cli.shared_options import CONFIG_OPTION, config_file, echo


@click.command()
@CONFIG_OPTION
def doctor(config_path: Path | None) -> None:
    """Show what the harness will use: Python, Playwright, axe-core, browser, config."""
    from leganto_qa.cli.doctor_checks import run_checks

    checks = run_checks(config_file(config_path))
    for check in checks:
        echo(f"{'ok  ' if check.ok else 'FAIL'} {check.name:<16} {check.detail}")
    sys.exit(0 if all(c.ok for c in checks) else 1)
