"""``leganto-qa evidence RUN [--case GROUP]`` and ``leganto-qa evidence verify ZIP``."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from leganto_qa.cli.shared_options import CONFIG_OPTION, config_file, echo, guard, run_folder
from leganto_qa.config.sandboxes import load_config

if TYPE_CHECKING:
    from leganto_qa.config.sandboxes import SandboxConfig
    from leganto_qa.model.redaction import Redactor
    from leganto_qa.reports.deviations import RunDocuments


class _BuildByDefault(click.Group):
    """`evidence RUN …` builds a package; `evidence verify ZIP` checks one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["build", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_BuildByDefault)
def evidence() -> None:
    """Evidence packages (zip) to attach to an Ex Libris case: build one or verify one.

    \b
    leganto-qa evidence RUN [--case GROUP]   build (RUN: run id, run folder or 'latest')
    leganto-qa evidence verify ZIP           check every file's sha256 against the manifest
    """


@evidence.command("build")
@click.argument("run", default="latest")
@click.option("--case", "group", default=None, help="Only one case group (e.g. wcag-button-name).")
@click.option("--sandbox", "sandbox_id", default="demo", show_default=True)
@click.option("--lang", type=click.Choice(["en", "nb"]), default="en", show_default=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder (default: reports/evidence).",
)
@CONFIG_OPTION
def build(
    run: str,
    group: str | None,
    sandbox_id: str,
    lang: str,
    out: Path | None,
    config_path: Path | None,
) -> None:
    """Build the evidence package of RUN (default: the sandbox's latest run)."""
    from leganto_qa.cli.run_command import known_issues_path
    from leganto_qa.evidence.package import build_package

    path = config_file(config_path)
    harness = guard(lambda: load_config(path))
    folder = guard(lambda: run_folder(harness.reports_dir, sandbox_id, run))
    docs = guard(lambda: _documents(folder, harness.reports_dir, known_issues_path(path)))
    sandbox = guard(lambda: harness.sandbox(str(docs.record.sandbox.get("id", sandbox_id))))
    started = time.perf_counter()
    package = guard(
        lambda: build_package(
            docs,
            out or harness.reports_dir / "evidence",
            _secrets(sandbox),
            group,
            lang,
        )
    )
    seconds = time.perf_counter() - started
    echo(
        f"Evidence package: {package.path} ({package.files} files, "
        f"{package.size / 1_000_000:.1f} MB, built in {seconds:.1f} s)"
    )


@evidence.command("verify")
@click.argument("zip_path", metavar="ZIP", type=click.Path(path_type=Path))
def verify_command(zip_path: Path) -> None:
    """Check every file in ZIP against the sha256 and size in its manifest."""
    from leganto_qa.evidence.package import verify

    problems = guard(lambda: verify(zip_path))
    if problems:
        for problem in problems:
            click.echo(f"MISMATCH {problem}", err=True)
        click.echo(f"leganto-qa: {zip_path}: {len(problems)} problem(s); do not send it", err=True)
        sys.exit(1)
    echo(f"OK: every file in {zip_path} matches its manifest")


def _documents(folder: Path, reports_dir: Path, known: Path) -> RunDocuments:
    from leganto_qa.reports.deviations import run_documents

    return run_documents(folder, reports_dir, known)


def _secrets(sandbox: SandboxConfig) -> Redactor:
    """Secret values to scrub: the sandbox's password/API-key variables and saved logins."""
    from leganto_qa.evidence.package import known_secrets

    names = [r.password_env for r in sandbox.roles if r.password_env]
    if sandbox.api is not None and sandbox.api.apikey_env:
        names.append(sandbox.api.apikey_env)
    return known_secrets(
        state_files=[r.state_file for r in sandbox.roles if r.state_file], secret_env=names
    )
