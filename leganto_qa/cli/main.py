"""The `leganto-qa` command. It calls the library and pytest, never the other way round."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from leganto_qa import __version__
from leganto_qa.config.sandboxes import default_config_path, load_config
from leganto_qa.model.errors import HarnessError

T = TypeVar("T")
CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    default=None,
    help="sandboxes.toml to use (default: $LEGANTO_QA_CONFIG or ./sandboxes.toml).",
)


def _config(path: Path | None) -> Path:
    return path or default_config_path()


def _echo(line: str) -> None:
    click.echo(line, err=False)


@click.group()
@click.version_option(__version__, prog_name="leganto-qa")
def main() -> None:
    """Release, workflow and accessibility tests for Leganto sandboxes."""


@main.command()
@click.option("--sandbox", default="demo", show_default=True, help="Sandbox id in sandboxes.toml.")
@click.option(
    "--suite",
    "suites",
    multiple=True,
    default=("all",),
    show_default=True,
    help="Suite to run: workflows, a11y, api, i18n, embedding or all (repeatable; all leaves "
    "out embedding).",
)
@click.option("--release", default=None, help="Release label (the stand-in serves it).")
@click.option("--locale", "locales", multiple=True, help="Locale to test (repeatable).")
@click.option(
    "-n",
    "workers",
    type=click.IntRange(1, 16),
    default=1,
    show_default=True,
    help="Parallel pytest workers.",
)
@click.option("--axe-only", is_flag=True, help="Page states: axe only, no screenshots/snapshots.")
@click.option(
    "--checks",
    default=None,
    help="Browser checks on page states, comma-separated (keyboard, focus, dialogs, reflow, "
    "text-spacing, resize-text, target-size, orientation, activation, status), all or none; "
    "default: all, in the default locale.",
)
@click.option("--headed", is_flag=True, help="Show the browser window.")
@CONFIG_OPTION
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def run(
    sandbox: str,
    suites: tuple[str, ...],
    release: str | None,
    locales: tuple[str, ...],
    workers: int,
    axe_only: bool,
    checks: str | None,
    headed: bool,
    config_path: Path | None,
    pytest_args: tuple[str, ...],
) -> None:
    """Run the suites against a sandbox and write a run record and reports."""
    from leganto_qa.cli.run_command import RunRequest, describe, execute, suites_from

    request = RunRequest(
        config_path=_config(config_path),
        sandbox=sandbox,
        suites=suites_from(suites),
        release=release,
        locales=locales,
        workers=workers,
        axe_only=axe_only,
        headed=headed,
        pytest_args=pytest_args,
        checks=checks,
    )
    result = _guard(lambda: execute(request, _echo))
    for line in describe(result):
        _echo(line)
    sys.exit(result.exit_code)


@main.command()
@click.argument("urls", nargs=-1)
@click.option("--sandbox", default=None, help="A sandbox of kind 'pages' in sandboxes.toml.")
@click.option("--locale", default="en", show_default=True, help="Language of the pages (ad hoc).")
@click.option("--checks", default=None, help="Browser checks (as for run); default: all.")
@CONFIG_OPTION
def scan(
    urls: tuple[str, ...],
    sandbox: str | None,
    locale: str,
    checks: str | None,
    config_path: Path | None,
) -> None:
    """Run axe and the browser checks on any pages: URLs, or a sandbox of kind 'pages'."""
    from leganto_qa.cli.scan_command import scan_pages

    sys.exit(_guard(lambda: scan_pages(list(urls), sandbox, locale, checks, config_path, _echo)))


@main.command()
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

    sys.exit(_guard(lambda: run_demo(_config(config_path), _echo, workers)))


@main.command()
@CONFIG_OPTION
def doctor(config_path: Path | None) -> None:
    """Show what the harness will use: Python, Playwright, axe-core, browser, config."""
    from leganto_qa.cli.doctor import run_checks

    checks = run_checks(_config(config_path))
    for check in checks:
        _echo(f"{'ok  ' if check.ok else 'FAIL'} {check.name:<16} {check.detail}")
    sys.exit(0 if all(c.ok for c in checks) else 1)


@main.group()
def config() -> None:
    """Inspect sandboxes.toml."""


@config.command("check")
@CONFIG_OPTION
def config_check(config_path: Path | None) -> None:
    """Validate sandboxes.toml and say what each sandbox will do."""
    from leganto_qa.config.describe import describe_config

    path = _config(config_path)
    harness = _guard(lambda: load_config(path))
    for line in describe_config(harness):
        _echo(line)


@main.command()
@click.argument("sandbox")
@click.argument("role")
@click.option(
    "--timeout",
    "timeout_s",
    type=click.IntRange(10, 3600),
    default=300,
    show_default=True,
    help="Seconds to wait for you to finish logging in.",
)
@CONFIG_OPTION
def login(sandbox: str, role: str, timeout_s: int, config_path: Path | None) -> None:
    """Log a role in by hand (Feide/SAML with MFA) and keep the session for later runs."""
    from leganto_qa.browser.login_recording import record_login_headed

    path = _guard(
        lambda: record_login_headed(_config(config_path), sandbox, role, timeout_s, _echo)
    )
    _echo(
        f"Saved the login of role {role!r} to {path} (owner-only; keep it private). "
        "Record it again when runs report it expired."
    )


@main.command()
@click.argument("run", required=False)
@click.option(
    "--sandbox",
    "sandbox_id",
    default="demo",
    show_default=True,
    help="Sandbox whose runs RUN is looked up in.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "nb"]),
    default="en",
    show_default=True,
    help="Language of the reports.",
)
@click.option(
    "--kind",
    type=click.Choice(["findings", "deviations", "conformance", "cases", "translations"]),
    default="findings",
    show_default=True,
    help="findings (+ regression), deviations (WCAG deviation report), conformance "
    "(the 48 Norwegian criteria: HTML, CSV, JSON), cases (Ex Libris case drafts) or "
    "translations (release view and translator worklist: HTML, CSV).",
)
@CONFIG_OPTION
def report(
    run: str | None, sandbox_id: str, lang: str, kind: str, config_path: Path | None
) -> None:
    """Write the reports of a run (default: the latest)."""
    from leganto_qa.cli.run_command import known_issues_path
    from leganto_qa.compare.baseline import latest_run
    from leganto_qa.model.records import RunLayout, load_record
    from leganto_qa.reports.findings_report import write_findings_report
    from leganto_qa.reports.regression_report import headline_lines, write_regression_report

    path = _config(config_path)
    harness = _guard(lambda: load_config(path))
    if run and Path(run).is_dir():
        folder = Path(run)
    elif run:
        folder = RunLayout.for_run(harness.reports_dir, sandbox_id, run).root
    else:
        folder = _guard(lambda: latest_run(harness.reports_dir, sandbox_id))
    if kind in ("deviations", "conformance", "cases"):
        from leganto_qa.reports.accessibility_documents import write_documents
        from leganto_qa.reports.deviations import run_documents

        docs = _guard(lambda: run_documents(folder, harness.reports_dir, known_issues_path(path)))
        for line in write_documents(docs, [kind], lang):
            _echo(line)
        return
    record = _guard(lambda: load_record(folder))
    layout = RunLayout(folder)
    if kind == "translations":
        from leganto_qa.reports.translations import report_translations

        for line in _guard(lambda: report_translations(record, layout, harness.reports_dir, lang)):
            _echo(line)
        return
    _echo(f"Findings report: {write_findings_report(record, layout, lang)}")
    regression = _guard(
        lambda: write_regression_report(
            record, layout, harness.reports_dir, known_issues_path(path), lang
        )
    )
    if regression is None:
        _echo(
            f"No baseline for {record.sandbox['id']}: no regression report "
            f"('leganto-qa baseline accept {record.sandbox['id']}')"
        )
        return
    for line in headline_lines(regression):
        _echo(line)


@main.group()
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

    harness = _guard(lambda: load_config(_config(config_path)))
    _guard(lambda: harness.sandbox(sandbox_id))
    run = RunLayout.for_run(harness.reports_dir, sandbox_id, run_id).root if run_id else None
    path, accepted = _guard(lambda: baselines.accept(harness.reports_dir, sandbox_id, run))
    _echo(
        f"Accepted run {accepted.run_id} (release {accepted.release}) as the baseline of "
        f"{sandbox_id}: {path}"
    )


@baseline.command("show")
@click.argument("sandbox_id", metavar="SANDBOX")
@CONFIG_OPTION
def baseline_show(sandbox_id: str, config_path: Path | None) -> None:
    """Show what the sandbox's baseline accepts."""
    from leganto_qa.compare import baseline as baselines

    harness = _guard(lambda: load_config(_config(config_path)))
    path = baselines.baseline_path(harness.reports_dir, sandbox_id)
    accepted = _guard(lambda: baselines.load_baseline(path))
    if accepted is None:
        _echo(
            f"No baseline for {sandbox_id} yet ({path}); accept a run with "
            f"'leganto-qa baseline accept {sandbox_id}'"
        )
        return
    for line in baselines.describe(accepted):
        _echo(line)


@main.group()
def sandbox() -> None:
    """The built-in stand-in Leganto sandbox."""


@sandbox.command("serve")
@click.option("--release", default=None, help="Release to serve (default: the newest).")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port (default: any free).")
def sandbox_serve(release: str | None, port: int) -> None:
    """Serve the stand-in on loopback to browse it by hand (Ctrl-C stops it)."""
    from leganto_qa.standins.sandbox_standin import serve_forever

    _guard(lambda: serve_forever(release, port, _echo))


def _guard(action: Callable[[], T]) -> T:
    """Run ``action``; a HarnessError becomes one line on stderr and its exit code."""
    try:
        return action()
    except HarnessError as exc:
        click.echo(f"leganto-qa: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("leganto-qa: interrupted; earlier runs and baselines are untouched", err=True)
        sys.exit(1)


from leganto_qa.cli.evidence_commands import evidence  # noqa: E402  (registers `leganto-qa evidence`)

main.add_command(evidence)

if __name__ == "__main__":
    main()
