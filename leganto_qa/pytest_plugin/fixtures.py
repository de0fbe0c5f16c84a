"""The fixtures suites use (entry point ``leganto_qa_fixtures``): ``pytest --fixtures`` lists them.

They live in modules by concern and are gathered here so one entry point registers them all:

* run and sandbox (``sandbox_fixtures``): ``leganto_run``, ``live_sandbox``, ``alma_api``,
  ``open_proxy``, ``anonymous_role``, ``leganto_page_target``;
* browser (``browser_fixtures``): ``leganto_launch_args``, ``leganto_context_args``,
  ``leganto_browser``, ``role_sessions``, ``role_page``, ``shared_page``, ``capture_state``;
* the state explorer (``explore_fixtures``): ``explorer_for``;
* evidence (``failure_evidence``): ``leganto_failure_evidence``;
* parts of the run record (here): ``record_api_shape``, ``record_embedding``,
  ``record_integration``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from leganto_qa.config.run_context import RunContext
from leganto_qa.model.records import write_part
from leganto_qa.pytest_plugin.browser_fixtures import (
    RolePageFactory,
    capture_state,
    leganto_browser,
    leganto_context_args,
    leganto_launch_args,
    role_page,
    role_sessions,
    shared_page,
)
from leganto_qa.pytest_plugin.explore_fixtures import ExplorerFactory, explorer_for
from leganto_qa.pytest_plugin.failure_evidence import FailureEvidence, leganto_failure_evidence
from leganto_qa.pytest_plugin.sandbox_fixtures import (
    LiveSandbox,
    alma_api,
    anonymous_role,
    leganto_page_target,
    leganto_run,
    live_sandbox,
    open_proxy,
)

if TYPE_CHECKING:
    from leganto_qa.compare.api_shapes import Shape

__all__ = [
    "ExplorerFactory",
    "FailureEvidence",
    "LiveSandbox",
    "RolePageFactory",
    "alma_api",
    "anonymous_role",
    "capture_state",
    "explorer_for",
    "leganto_browser",
    "leganto_context_args",
    "leganto_failure_evidence",
    "leganto_launch_args",
    "leganto_page_target",
    "leganto_run",
    "live_sandbox",
    "open_proxy",
    "record_api_shape",
    "record_embedding",
    "record_integration",
    "role_page",
    "role_sessions",
    "shared_page",
]


@pytest.fixture
def record_api_shape(leganto_run: RunContext) -> Callable[[str, Shape], None]:
    """``record_api_shape(name, shape)``: keep an API contract shape in the run record."""

    def record(name: str, shape: Shape) -> None:
        payload = {"name": name, "shape": shape.to_dict()}
        run = leganto_run
        write_part(run.layout, run.worker, "api_shape", payload, run.redactor)

    return record


@pytest.fixture
def record_embedding(leganto_run: RunContext) -> Callable[[str, dict[str, Any]], None]:
    """``record_embedding(check, observed)``: keep what an LMS-embedding check saw in the record.

    The run record's ``embedding`` table holds ``observed`` under ``check`` (one per check).
    """

    def record(check: str, observed: dict[str, Any]) -> None:
        payload = {"check": check, "observed": observed}
        run = leganto_run
        write_part(run.layout, run.worker, "embedding", payload, run.redactor)

    return record


@pytest.fixture
def record_integration(
    leganto_run: RunContext,
) -> Callable[[str, list[dict[str, Any]]], None]:
    """``record_integration(area, entries)``: keep what an integration check saw in the record.

    ``area`` is ``links``, ``copyright`` or ``exports``; each entry is a JSON object with a
    unique ``key`` within its area. The run record's ``integrations[area]`` holds all entries of
    the run, ordered by key; ``compare.integration_changes`` diffs them with the baseline's.
    """

    def record(area: str, entries: list[dict[str, Any]]) -> None:
        payload = {"area": area, "entries": entries}
        run = leganto_run
        write_part(run.layout, run.worker, "integration", payload, run.redactor)

    return record
