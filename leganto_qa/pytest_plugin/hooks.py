"""Hook specifications: how a project's conftest adds its own checks to a run.

Registered through ``pytest_addhooks``. Implement a hook in a ``conftest.py`` (or a plugin);
pytest passes only the arguments the implementation names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from leganto_qa.model.findings import StateContext
    from leganto_qa.pytest_plugin.user_findings import AddFinding


@pytest.hookspec
def pytest_leganto_state_captured(page: Page, state: StateContext, add_finding: AddFinding) -> None:
    """A page state was captured (axe, evidence, browser checks); add your own findings.

    ``state`` names the page state, role, locale and URL. Call
    ``add_finding(rule, description, selector=..., criteria=("2.4.1",), ...)`` for each
    problem your check sees on ``page``: the finding goes into the run record with the
    state's other findings (kind ``wcag`` when ``criteria`` are given, else
    ``best-practice``), and a WCAG finding the baseline does not accept fails the test
    like an axe finding. Leave the page as you found it.
    """
