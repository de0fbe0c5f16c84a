"""The ``leganto-qa`` command: the group and its commands (one module each in ``cli.commands``).

A usage error (unknown option, missing argument, bad choice) is one line on stderr and exit 1:
the README keeps exit 2 for new findings, and a mistyped flag in a scheduled job must not look
like one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import click

from leganto_qa import __version__
from leganto_qa.cli.commands.baseline_commands import baseline
from leganto_qa.cli.commands.config_commands import config
from leganto_qa.cli.commands.demo_command import demo
from leganto_qa.cli.commands.doctor_command import doctor
from leganto_qa.cli.commands.evidence_commands import evidence
from leganto_qa.cli.commands.history_commands import index, trend
from leganto_qa.cli.commands.login_command import login
from leganto_qa.cli.commands.merge_command import merge
from leganto_qa.cli.commands.report_command import report
from leganto_qa.cli.commands.run_and_scan_commands import run, scan
from leganto_qa.cli.commands.sandbox_commands import sandbox

EXIT_USAGE = 1
"""Exit code of a usage error; click's own is 2, which the README reserves for new findings."""


class OneLineUsageError(click.ClickException):
    """A click usage error as one line: what was wrong and where the help is."""

    exit_code = EXIT_USAGE

    def __init__(self, error: click.UsageError) -> None:
        super().__init__(re.sub(r"\s+", " ", error.format_message()).strip().rstrip("."))
        self.command_path = error.ctx.command_path if error.ctx else "leganto-qa"

    def show(self, file: IO[Any] | None = None) -> None:
        line = f"leganto-qa: {self.message} (see '{self.command_path} --help')"
        click.echo(line, file=file, err=True)


@contextmanager
def _usage_errors_exit_1() -> Iterator[None]:
    try:
        yield
    except click.exceptions.NoArgsIsHelpError as exc:  # a bare group: its help, then exit 1
        exc.exit_code = EXIT_USAGE
        raise
    except click.UsageError as exc:
        raise OneLineUsageError(exc) from exc


class HarnessGroup(click.Group):
    """The top group: parsing (its own and every subcommand's) turns usage errors into exit 1."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with _usage_errors_exit_1():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _usage_errors_exit_1():
            return super().invoke(ctx)


@click.group(cls=HarnessGroup)
@click.version_option(__version__, prog_name="leganto-qa")
def main() -> None:
    """Release, workflow and accessibility tests for Leganto sandboxes."""


for command in (run, scan, merge, demo, doctor, config, login, report, baseline, sandbox, evidence):
    main.add_command(command)
main.add_command(index)  # the run history (reports/index.html)
main.add_command(trend)

if __name__ == "__main__":
    main()
