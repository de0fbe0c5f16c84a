"""pytest-xdist: one run across workers, and tests of one group (role, locale) on one worker.

Workers parse the original command line, so the controller hands them, through
``workerinput``, its run id, start time and distribution mode.
"""

from __future__ import annotations

from typing import Any

import pytest

from leganto_qa.config.run_context import RunContext


def prefer_loadgroup(config: pytest.Config, enabled: bool) -> None:
    """With ``-n``, keep tests of one xdist group together (``loadgroup``).

    ``loadgroup`` spreads ungrouped tests exactly as ``load`` does.
    """
    option = config.option
    distributed = getattr(option, "numprocesses", None)
    if enabled and distributed and option.dist in ("no", "load"):
        option.dist = "loadgroup"


def join_controllers_grouping(config: pytest.Config) -> None:
    """On a worker: distribute as the controller decided (see :func:`prefer_loadgroup`)."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput and workerinput.get("leganto_dist") == "loadgroup":
        config.option.dist = "loadgroup"
        config.option.loadgroup = True


def hand_run_to_worker(node: Any, run: RunContext) -> None:
    """Every worker joins the controller's run (same id, same folder)."""
    node.workerinput["leganto_dist"] = node.config.option.dist
    node.workerinput["leganto_run_id"] = run.run_id
    node.workerinput["leganto_started_at"] = run.started_at
