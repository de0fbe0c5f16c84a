"""The plugin's hooks (entry point ``leganto_qa``): thin, each hands off to a module by concern.

The plugin stays inert unless a sandbox is named (``--leganto-sandbox`` or the ini setting
``leganto_sandbox``), so the harness's own tests and unrelated pytest runs are unaffected.

* ``options``: ``--leganto-*`` options, deprecated aliases, ini settings → ``Settings``;
* ``run_setup``: the run (sandbox, run folder, the stand-in's secrets);
* ``xdist_grouping``: one run across xdist workers, ``loadgroup`` distribution;
* ``sharding``: ``--leganto-shard K/N``, this machine's part of the run;
* ``outcomes`` and ``progress``: inconclusive tests, one outcome per test, progress lines;
* ``record_assembly``: ``record.json`` and the findings report at session end;
* ``hooks``: our hook specs (``pytest_leganto_state_captured``); fixtures: ``fixtures``.
"""

from __future__ import annotations

import random
from collections.abc import Generator
from typing import Any

import pytest

from leganto_qa.model.errors import HarnessError
from leganto_qa.pytest_plugin import hooks
from leganto_qa.pytest_plugin.failure_evidence import attach_extras
from leganto_qa.pytest_plugin.keys import EXTRAS_KEY, PHASES_KEY, RUN_KEY, run_context
from leganto_qa.pytest_plugin.outcomes import (
    COLLECTOR_KEY,
    INCONCLUSIVE,
    is_inconclusive,
    mark_inconclusive,
    one_line,
)
from leganto_qa.pytest_plugin.plugin_options import add_options, settings, warn_deprecated_aliases
from leganto_qa.pytest_plugin.progress import OutcomeTracker, teststatus
from leganto_qa.pytest_plugin.record_assembly import write_record, write_summary
from leganto_qa.pytest_plugin.report_redaction import redact_report
from leganto_qa.pytest_plugin.run_setup import create_run
from leganto_qa.pytest_plugin.sharding import configure_shard, empty_shard_is_ok, select_shard
from leganto_qa.pytest_plugin.xdist_grouping import (
    hand_run_to_worker,
    join_controllers_grouping,
    prefer_loadgroup,
)

__all__ = [  # names other modules imported from here before the split
    "EXTRAS_KEY",
    "INCONCLUSIVE",
    "PHASES_KEY",
    "RUN_KEY",
    "is_inconclusive",
    "one_line",
    "run_context",
]

ROLE_MARKER = "role(name): the sandbox role a test acts as"


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hooks)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    prefer_loadgroup(config, settings(config).enabled)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", ROLE_MARKER)
    warn_deprecated_aliases(config)
    wanted = settings(config)
    if not wanted.enabled:
        return
    configure_shard(config, wanted.shard)
    try:
        run = create_run(config, wanted)
    except HarnessError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[RUN_KEY] = run
    join_controllers_grouping(config)
    if run.is_controller:
        run.layout.root.mkdir(parents=True, exist_ok=True)
        if not getattr(config.option, "htmlpath", None):
            config.option.htmlpath = str(run.layout.html_report)
        config.option.self_contained_html = True
        tracker = OutcomeTracker(run, config)
        config.stash[COLLECTOR_KEY] = tracker.collector
        config.pluginmanager.register(tracker, "leganto-qa-outcomes")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: every worker joins the controller's run (same id, same folder)."""
    run = run_context(node.config)
    if run is not None:
        hand_run_to_worker(node, run)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    run = run_context(config)
    if run is None:
        return
    seed = settings(config).shuffle_seed
    if seed is not None:
        random.Random(seed).shuffle(items)
    select_shard(config, items, run.sandbox)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``locale``: once per configured locale; ``leganto_page_target``: once per page to scan."""
    run = run_context(metafunc.config)
    if run is None:
        return
    if "locale" in metafunc.fixturenames:
        metafunc.parametrize("locale", run.sandbox.locales, ids=list(run.sandbox.locales))
    if "leganto_page_target" in metafunc.fixturenames:
        pages = run.sandbox.pages.pages if run.sandbox.pages else ()
        metafunc.parametrize("leganto_page_target", list(pages), ids=[p.name for p in pages])


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """Keep each phase's report on the item (teardown code asks whether the test failed)."""
    result = yield
    report: pytest.TestReport = result.get_result()
    item.stash.setdefault(PHASES_KEY, {})[report.when] = report
    run = run_context(item.config)
    if run is None:
        return
    if call.excinfo is not None and is_inconclusive(call.excinfo.value):
        mark_inconclusive(item, report, call.excinfo.value, run)
    redact_report(report, run.redactor)  # before pytest-html, xdist or the terminal see it
    attach_extras(item, report)


def pytest_report_teststatus(
    report: pytest.TestReport, config: pytest.Config
) -> tuple[str, str, str] | None:
    return teststatus(report, config)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    run = run_context(session.config)
    collector = session.config.stash.get(COLLECTOR_KEY, None)
    if run is not None:
        empty_shard_is_ok(session)
    if run is not None and collector is not None:
        write_record(session, exitstatus, run, collector.outcomes())


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    run = run_context(config)
    if run is not None and run.is_controller and run.layout.record_path.exists():
        write_summary(terminalreporter, run)
