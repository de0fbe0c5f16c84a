"""Shared state kept in ``config.stash`` and ``item.stash`` (settings: ``options``; outcomes:
``outcomes``)."""

from __future__ import annotations

from typing import Any

import pytest

from leganto_qa.config.run_context import RunContext

RUN_KEY = pytest.StashKey[RunContext]()
"""config.stash: the current run (set when the harness is enabled)."""
PHASES_KEY = pytest.StashKey[dict[str, pytest.TestReport]]()
"""item.stash: the setup/call/teardown reports of a test, by phase."""
EXTRAS_KEY = pytest.StashKey[list[dict[str, Any]]]()
"""item.stash: pytest-html extras (screenshots) to attach to the next report."""


def run_context(config: pytest.Config) -> RunContext | None:
    """The current run, or None when the harness is not enabled (no ``--leganto-sandbox``)."""
    return config.stash.get(RUN_KEY, None)
