"""``leganto-qa report [RUN]``: write the reports of a run (findings, deviations, conformance,
case drafts, translations)."""

from __future__ import annotations

from pathlib import Path

import click

from leganto_qa.cli.shared_options import CONFIG_OPTION, config_file, echo, guard, run_folder
from leganto_qa.config.sandboxes import load_config

DOCUMENT_KINDS = ("deviations", "conformance", "cases")


@click.command()
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
    type=click.Choice(["findings", *DOCUMENT_KINDS, "translations"]),
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
    from leganto_qa.reports.run_index import index_line

    path = config_file(config_path)
    harness = guard(lambda: load_config(path))
    folder = guard(lambda: run_folder(harness.reports_dir, sandbox_id, run))
    if kind in DOCUMENT_KINDS:
        lines = _documents(folder, harness.reports_dir, path, kind, lang)
    elif kind == "translations":
        lines = _translations(folder, harness.reports_dir, lang)
    else:
        lines = _findings(folder, harness.reports_dir, path, lang)
    for line in lines:
        echo(line)
    echo(index_line(harness.reports_dir))  # the run history links the new documents


def _documents(folder: Path, reports_dir: Path, config: Path, kind: str, lang: str) -> list[str]:
    from leganto_qa.cli.run_command import known_issues_path
    from leganto_qa.reports.accessibility_documents import write_documents
    from leganto_qa.reports.deviations import run_documents

    docs = guard(lambda: run_documents(folder, reports_dir, known_issues_path(config)))
    return list(write_documents(docs, [kind], lang))


def _translations(folder: Path, reports_dir: Path, lang: str) -> list[str]:
    from leganto_qa.model.records import RunLayout, load_record
    from leganto_qa.reports.translations import report_translations

    record = guard(lambda: load_record(folder))
    return list(guard(lambda: report_translations(record, RunLayout(folder), reports_dir, lang)))


def _findings(folder: Path, reports_dir: Path, config: Path, lang: str) -> list[str]:
    from leganto_qa.cli.run_command import known_issues_path
    from leganto_qa.model.records import RunLayout, load_record
    from leganto_qa.reports.findings_report import write_findings_report
    from leganto_qa.reports.regression_report import headline_lines, write_regression_report

    record = guard(lambda: load_record(folder))
    layout = RunLayout(folder)
    lines = [f"Findings report: {write_findings_report(record, layout, lang)}"]
    regression = guard(
        lambda: write_regression_report(
            record, layout, reports_dir, known_issues_path(config), lang
        )
    )
    if regression is None:
        sandbox = record.sandbox["id"]
        return [
            *lines,
            f"No baseline for {sandbox}: no regression report "
            f"('leganto-qa baseline accept {sandbox}')",
        ]
    return [*lines, *headline_lines(regression)]
