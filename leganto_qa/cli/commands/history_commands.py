"""``leganto-qa index`` and ``leganto-qa trend SANDBOX``: the run history and a sandbox's trend."""

from __future__ import annotations

from pathlib import Path

import click

from leganto_qa.cli.shared_options import CONFIG_OPTION, config_file, echo, guard
from leganto_qa.config.sandboxes import load_config


@click.command()
@CONFIG_OPTION
def index(config_path: Path | None) -> None:
    """Write reports/index.html (and index.nb.html): every run of every sandbox."""
    from leganto_qa.reports.run_index import write_index

    harness = guard(lambda: load_config(config_file(config_path)))
    paths = write_index(harness.reports_dir)
    echo(f"Run index: {paths[0]} (also {paths[1].name})")


@click.command()
@click.argument("sandbox_id", metavar="SANDBOX")
@CONFIG_OPTION
def trend(sandbox_id: str, config_path: Path | None) -> None:
    """Write reports/trends/SANDBOX/trend.html (and .nb.html, .csv) over the sandbox's runs."""
    from leganto_qa.cli.run_command import known_issues_path
    from leganto_qa.compare.known_issues import load_known_issues
    from leganto_qa.reports.run_index import write_index
    from leganto_qa.reports.trend_report import write_trend

    path = config_file(config_path)
    harness = guard(lambda: load_config(path))
    known = guard(lambda: load_known_issues(known_issues_path(path)))
    paths = guard(lambda: write_trend(harness.reports_dir, sandbox_id, known))
    echo(f"Trend of {sandbox_id}: {paths[0]}")
    echo(f"  also {', '.join(p.name for p in paths[1:])}")
    echo(f"Run index: {write_index(harness.reports_dir)[0]}")
