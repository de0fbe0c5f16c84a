"""The i18n suite's cases: every page state in every translation locale, English first."""

from __future__ import annotations

import pytest

from leganto_qa.config.translation_allowlist import Allowlist, allowlist_path, load_allowlist
from leganto_qa.i18n.text_inventory import TextInventory
from leganto_qa.pytest_plugin import run_context
from suites.a11y.states import STATES


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``case`` = (locale, page state), locale by locale so each role's pages stay logged in.

    English comes first: it is the source text every other locale is compared with.
    """
    run = run_context(metafunc.config)
    if run is None or "case" not in metafunc.fixturenames:
        return
    cases = [
        pytest.param(
            (locale, state), id=f"{state.id}-{locale}", marks=pytest.mark.xdist_group(state.role)
        )
        for locale in run.sandbox.i18n_locales
        for state in STATES
    ]
    metafunc.parametrize("case", cases)


@pytest.fixture(scope="session")
def allowlist(leganto_run) -> Allowlist:
    """``i18n-allowlist.toml`` beside sandboxes.toml (or the repository's)."""
    return load_allowlist(allowlist_path(leganto_run.harness.path))


@pytest.fixture(scope="session")
def english_inventories() -> dict[tuple[str, str], TextInventory]:
    """English inventories this worker collected, by (page state, role)."""
    return {}
