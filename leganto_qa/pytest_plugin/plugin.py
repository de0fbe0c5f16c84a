"""The pytest plugin: options, run set-up, outcomes, and the run record at session end.

It is the one module that knows pytest hooks. It stays inert unless ``--sandbox`` is given, so
the harness's own tests and unrelated pytest runs are unaffected.
"""

from __future__ import annotations

import os
import platform
import random
import re
import secrets
import sys
from collections.abc import Generator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

from leganto_qa import __version__
from leganto_qa.checks.registry import parse_checks
from leganto_qa.compare.baseline import accepted_fingerprints
from leganto_qa.config.run_context import RunContext
from leganto_qa.config.sandboxes import ApiConfig, default_config_path, load_config
from leganto_qa.model.errors import HarnessError, SandboxUnavailable
from leganto_qa.model.records import (
    Outcome,
    OutcomeKind,
    RunLayout,
    assemble,
    test_id,
    utc_now,
)
from leganto_qa.model.run_folders import open_run_folder
from leganto_qa.model.storage import write_json_atomic
from leganto_qa.pytest_plugin.report_redaction import redact_report
from leganto_qa.reports.findings_report import write_findings_report
from leganto_qa.scanning.axe_scan import axe_version

RUN_KEY = pytest.StashKey[RunContext]()
PHASES_KEY = pytest.StashKey[dict[str, pytest.TestReport]]()
EXTRAS_KEY = pytest.StashKey[list[dict[str, Any]]]()
INCONCLUSIVE = ("leganto_outcome", "inconclusive")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("leganto-qa", "leganto-qa: run suites against a Leganto sandbox")
    group.addoption(
        "--sandbox",
        default=None,
        help="Sandbox id from sandboxes.toml to test (enables the harness).",
    )
    group.addoption(
        "--leganto-config",
        default=None,
        help="Path of sandboxes.toml (default: $LEGANTO_QA_CONFIG or ./sandboxes.toml).",
    )
    group.addoption(
        "--release",
        default=None,
        help="Release label: served by a stand-in sandbox, recorded for a real one.",
    )
    group.addoption(
        "--locale",
        action="append",
        default=None,
        help="Locale to test (repeatable; default: the sandbox's locales).",
    )
    group.addoption("--run-id", default=None, help="Run id (default: a new timestamped id).")
    group.addoption(
        "--axe-only",
        action="store_true",
        default=False,
        help="Scan page states with axe only: no screenshots or ARIA snapshots.",
    )
    group.addoption(
        "--checks",
        default=None,
        help="Browser checks on page states, e.g. keyboard,reflow (all, none; default: all, "
        "in the sandbox's default locale only). See leganto_qa/checks.",
    )
    group.addoption(
        "--checks-all-locales",
        action="store_true",
        default=False,
        help="Run the browser checks in every locale, not only the default one.",
    )
    group.addoption(
        "--shuffle-seed",
        type=int,
        default=None,
        help="Run tests in a shuffled order (this seed), to show results do not depend on order.",
    )
    group.addoption(
        "--leganto-progress",
        action="store_true",
        default=False,
        help="Print one line per finished test instead of pytest's dots.",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """With ``-n``, keep tests of one xdist group (role and locale) on one worker.

    ``loadgroup`` spreads ungrouped tests exactly as ``load`` does.
    """
    option = config.option
    distributed = getattr(option, "numprocesses", None)
    if getattr(option, "sandbox", None) and distributed and option.dist in ("no", "load"):
        option.dist = "loadgroup"


def run_context(config: pytest.Config) -> RunContext | None:
    """The current run, or None when the harness is not enabled (no ``--sandbox``)."""
    return config.stash.get(RUN_KEY, None)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    sandbox_id = config.getoption("sandbox")
    if not sandbox_id:
        return
    try:
        run = _create_run(config, sandbox_id)
    except HarnessError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[RUN_KEY] = run
    workerinput = getattr(config, "workerinput", None)
    if workerinput and workerinput.get("leganto_dist") == "loadgroup":
        # Workers parse the original command line; give them the controller's grouping.
        config.option.dist = "loadgroup"
        config.option.loadgroup = True
    config.addinivalue_line("markers", "role(name): the sandbox role a test acts as")
    if run.is_controller:
        run.layout.root.mkdir(parents=True, exist_ok=True)
        if not getattr(config.option, "htmlpath", None):
            config.option.htmlpath = str(run.layout.html_report)
        config.option.self_contained_html = True
        collector = _OutcomeCollector(run, config)
        config.stash[_COLLECTOR_KEY] = collector
        config.pluginmanager.register(collector, "leganto-qa-outcomes")


def _create_run(config: pytest.Config, sandbox_id: str) -> RunContext:
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    harness = load_config(_config_path(config))
    sandbox = harness.sandbox(sandbox_id)
    if config.getoption("release"):
        sandbox = sandbox.with_release(config.getoption("release"))
    if config.getoption("locale"):
        sandbox = sandbox.with_locales(config.getoption("locale"))
    if sandbox.is_stand_in:
        _provide_stand_in_password(sandbox.roles)
        _provide_stand_in_apikey(sandbox.api)
    run_id = (workerinput or {}).get("leganto_run_id") or (
        open_run_folder(harness.reports_dir, sandbox.id, config.getoption("run_id")).root.name
    )
    return RunContext(
        harness=harness,
        sandbox=sandbox,
        run_id=run_id,
        layout=RunLayout.for_run(harness.reports_dir, sandbox.id, run_id),
        worker=(workerinput or {}).get("workerid", "controller"),
        axe_only=bool(config.getoption("axe_only")),
        headed=bool(config.getoption("headed", False)),
        progress=bool(config.getoption("leganto_progress")),
        started_at=(workerinput or {}).get("leganto_started_at") or utc_now(),
        accepted=accepted_fingerprints(harness.reports_dir, sandbox.id),
        checks=parse_checks(config.getoption("checks")),
        checks_all_locales=bool(config.getoption("checks_all_locales")),
    )


def _config_path(config: pytest.Config) -> Path:
    given = config.getoption("leganto_config")
    return Path(given) if given else default_config_path()


def _provide_stand_in_password(roles: tuple[Any, ...]) -> None:
    """The stand-in's demo users get a fresh random password unless one is exported."""
    for role in roles:
        if role.password_env and not os.environ.get(role.password_env):
            os.environ[role.password_env] = secrets.token_urlsafe(16)


def _provide_stand_in_apikey(api: ApiConfig | None) -> None:
    """The stand-in's Alma API gets a fresh random key unless one is exported."""
    if api is not None and api.apikey_env and not os.environ.get(api.apikey_env):
        os.environ[api.apikey_env] = secrets.token_urlsafe(24)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: every worker joins the controller's run (same id, same folder)."""
    run = run_context(node.config)
    if run is not None:
        node.workerinput["leganto_dist"] = node.config.option.dist
        node.workerinput["leganto_run_id"] = run.run_id
        node.workerinput["leganto_started_at"] = run.started_at


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    seed = config.getoption("shuffle_seed", None)
    if run_context(config) is not None and seed is not None:
        random.Random(seed).shuffle(items)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests that take ``locale`` run once per configured locale."""
    run = run_context(metafunc.config)
    if run is not None and "locale" in metafunc.fixturenames:
        metafunc.parametrize("locale", run.sandbox.locales, ids=list(run.sandbox.locales))


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    result = yield
    report: pytest.TestReport = result.get_result()
    item.stash.setdefault(PHASES_KEY, {})[report.when] = report
    run = run_context(item.config)
    if run is None:
        return
    if call.excinfo is not None and is_inconclusive(call.excinfo.value):
        message = run.redactor.text(one_line(str(call.excinfo.value)))
        report.outcome = "skipped"
        report.longrepr = (str(item.path), item.location[1] or 0, f"inconclusive: {message}")
        report.user_properties.append(INCONCLUSIVE)
    redact_report(report, run.redactor)  # before pytest-html, xdist or the terminal see it
    extras = item.stash.get(EXTRAS_KEY, [])
    if extras:
        report.extras = [*getattr(report, "extras", []), *extras]  # type: ignore[attr-defined]
        extras.clear()


def is_inconclusive(exc: BaseException) -> bool:
    """Failures that teach nothing about Leganto: sandbox down, network, login."""
    if isinstance(exc, SandboxUnavailable):
        return True
    return isinstance(exc, PlaywrightError) and "net::ERR_" in str(exc)


def one_line(text: str, limit: int = 300) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= limit else first[: limit - 1] + "…"


def pytest_report_teststatus(
    report: pytest.TestReport, config: pytest.Config
) -> tuple[str, str, str] | None:
    if INCONCLUSIVE in getattr(report, "user_properties", []):
        letter = "" if _progress(config) else "I"
        return "inconclusive", letter, "INCONCLUSIVE"
    if _progress(config) and report.when == "call":
        return report.outcome, "", ""
    return None


def _progress(config: pytest.Config) -> bool:
    run = run_context(config)
    return run is not None and run.progress


# --- outcomes, progress and the run record (controller only) --------------------------------


@dataclass
class _Tally:
    outcome: OutcomeKind | None = None
    duration: float = 0.0
    message: str = ""


class _OutcomeCollector:
    """Folds the setup/call/teardown reports of each test into one outcome."""

    def __init__(self, run: RunContext, config: pytest.Config) -> None:
        self.run = run
        self.config = config
        self.tallies: dict[str, _Tally] = {}
        self.total: int | None = None
        self.done = 0

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: Any, ids: list[str]) -> None:
        self.total = len(ids)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if self.total is None and session.items:
            self.total = len(session.items)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        outcome = self.add(report)
        if outcome is None or not self.run.progress:
            return
        total = f"/{self.total}" if self.total else ""
        line = (
            f"[{self.done}{total}] {outcome.outcome.upper():<12} {outcome.test} "
            f"({outcome.duration_s:.1f}s)"
        )
        if outcome.message and outcome.outcome != "passed":
            line += f"\n    {outcome.message}"
        terminal = self.config.pluginmanager.get_plugin("terminalreporter")
        if terminal is not None:
            terminal.write_line(line)

    def add(self, report: pytest.TestReport) -> Outcome | None:
        tally = self.tallies.setdefault(test_id(report.nodeid), _Tally())
        tally.duration += report.duration
        if INCONCLUSIVE in report.user_properties:
            tally.outcome = "inconclusive"
            tally.message = _skip_reason(report)
        elif report.failed and tally.outcome != "inconclusive":
            tally.outcome = "failed"
            tally.message = tally.message or self.run.redactor.text(_failure_line(report))
        elif report.skipped and tally.outcome is None:
            tally.outcome = "skipped"
            tally.message = _skip_reason(report)
        elif report.when == "call" and report.passed and tally.outcome is None:
            tally.outcome = "passed"
        if report.when != "teardown":
            return None
        self.done += 1
        return self.outcome(test_id(report.nodeid))

    def outcome(self, nodeid: str) -> Outcome:
        tally = self.tallies[nodeid]
        return Outcome(
            test=nodeid,
            suite=_suite_of(nodeid),
            outcome=tally.outcome or "failed",
            duration_s=round(tally.duration, 3),
            message=tally.message,
        )

    def outcomes(self) -> list[Outcome]:
        return [self.outcome(nodeid) for nodeid in self.tallies]


_COLLECTOR_KEY = pytest.StashKey[_OutcomeCollector]()


def _suite_of(nodeid: str) -> str:
    parts = nodeid.split("::")[0].split("/")
    return parts[parts.index("suites") + 1] if "suites" in parts[:-1] else parts[0]


def _failure_line(report: pytest.TestReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(report.longrepr)
    prefix = "" if report.when == "call" else f"error in {report.when}: "
    waited = _WAITING_FOR.search(text)
    suffix = f" (waiting for {waited.group(1)})" if waited else ""
    return prefix + one_line(text, limit=300 - len(suffix)) + suffix


_WAITING_FOR = re.compile(r"waiting for (locator\(.*\)|get_by_\w+\(.*\))\s*$", re.MULTILINE)


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return one_line(str(longrepr))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    run = run_context(session.config)
    collector = session.config.stash.get(_COLLECTOR_KEY, None)
    if run is None or collector is None:
        return
    interrupted = exitstatus == pytest.ExitCode.INTERRUPTED or session.shouldstop
    base = {
        "run_id": run.run_id,
        "status": "interrupted" if interrupted else "complete",
        "sandbox": {
            "id": run.sandbox.id,
            "kind": run.sandbox.kind,
            "institution": run.sandbox.institution,
            "base_url": run.sandbox.base_url or "stand-in (started by the harness)",
            "release": run.sandbox.release,
            "locales": list(run.sandbox.locales),
        },
        "versions": _versions(),
        "command": [run.redactor.text(arg) for arg in sys.argv],
        "started_at": run.started_at,
        "finished_at": utc_now(),
        "artifacts": {"html_report": "report.html", "findings_report": "findings.html"},
    }
    record = assemble(run.layout, base=base, outcomes=collector.outcomes())
    write_json_atomic(run.layout.record_path, record.to_dict())
    write_findings_report(record, run.layout)


def _versions() -> dict[str, str]:
    """Versions known to the controller; workers add the browser they launched (a part)."""
    return {
        "harness": __version__,
        "axe_core": axe_version(),
        "browser": "not launched",
        "playwright": metadata.version("playwright"),
        "python": platform.python_version(),
    }


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    run = run_context(config)
    if run is None or not run.is_controller or not run.layout.record_path.exists():
        return
    terminalreporter.write_sep("-", "leganto-qa")
    terminalreporter.write_line(f"run record:      {run.layout.record_path}")
    terminalreporter.write_line(f"findings report: {run.layout.findings_report}")
