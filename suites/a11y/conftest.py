"""Keep each role's page states on one xdist worker.

A worker then logs a role in once per locale and walks the locales in order. On a real tenant
the UI language may be a per-user preference, so two workers switching one user's language at
the same time would scan the wrong locale; one worker per role avoids that.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        params = getattr(item, "callspec", None)
        if params is not None and "state" in params.params:
            item.add_marker(pytest.mark.xdist_group(params.params["state"].role))
