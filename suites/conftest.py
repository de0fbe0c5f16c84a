"""Fixtures that hand the suites page objects for each role, in the sandbox's default locale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from leganto_qa.config.sandboxes import Targets
from leganto_qa.model.records import test_id, write_part
from leganto_qa.model.storage import write_json_atomic
from leganto_qa.pytest_plugin import has_failed
from suites.pages.app import Leganto


@pytest.fixture
def targets(live_sandbox) -> Targets:
    """The lists and citations this sandbox's config says to visit."""
    return live_sandbox.config.targets


@pytest.fixture
def institution(live_sandbox) -> str:
    return live_sandbox.config.institution


@pytest.fixture
def student(role_page, live_sandbox, request, leganto_run) -> Iterator[Leganto]:
    """A student in a fresh session."""
    locale = live_sandbox.config.default_locale
    app = Leganto(role_page("student", locale), live_sandbox.base_url, locale)
    yield app
    _keep_steps_of_failure(request, leganto_run, "student", app)


@pytest.fixture
def instructor(role_page, live_sandbox, request, leganto_run) -> Iterator[Leganto]:
    """An instructor in a fresh session."""
    locale = live_sandbox.config.default_locale
    app = Leganto(role_page("instructor", locale), live_sandbox.base_url, locale)
    yield app
    _keep_steps_of_failure(request, leganto_run, "instructor", app)


@pytest.fixture
def visitor(role_page, anonymous_role, live_sandbox, request, leganto_run) -> Iterator[Leganto]:
    """Someone who is not logged in (public links, Find lists)."""
    locale = live_sandbox.config.default_locale
    app = Leganto(role_page(anonymous_role, locale), live_sandbox.base_url, locale)
    yield app
    _keep_steps_of_failure(request, leganto_run, "visitor", app)


# --- the steps of a failed workflow, for the case draft (tests/<test>/steps.json) ------------


def _keep_steps_of_failure(request, run, role: str, app: Leganto) -> None:
    """A failed test keeps the steps its page objects recorded, as an artifact of the test."""
    if not has_failed(request.node) or not app.steps.items:
        return
    test = test_id(request.node.nodeid)
    path = run.layout.test_dir(test) / "steps.json"
    steps = [run.redactor.text(step) for step in app.steps.items]  # page text: never a secret
    write_json_atomic(path, {"role": role, "locale": app.locale, "steps": steps})
    artifacts = [run.layout.relative(path)]
    write_part(
        run.layout,
        run.worker,
        "test_artifacts",
        {"test": test, "artifacts": artifacts},
        run.redactor,
    )
