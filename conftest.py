"""This checkout's own pytest wiring; the work is done by the leganto-qa plugin (entry points).

From the repository root a tester runs the suites with plain pytest::

    python3 -m pytest suites --leganto-sandbox demo
    python3 -m pytest suites/workflows --leganto-sandbox demo --leganto-release 2024-05
    python3 -m pytest suites -m "workflows or api" --leganto-sandbox demo

The plugin reads this checkout's ``sandboxes.toml`` (the one in the working directory, else
the one beside ``pyproject.toml``) unless ``--leganto-config`` or ``$LEGANTO_QA_CONFIG`` names
another. ``python3 -m pytest`` alone runs the harness's own tests (``testpaths = ["tests"]``).

Here: one marker per suite folder, so ``-m`` can pick suites.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SUITES = ("workflows", "a11y", "api", "i18n", "embedding", "scan", "links")
"""The folders of suites/; each one's tests carry the marker of that name."""


def pytest_configure(config: pytest.Config) -> None:
    for suite in SUITES:
        config.addinivalue_line("markers", f"{suite}: the tests of suites/{suite}/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = item.path.parts
        if len(parts) > 2 and parts[-3] == "suites" and parts[-2] in SUITES:
            item.add_marker(getattr(pytest.mark, parts[-2]))
