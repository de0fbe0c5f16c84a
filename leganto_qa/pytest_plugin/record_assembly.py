"""At session end, on the controller: the run record, the findings report, the summary lines.

Workers (and the controller's own fixtures) leave *parts* in the run folder as tests run; here
they are merged with the controller's outcomes into ``record.json``.
"""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from typing import Any

import pytest

from leganto_qa import __version__
from leganto_qa.config.run_context import RunContext
from leganto_qa.model.records import Outcome, assemble, utc_now
from leganto_qa.model.storage import write_json_atomic
from leganto_qa.pytest_plugin.sharding import shard_of
from leganto_qa.scanning.axe_scan import axe_version


def write_record(
    session: pytest.Session, exitstatus: int, run: RunContext, outcomes: list[Outcome]
) -> None:
    """Assemble ``record.json`` from the parts and ``outcomes``; write the findings report."""
    interrupted = exitstatus == pytest.ExitCode.INTERRUPTED or bool(session.shouldstop)
    sandbox = _sandbox(run)
    shard = shard_of(session.config)
    if shard is not None:
        sandbox["shard"] = shard.label  # ``leganto-qa merge`` joins the shards of a run
    base = {
        "run_id": run.run_id,
        "status": "interrupted" if interrupted else "complete",
        "sandbox": sandbox,
        "versions": versions(),
        "command": [run.redactor.text(arg) for arg in sys.argv],
        "started_at": run.started_at,
        "finished_at": utc_now(),
        "artifacts": _artifacts(session.config),
    }
    record = assemble(run.layout, base=base, outcomes=outcomes)
    write_json_atomic(run.layout.record_path, record.to_dict())
    from leganto_qa.reports.findings_report import write_findings_report  # jinja2: at the end

    write_findings_report(record, run.layout)


def _artifacts(config: pytest.Config) -> dict[str, str]:
    """The run's reports: pytest-html's only when it ran (runs of page-state suites alone
    leave it out: ``cli.run_command.PAGE_STATE_SUITES``)."""
    artifacts = {"findings_report": "findings.html"}
    if config.pluginmanager.has_plugin("html"):
        artifacts = {"html_report": "report.html", **artifacts}
    return artifacts


def _sandbox(run: RunContext) -> dict[str, Any]:
    sandbox = run.sandbox
    return {
        "id": sandbox.id,
        "kind": sandbox.kind,
        "institution": sandbox.institution,
        "base_url": sandbox.base_url or "stand-in (started by the harness)",
        "release": sandbox.release,
        "locales": list(sandbox.locales),
    }


def versions() -> dict[str, str]:
    """Versions known to the controller; workers add the browser they launched (a part)."""
    return {
        "harness": __version__,
        "axe_core": axe_version(),
        "browser": "not launched",
        "playwright": metadata.version("playwright"),
        "python": platform.python_version(),
    }


def write_summary(terminalreporter: Any, run: RunContext) -> None:
    """Where the run record and the findings report are, after pytest's own summary."""
    terminalreporter.write_sep("-", "leganto-qa")
    terminalreporter.write_line(f"run record:      {run.layout.record_path}")
    terminalreporter.write_line(f"findings report: {run.layout.findings_report}")
