"""Fixtures that hand the suites page objects for each role, in the sandbox's default locale."""

from __future__ import annotations

import pytest

from leganto_qa.config.sandboxes import Targets
from suites.pages.app import Leganto


@pytest.fixture
def targets(live_sandbox) -> Targets:
    """The lists and citations this sandbox's config says to visit."""
    return live_sandbox.config.targets


@pytest.fixture
def institution(live_sandbox) -> str:
    return live_sandbox.config.institution


@pytest.fixture
def student(role_page, live_sandbox) -> Leganto:
    """A student in a fresh session."""
    locale = live_sandbox.config.default_locale
    return Leganto(role_page("student", locale), live_sandbox.base_url, locale)


@pytest.fixture
def instructor(role_page, live_sandbox) -> Leganto:
    """An instructor in a fresh session."""
    locale = live_sandbox.config.default_locale
    return Leganto(role_page("instructor", locale), live_sandbox.base_url, locale)


@pytest.fixture
def visitor(role_page, anonymous_role, live_sandbox) -> Leganto:
    """Someone who is not logged in (public links, Find lists)."""
    locale = live_sandbox.config.default_locale
    return Leganto(role_page(anonymous_role, locale), live_sandbox.base_url, locale)
