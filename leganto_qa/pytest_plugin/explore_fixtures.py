"""The state explorer for the suites: ``explorer_for`` binds it to the run and ``capture_state``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import pytest
from playwright.sync_api import Page

from leganto_qa.config.run_context import RunContext
from leganto_qa.explore.explorer import Explorer
from leganto_qa.explore.settings import ExploreSettings
from leganto_qa.scanning.state_capture import CaptureResult


class ExplorerFactory(Protocol):
    """``explorer_for(enabled, *, steps=(), reach_again=None)``."""

    def __call__(
        self,
        enabled: bool = True,
        *,
        steps: tuple[str, ...] = (),
        reach_again: Callable[[Page], None] | None = None,
    ) -> Explorer: ...


@pytest.fixture
def explorer_for(
    capture_state: Callable[..., CaptureResult], leganto_run: RunContext
) -> ExplorerFactory:
    """``explorer_for(enabled, steps=..., reach_again=...)``: an explorer to pass as
    ``capture_state(..., also=explorer)``.

    It opens what a user can open on the captured state and captures each new state as a child
    page state (``[harness] explore``, ``explore_max_states``, ``explore_budget_s``). Like the
    browser checks it runs in the sandbox's default locale only (every locale with
    ``--leganto-checks-all-locales``); the widget checks run on what it opened unless the run
    runs no checks. An axe-only run does not explore: it scans the named page states with
    axe-core and nothing else, as a peer tool would.
    ``enabled=False`` (a state not worth exploring) gives an explorer that does nothing.
    """
    run = leganto_run
    settings = ExploreSettings.of(run.harness)
    locales = None if run.checks_all_locales else frozenset({run.sandbox.default_locale})

    def make(
        enabled: bool = True,
        *,
        steps: tuple[str, ...] = (),
        reach_again: Callable[[Page], None] | None = None,
    ) -> Explorer:
        return Explorer(
            capture_state,
            settings if enabled and not run.axe_only else replace(settings, enabled=False),
            steps=steps,
            reach_again=reach_again,
            widget_checks=bool(run.checks),
            locales=locales,
        )

    return make
