"""``leganto-qa run`` (suites against a sandbox) and ``leganto-qa scan`` (axe and the browser
checks on any pages). The work: ``cli.run_command``, ``cli.scan_command``, ``cli.verdict``."""

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

CHECKS_HELP = (
    "Browser checks on page states, comma-separated (keyboard, focus, dialogs, reflow, "
    "text-spacing, resize-text, target-size, orientation, activation, status), all or none; "
    "default: all, in the default locale."
)
BROWSER_ENDPOINT_OPTION = click.option(
    "--browser-endpoint",
    default=None,
    metavar="WS_URL",
    help="Connect to this Playwright browser server (ws:// or wss://, e.g. from 'python -m "
    "playwright run-server') instead of launching Chromium; overrides [harness] "
    "browser_endpoint and $LEGANTO_QA_BROWSER_ENDPOINT. Shown only as scheme://host:port.",
)


@click.command()
@click.option(
    "--sandbox",
    "sandboxes",
    multiple=True,
    help="Sandbox id in sandboxes.toml (repeatable: each one run, then a consortium overview); "
    "default: demo.",
)
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Run every sandbox of a kind the suites support (stand-in, remote; pages only with the "
    "scan suite), then write the consortium overview.",
)
@click.option(
    "--suite",
    "suites",
    multiple=True,
    default=("all",),
    show_default=True,
    help="Suite to run: workflows, a11y, api, i18n, embedding, links or all (repeatable; all "
    "leaves out embedding and links).",
)
@click.option("--release", default=None, help="Release label (the stand-in serves it).")
@click.option("--locale", "locales", multiple=True, help="Locale to test (repeatable).")
@click.option(
    "--translation-locale",
    "translation_locales",
    multiple=True,
    help="Locale of the i18n suite (repeatable; default: the sandbox's translation_locales).",
)
@click.option(
    "-n",
    "workers",
    type=click.IntRange(1, 16),
    default=1,
    show_default=True,
    help="Parallel pytest workers.",
)
@click.option("--axe-only", is_flag=True, help="Page states: axe only, no screenshots/snapshots.")
@click.option("--checks", default=None, help=CHECKS_HELP)
@click.option("--headed", is_flag=True, help="Show the browser window.")
@click.option(
    "--shard",
    default=None,
    metavar="K/N",
    callback=lambda _ctx, _param, value: _shard(value),
    help="Run only shard K of N (e.g. 1/2), a deterministic split that keeps each role's login "
    "on one shard; join the shards' run folders with 'leganto-qa merge'.",
)
@BROWSER_ENDPOINT_OPTION
@REPORT_ONLY_OPTION
@CONFIG_OPTION
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def run(
    sandboxes: tuple[str, ...],
    every: bool,
    suites: tuple[str, ...],
    release: str | None,
    locales: tuple[str, ...],
    translation_locales: tuple[str, ...],
    workers: int,
    axe_only: bool,
    checks: str | None,
    headed: bool,
    shard: str | None,
    browser_endpoint: str | None,
    report_only: bool,
    config_path: Path | None,
    pytest_args: tuple[str, ...],
) -> None:
    """Run the suites against a sandbox and write a run record and reports."""
    from leganto_qa.cli.run_command import RunRequest, run_suites, suites_from

    request = RunRequest(
        config_path=config_file(config_path),
        sandbox=sandboxes[0] if sandboxes else "demo",
        suites=suites_from(suites),
        release=release,
        locales=locales,
        translation_locales=translation_locales,
        workers=workers,
        axe_only=axe_only,
        headed=headed,
        report_only=report_only,
        pytest_args=pytest_args,
        checks=checks,
        shard=shard,
        browser_endpoint=browser_endpoint,
    )
    if every or len(sandboxes) > 1:
        from leganto_qa.cli.consortium_run import run_consortium

        sys.exit(guard(lambda: run_consortium(request, sandboxes, every, echo)))
    sys.exit(guard(lambda: run_suites(request, echo)))


def _shard(value: str | None) -> str | None:
    """``--shard K/N`` checked while parsing: a bad value is a usage error (one line, exit 1)."""
    from leganto_qa.model.shard import shard_problem

    problem = shard_problem(value) if value is not None else None
    if problem is not None:
        raise click.BadParameter(f"{value!r} {problem}; give K/N with 1 <= K <= N, e.g. 1/2")
    return value


@click.command()
@click.argument("urls", nargs=-1)
@click.option("--sandbox", default=None, help="A sandbox of kind 'pages' in sandboxes.toml.")
@click.option("--locale", default="en", show_default=True, help="Language of the pages (ad hoc).")
@click.option("--checks", default=None, help="Browser checks (as for run); default: all.")
@BROWSER_ENDPOINT_OPTION
@REPORT_ONLY_OPTION
@CONFIG_OPTION
def scan(
    urls: tuple[str, ...],
    sandbox: str | None,
    locale: str,
    checks: str | None,
    browser_endpoint: str | None,
    report_only: bool,
    config_path: Path | None,
) -> None:
    """Run axe and the browser checks on any pages: URLs, or a sandbox of kind 'pages'."""
    from leganto_qa.cli.scan_command import scan_pages

    sys.exit(
        guard(
            lambda: scan_pages(
                list(urls),
                sandbox,
                locale,
                checks,
                config_path,
                echo,
                report_only,
                browser_endpoint=browser_endpoint,
            )
        )
    )
